// Versioned migrations, applied in order once each (table schema_migrations). Kept as SQL
// strings so that the compiled package carries them; one statement list per version.
/** Converts the events whose disagreements hold English lines (before migration 14, or a record imported from then). */
export const DISAGREEMENT_LINES_TO_VALUES = `UPDATE events SET disagreements = skywatch_disagreement_values(disagreements)
  WHERE jsonb_typeof(disagreements) = 'array' AND jsonb_path_exists(disagreements, '$[*] ? (@.type() == "string")')`;

/**
 * What migration 16 converts, kept apart so that a record exported before it can be converted on
 * import the same way: the disagreements logged in event_changes and carried by the alerts not yet
 * delivered (and the digests being gathered) become values as migration 14 made the events', and
 * the claim reasons stored as English sentences before migration 10 become codes with parameters.
 */
export const PROSE_TO_VALUES = [
  `UPDATE event_changes SET fields = jsonb_set(fields, '{disagreements}', skywatch_disagreement_values(fields->'disagreements'))
    WHERE jsonb_path_exists(fields, '$.disagreements[*] ? (@.type() == "string")')`,
  // An alert delivered stays as it was sent; one pending (or dead, which may be sent again) is sent as values.
  `UPDATE alert_deliveries SET payload = jsonb_set(payload, '{event,disagreements}', skywatch_disagreement_values(payload#>'{event,disagreements}'))
    WHERE status <> 'delivered' AND jsonb_path_exists(payload, '$.event.disagreements[*] ? (@.type() == "string")')`,
  `UPDATE alert_deliveries SET payload = jsonb_set(payload, '{events}', (
      SELECT jsonb_agg(CASE WHEN jsonb_path_exists(x.item, '$.event.disagreements[*] ? (@.type() == "string")')
        THEN jsonb_set(x.item, '{event,disagreements}', skywatch_disagreement_values(x.item#>'{event,disagreements}')) ELSE x.item END ORDER BY x.n)
      FROM jsonb_array_elements(payload->'events') WITH ORDINALITY AS x(item, n)))
    WHERE status <> 'delivered' AND jsonb_typeof(payload->'events') = 'array'
      AND jsonb_path_exists(payload, '$.events[*].event.disagreements[*] ? (@.type() == "string")')`,
  `UPDATE alert_digest_items SET event = jsonb_set(event, '{disagreements}', skywatch_disagreement_values(event->'disagreements'))
    WHERE jsonb_path_exists(event, '$.disagreements[*] ? (@.type() == "string")')`,
  `UPDATE claims AS c SET reason = skywatch_reason_value(c.reason #>> '{}', i.weapon)
    FROM incidents i WHERE i.id = c.incident_id AND jsonb_typeof(c.reason) = 'string'`,
];

export const MIGRATIONS: Array<{ version: number; name: string; statements: string[] }> = [
  {
    version: 1,
    name: "reports, incidents, events, claims, local places, subscriptions",
    statements: [
      `CREATE TABLE reports (
        id serial PRIMARY KEY,
        source text NOT NULL,
        natural_key text NOT NULL,
        version integer NOT NULL,
        url text,
        title text,
        published date,
        language text NOT NULL,
        text text NOT NULL,
        content_hash text NOT NULL,
        flags jsonb NOT NULL DEFAULT '[]'::jsonb,
        ingested_at timestamptz NOT NULL DEFAULT now()
      )`,
      "CREATE UNIQUE INDEX reports_key_version ON reports (natural_key, version)",
      "CREATE UNIQUE INDEX reports_key_hash ON reports (natural_key, content_hash)",
      `CREATE TABLE incidents (
        id serial PRIMARY KEY,
        report_id integer NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
        current boolean NOT NULL DEFAULT true,
        kind text NOT NULL, weapon text NOT NULL, country text, region text, settlement text, date date,
        count integer, count_qualifier text, group_total integer, killed integer, injured integer,
        targets jsonb NOT NULL, official text, evidence text NOT NULL, evidence_spans jsonb NOT NULL,
        water_area text, confidence real NOT NULL, lat double precision, lon double precision,
        geo_precision integer, geonameid integer, fusion_key text NOT NULL
      )`,
      "CREATE INDEX incidents_report ON incidents (report_id)",
      "CREATE INDEX incidents_fusion ON incidents (fusion_key) WHERE current",
      `CREATE TABLE events (
        id serial PRIMARY KEY,
        fusion_key text NOT NULL UNIQUE,
        kind text NOT NULL, weapon text NOT NULL, country text, region text, settlement text, date date,
        water_area text, lat double precision, lon double precision, geo_precision integer,
        count integer, killed integer, injured integer, targets jsonb NOT NULL, officials jsonb NOT NULL,
        sources integer NOT NULL, disagreements jsonb NOT NULL, updated_at timestamptz NOT NULL DEFAULT now()
      )`,
      "CREATE INDEX events_date ON events (date)",
      "CREATE INDEX events_region_date ON events (region, date)",
      `CREATE TABLE claims (
        event_id integer NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        incident_id integer NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
        reason text NOT NULL,
        PRIMARY KEY (event_id, incident_id)
      )`,
      "CREATE INDEX claims_incident ON claims (incident_id)",
      `CREATE TABLE local_places (
        id serial PRIMARY KEY, name text NOT NULL, region text NOT NULL,
        lat double precision NOT NULL, lon double precision NOT NULL, added_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE TABLE subscriptions (
        id serial PRIMARY KEY, region text, lat double precision, lon double precision, radius_km double precision,
        webhook text, email text, created_at timestamptz NOT NULL DEFAULT now()
      )`,
    ],
  },
  {
    version: 2,
    name: "indexes for the default event order (newest first), per region, and common filters",
    statements: [
      "CREATE INDEX events_order ON events ((coalesce(date, '0001-01-01'::date)) DESC, id DESC)",
      "CREATE INDEX events_region_order ON events (region, (coalesce(date, '0001-01-01'::date)) DESC, id DESC)",
      "CREATE INDEX events_kind_weapon_date ON events (kind, weapon, date)",
      "CREATE INDEX events_region_kind ON events (region, kind)",
      "CREATE INDEX events_country_date ON events (country, date)",
    ],
  },
  {
    version: 3,
    name: "incidents.fusion_base: the fusion key without the settlement",
    statements: [
      "ALTER TABLE incidents ADD COLUMN fusion_base text",
      "UPDATE incidents SET fusion_base = regexp_replace(fusion_key, '\\|[^|]*$', '')",
      "ALTER TABLE incidents ALTER COLUMN fusion_base SET NOT NULL",
      "CREATE INDEX incidents_fusion_base ON incidents (fusion_base) WHERE current",
    ],
  },
  {
    version: 4,
    name: "api_keys (hashed, with a role and an optional source), reports.written_by",
    statements: [
      `CREATE TABLE api_keys (
        id serial PRIMARY KEY,
        key_hash text NOT NULL UNIQUE,
        prefix text NOT NULL,
        role text NOT NULL CHECK (role IN ('writer', 'admin')),
        source text,
        label text,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      )`,
      "CREATE INDEX api_keys_source ON api_keys (source) WHERE source IS NOT NULL",
      "ALTER TABLE reports ADD COLUMN written_by integer REFERENCES api_keys(id)",
    ],
  },
  {
    version: 5,
    name: "extractor versions (incidents.extractor_version, report_extractions); stable events (version, state, merged_into, fusion_base) and event_changes",
    statements: [
      // null: stored before versions were recorded (skywatch reextract reads those reports again).
      "ALTER TABLE incidents ADD COLUMN extractor_version text",
      `CREATE TABLE report_extractions (
        report_id integer NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
        extractor_version text NOT NULL,
        extracted_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (report_id, extractor_version)
      )`,
      "ALTER TABLE events ADD COLUMN version integer NOT NULL DEFAULT 1",
      "ALTER TABLE events ADD COLUMN state text NOT NULL DEFAULT 'live' CHECK (state IN ('live', 'merged', 'withdrawn'))",
      "ALTER TABLE events ADD COLUMN merged_into integer REFERENCES events(id) ON DELETE SET NULL",
      "ALTER TABLE events ADD COLUMN fusion_base text GENERATED ALWAYS AS (regexp_replace(fusion_key, '\\|[^|]*$', '')) STORED",
      "CREATE INDEX events_fusion_base ON events (fusion_base)",
      "CREATE INDEX events_merged_into ON events (merged_into) WHERE merged_into IS NOT NULL",
      `CREATE TABLE event_changes (
        id bigserial PRIMARY KEY,
        event_id integer NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        version integer NOT NULL,
        change text NOT NULL CHECK (change IN ('created', 'updated', 'merged', 'withdrawn')),
        fields jsonb NOT NULL,
        changed_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (event_id, version)
      )`,
      // The events there are start their history here, at version 1.
      "INSERT INTO event_changes (event_id, version, change, fields) SELECT id, 1, 'created', to_jsonb(events) - 'id' FROM events",
    ],
  },
  {
    version: 6,
    name: "sources (a registry of feeds, Telegram channels and web pages, with collection state), reports.source_id",
    statements: [
      `CREATE TABLE sources (
        id serial PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('rss', 'telegram', 'web')),
        address text NOT NULL,
        label text,
        language text NOT NULL DEFAULT 'auto' CHECK (language IN ('auto', 'en', 'ru', 'uk')),
        type text NOT NULL DEFAULT 'media' CHECK (type IN ('official', 'agency', 'media', 'aggregator')),
        interval_seconds integer NOT NULL DEFAULT 300 CHECK (interval_seconds > 0),
        enabled boolean NOT NULL DEFAULT true,
        backfill_until date,
        created_at timestamptz NOT NULL DEFAULT now(),
        etag text,
        last_modified text,
        cursor jsonb NOT NULL DEFAULT '{}'::jsonb,
        next_run_at timestamptz NOT NULL DEFAULT now(),
        lease_owner text,
        lease_until timestamptz,
        failures integer NOT NULL DEFAULT 0,
        last_run_at timestamptz,
        last_success_at timestamptz,
        last_error_at timestamptz,
        last_error text,
        last_run jsonb,
        items_seen bigint NOT NULL DEFAULT 0,
        items_new bigint NOT NULL DEFAULT 0,
        items_failed bigint NOT NULL DEFAULT 0,
        newest_item_at timestamptz,
        typical_gap_seconds double precision,
        UNIQUE (kind, address)
      )`,
      "CREATE INDEX sources_due ON sources (next_run_at) WHERE enabled",
      "ALTER TABLE reports ADD COLUMN source_id integer REFERENCES sources(id) ON DELETE SET NULL",
      "CREATE INDEX reports_source_id ON reports (source_id) WHERE source_id IS NOT NULL",
    ],
  },
  {
    version: 7,
    name: "alerts: subscriptions (filter and channel; replaces the unused table of migration 1), alert_outbox (filled by a trigger on event_changes, in the transaction that changes the event), alert_deliveries, alert_digest_items",
    statements: [
      // The table of migration 1 was never written to.
      "DROP TABLE IF EXISTS subscriptions",
      `CREATE TABLE subscriptions (
        id serial PRIMARY KEY,
        token_hash text NOT NULL UNIQUE,
        secret text NOT NULL,
        channel text NOT NULL CHECK (channel IN ('webhook', 'email', 'feed')),
        target text,
        regions text[] NOT NULL DEFAULT '{}',
        kinds text[] NOT NULL DEFAULT '{}',
        weapons text[] NOT NULL DEFAULT '{}',
        casualties boolean NOT NULL DEFAULT false,
        place text,
        lat double precision,
        lon double precision,
        radius_km double precision CHECK (radius_km IS NULL OR radius_km > 0),
        mode text NOT NULL DEFAULT 'each' CHECK (mode IN ('each', 'hourly', 'daily')),
        digest_hour integer NOT NULL DEFAULT 8 CHECK (digest_hour BETWEEN 0 AND 23),
        time_zone text NOT NULL DEFAULT 'UTC',
        language text NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'ru', 'uk')),
        label text,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((channel = 'feed') = (target IS NULL)),
        CHECK ((lat IS NULL) = (radius_km IS NULL) AND (lat IS NULL) = (lon IS NULL))
      )`,
      `CREATE TABLE alert_outbox (
        change_id bigint PRIMARY KEY REFERENCES event_changes(id) ON DELETE CASCADE,
        queued_at timestamptz NOT NULL DEFAULT now()
      )`,
      // Every created or updated event is queued by the statement that logs the change, so a
      // change is committed with its place in the outbox or not at all (nothing queued while no
      // subscription wants deliveries). The dispatcher (src/alerts) decides what alerts it makes.
      `CREATE FUNCTION skywatch_queue_alerts() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM subscriptions WHERE active AND channel <> 'feed') THEN
          INSERT INTO alert_outbox (change_id) SELECT id FROM added WHERE change IN ('created', 'updated') ON CONFLICT DO NOTHING;
        END IF;
        RETURN NULL;
      END $$`,
      "CREATE TRIGGER event_changes_alerts AFTER INSERT ON event_changes REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION skywatch_queue_alerts()",
      `CREATE TABLE alert_deliveries (
        id bigserial PRIMARY KEY,
        delivery_id uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
        subscription_id integer NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
        type text NOT NULL,
        event_id integer REFERENCES events(id) ON DELETE SET NULL,
        change_id bigint,
        payload jsonb NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        -- Retries go on for 24 h from here (a dead delivery sent again starts anew).
        retry_from timestamptz NOT NULL DEFAULT now(),
        lease_owner text,
        lease_until timestamptz,
        last_attempt_at timestamptz,
        last_status integer,
        last_error text,
        delivered_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (subscription_id, change_id)
      )`,
      "CREATE INDEX alert_deliveries_due ON alert_deliveries (next_attempt_at) WHERE status = 'pending'",
      "CREATE INDEX alert_deliveries_subscription ON alert_deliveries (subscription_id, id DESC)",
      `CREATE TABLE alert_digest_items (
        subscription_id integer NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
        event_id integer NOT NULL,
        change_id bigint NOT NULL,
        type text NOT NULL,
        event jsonb NOT NULL,
        due_at timestamptz NOT NULL,
        PRIMARY KEY (subscription_id, event_id)
      )`,
      "CREATE INDEX alert_digest_items_due ON alert_digest_items (due_at)",
    ],
  },
  {
    version: 8,
    name: "statistics: event_day_stats (live dated events per day, country, region, kind and weapon, with casualties) and event_day_deltas, kept by triggers on events in the writing transaction; events_generation (bumped by every write of events); indexes for the casualty sorts",
    statements: [
      // Totals per day and dimension ('' for no country or region), folded in from the deltas now and then (src/api/day-stats.ts).
      `CREATE TABLE event_day_stats (
        date date NOT NULL, country text NOT NULL, region text NOT NULL, kind text NOT NULL, weapon text NOT NULL,
        events integer NOT NULL, killed integer NOT NULL, injured integer NOT NULL,
        PRIMARY KEY (date, country, region, kind, weapon)
      )`,
      // What each statement on events changed: only inserted, so that concurrent writers (workers)
      // never wait for one another's totals, nor deadlock on them.
      `CREATE TABLE event_day_deltas (
        id bigserial PRIMARY KEY,
        date date NOT NULL, country text NOT NULL, region text NOT NULL, kind text NOT NULL, weapon text NOT NULL,
        events integer NOT NULL, killed integer NOT NULL, injured integer NOT NULL
      )`,
      `CREATE FUNCTION skywatch_event_day_deltas() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO event_day_deltas (date, country, region, kind, weapon, events, killed, injured)
          SELECT date, coalesce(country, ''), coalesce(region, ''), kind, weapon, count(*), coalesce(sum(killed), 0), coalesce(sum(injured), 0)
          FROM new_rows WHERE state = 'live' AND date IS NOT NULL GROUP BY 1, 2, 3, 4, 5;
        ELSIF TG_OP = 'UPDATE' THEN
          INSERT INTO event_day_deltas (date, country, region, kind, weapon, events, killed, injured)
          SELECT date, country, region, kind, weapon, sum(n), sum(k), sum(i) FROM (
            SELECT date, coalesce(country, '') AS country, coalesce(region, '') AS region, kind, weapon,
              -1 AS n, -coalesce(killed, 0) AS k, -coalesce(injured, 0) AS i
            FROM old_rows WHERE state = 'live' AND date IS NOT NULL
            UNION ALL
            SELECT date, coalesce(country, ''), coalesce(region, ''), kind, weapon, 1, coalesce(killed, 0), coalesce(injured, 0)
            FROM new_rows WHERE state = 'live' AND date IS NOT NULL
          ) AS d
          GROUP BY 1, 2, 3, 4, 5 HAVING sum(n) <> 0 OR sum(k) <> 0 OR sum(i) <> 0;
        ELSE
          INSERT INTO event_day_deltas (date, country, region, kind, weapon, events, killed, injured)
          SELECT date, coalesce(country, ''), coalesce(region, ''), kind, weapon, -count(*), -coalesce(sum(killed), 0), -coalesce(sum(injured), 0)
          FROM old_rows WHERE state = 'live' AND date IS NOT NULL GROUP BY 1, 2, 3, 4, 5;
        END IF;
        RETURN NULL;
      END $$`,
      "CREATE TRIGGER events_day_stats_insert AFTER INSERT ON events REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION skywatch_event_day_deltas()",
      "CREATE TRIGGER events_day_stats_update AFTER UPDATE ON events REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION skywatch_event_day_deltas()",
      "CREATE TRIGGER events_day_stats_delete AFTER DELETE ON events REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION skywatch_event_day_deltas()",
      `INSERT INTO event_day_stats (date, country, region, kind, weapon, events, killed, injured)
        SELECT date, coalesce(country, ''), coalesce(region, ''), kind, weapon, count(*), coalesce(sum(killed), 0), coalesce(sum(injured), 0)
        FROM events WHERE state = 'live' AND date IS NOT NULL GROUP BY 1, 2, 3, 4, 5`,
      // A generation of the events, bumped by every statement that writes them: a total counted at one
      // generation holds until the next (src/api/count-cache.ts).
      "CREATE SEQUENCE events_generation",
      `CREATE FUNCTION skywatch_events_generation() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM nextval('events_generation');
        RETURN NULL;
      END $$`,
      "CREATE TRIGGER events_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON events FOR EACH STATEMENT EXECUTE FUNCTION skywatch_events_generation()",
      // sort=-killed / -injured (the casualty sorts) read these in order instead of sorting every live event.
      "CREATE INDEX events_killed_order ON events ((coalesce(killed, -1)) DESC, id DESC)",
      "CREATE INDEX events_injured_order ON events ((coalesce(injured, -1)) DESC, id DESC)",
    ],
  },
  {
    version: 9,
    name: "search and browsing: full-text index of incidents' evidence (simple configuration, any language); reports by date, source and language",
    statements: [
      // Kept by the database (no writer sets it; src/search/search-sql.ts reads it): an index alone would
      // leave the planner recomputing to_tsvector for every row it reads in date order.
      "ALTER TABLE incidents ADD COLUMN evidence_tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, evidence)) STORED",
      "CREATE INDEX incidents_evidence_fts ON incidents USING gin (evidence_tsv)",
      "CREATE INDEX reports_published_order ON reports ((coalesce(published, '0001-01-01'::date)) DESC, id DESC)",
      "CREATE INDEX reports_source_order ON reports (source, (coalesce(published, '0001-01-01'::date)) DESC, id DESC)",
    ],
  },
  {
    version: 10,
    name: "reports.fingerprint (the text without a prepended title, white space collapsed): one article from a feed, a URL or a file is one report; claims.reason as jsonb (a code and its parameters); local_places (reshaped, written by place add)",
    statements: [
      "ALTER TABLE reports ADD COLUMN fingerprint text",
      // The same as contentFingerprint (src/ingest/source-identity.ts), white space spelt out as there.
      String.raw`WITH n AS (
        SELECT id, text,
          regexp_replace(text, '^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]+', '') AS lead,
          btrim(regexp_replace(coalesce(title, ''), '[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]+', ' ', 'g'), ' ') AS head
        FROM reports),
      l AS (SELECT id, text, lead, head, substring(lead from '^[^\n\r\v\f\u0085\u2028\u2029]*') AS line FROM n),
      f AS (SELECT id, text, head, line,
          CASE WHEN length(lead) > length(line)
            THEN btrim(regexp_replace(substr(lead, length(line) + 2), '[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]+', ' ', 'g'), ' ') ELSE '' END AS rest
        FROM l)
      UPDATE reports AS r SET fingerprint = encode(sha256(convert_to(
          CASE WHEN f.head <> '' AND f.rest <> '' AND btrim(regexp_replace(f.line, '[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]+', ' ', 'g'), ' ') = f.head THEN f.rest
            ELSE btrim(regexp_replace(f.text, '[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]+', ' ', 'g'), ' ') END,
          'UTF8')), 'hex')
        FROM f WHERE f.id = r.id`,
      "ALTER TABLE reports ALTER COLUMN fingerprint SET NOT NULL",
      "CREATE INDEX reports_fingerprint ON reports (fingerprint)",
      // Claim reasons become codes with parameters (src/model/claim-reason.ts); the sentences stored before stay, as JSON strings.
      "ALTER TABLE claims ALTER COLUMN reason TYPE jsonb USING to_jsonb(reason)",
      // Places users add (skywatch place add) live in the store; the table of migration 1 was never written to.
      "DROP TABLE IF EXISTS local_places",
      `CREATE TABLE local_places (
        id serial PRIMARY KEY,
        name text NOT NULL CHECK (btrim(name) <> ''),
        names jsonb NOT NULL DEFAULT '[]'::jsonb,
        region text NOT NULL,
        lat double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
        lon double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
        added_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
      "CREATE UNIQUE INDEX local_places_name_region ON local_places (lower(name), region)",
    ],
  },
  {
    version: 11,
    name: "trends: an index of live events by region, settlement and date (a settlement's first hit, src/trends)",
    statements: [
      "CREATE INDEX events_region_settlement_date ON events (region, settlement, date) WHERE state = 'live' AND settlement IS NOT NULL",
    ],
  },
  {
    version: 12,
    name: "trend alerts: subscriptions.trends, and alert_trend_flags (the flags already sent to each subscription, so none is sent twice)",
    statements: [
      "ALTER TABLE subscriptions ADD COLUMN trends boolean NOT NULL DEFAULT false",
      // A flag is (region, flag, since): written in the transaction that writes its delivery, so a
      // restart or a second dispatcher finds it taken (ON CONFLICT DO NOTHING) and sends nothing.
      `CREATE TABLE alert_trend_flags (
        subscription_id integer NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
        region text NOT NULL,
        flag text NOT NULL,
        since date NOT NULL,
        as_of date NOT NULL,
        sent_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT alert_trend_flags_key UNIQUE (subscription_id, region, flag, since)
      )`,
    ],
  },
  {
    version: 13,
    name: "fast reads: event_day_totals (the summary per day, country, kind and weapon, without the region), event_totals (without the day), an index of the summary by region, live undated events, events at a settlement newest first; evidence_tsv folds ё to е and drops apostrophes (’ ' ʼ) so that Пётр/Петр and Пʼятихатки/П'ятихатки find each other",
    statements: [
      // What /api/stats/daily and the totals of /api/events read when no region is asked: a row per
      // day, country, kind and weapon instead of one per region too (tens of times fewer). Folded
      // from event_day_deltas in the statement that folds event_day_stats (src/api/day-stats.ts).
      `CREATE TABLE event_day_totals (
        date date NOT NULL, country text NOT NULL, kind text NOT NULL, weapon text NOT NULL,
        events integer NOT NULL, killed integer NOT NULL, injured integer NOT NULL,
        PRIMARY KEY (date, country, kind, weapon)
      )`,
      `INSERT INTO event_day_totals (date, country, kind, weapon, events, killed, injured)
        SELECT date, country, kind, weapon, sum(events)::int, sum(killed)::int, sum(injured)::int
        FROM event_day_stats GROUP BY 1, 2, 3, 4`,
      // Totals without the day (per country, region, kind and weapon: a few hundred rows): what a
      // total or a per-region answer without from/to adds up.
      `CREATE TABLE event_totals (
        country text NOT NULL, region text NOT NULL, kind text NOT NULL, weapon text NOT NULL,
        events integer NOT NULL, killed integer NOT NULL, injured integer NOT NULL,
        PRIMARY KEY (country, region, kind, weapon)
      )`,
      `INSERT INTO event_totals (country, region, kind, weapon, events, killed, injured)
        SELECT country, region, kind, weapon, sum(events)::int, sum(killed)::int, sum(injured)::int
        FROM event_day_stats GROUP BY 1, 2, 3, 4`,
      // A region's statistics without reading every row of the summary.
      "CREATE INDEX event_day_stats_region ON event_day_stats (region, date)",
      // Live events without a date are in no summary: a total adds them from here.
      "CREATE INDEX events_live_undated ON events (country, region, kind, weapon) WHERE state = 'live' AND date IS NULL",
      // sort=relevance reads the events at a named settlement newest first, a page at a time.
      "CREATE INDEX events_settlement_order ON events (region, settlement, (coalesce(date, '0001-01-01'::date)) DESC, id DESC) WHERE state = 'live' AND settlement IS NOT NULL",
      // The same folding as src/search/text-query.ts foldText: PostgreSQL before 17 cannot change a
      // generated column's expression, so the column and its index are made again.
      "DROP INDEX IF EXISTS incidents_evidence_fts",
      "ALTER TABLE incidents DROP COLUMN evidence_tsv",
      `ALTER TABLE incidents ADD COLUMN evidence_tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, translate(evidence, 'ёЁ''’ʼʻ‘\`', 'еЕ'))) STORED`,
      "CREATE INDEX incidents_evidence_fts ON incidents USING gin (evidence_tsv)",
    ],
  },
  {
    version: 14,
    name: "events.disagreements as values ({field, values: [{source, value}]}) instead of English lines; skywatch_disagreement_values(jsonb) reads the lines",
    statements: [
      // "count: Governor … 5; Ministry … 3" → {"field": "count", "values": [{"source": "Governor …", "value": 5}, …]}, as
      // fusion writes them now (src/model/disagreement.ts). Split at "; " after a figure only, so a name holding "; " stays
      // whole; values already converted pass through; a line of another shape (fusion wrote none) is dropped. Kept after
      // the migration: 'skywatch import' converts a record exported before it with the same function.
      `CREATE FUNCTION skywatch_disagreement_values(lines jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
        SELECT coalesce(jsonb_agg(
          CASE WHEN jsonb_typeof(l.item) <> 'string' THEN l.item ELSE jsonb_build_object(
            'field', substring(l.item #>> '{}' from '^(count|killed|injured): '),
            'values', coalesce((
              SELECT jsonb_agg(jsonb_build_object('source', substring(p.part from '^(.*) -?[0-9]+$'), 'value', substring(p.part from ' (-?[0-9]+)$')::int) ORDER BY p.n)
              FROM regexp_split_to_table(substring(l.item #>> '{}' from '^[a-z]+: (.*)$'), '(?<=[0-9]); ') WITH ORDINALITY AS p(part, n)
              WHERE p.part ~ '. -?[0-9]+$'), '[]'::jsonb)) END
          ORDER BY l.n) FILTER (WHERE jsonb_typeof(l.item) <> 'string' OR l.item #>> '{}' ~ '^(count|killed|injured): .'), '[]'::jsonb)
        FROM jsonb_array_elements(CASE WHEN jsonb_typeof(lines) = 'array' THEN lines ELSE '[]'::jsonb END) WITH ORDINALITY AS l(item, n)
      $$`,
      // Only rows that hold a line are written (their version stays: the event says what it said, in another form).
      DISAGREEMENT_LINES_TO_VALUES,
    ],
  },
  {
    version: 15,
    name: "fusion_pending: places and days a writer stored incidents of while another writer was fusing them (fused right after, src/store/refuse.ts)",
    statements: [
      // Written in the transaction that stores the incidents, deleted by the one that fuses them:
      // a writer killed in between leaves the row for the next writer to fuse.
      `CREATE TABLE fusion_pending (
        fusion_base text PRIMARY KEY,
        since timestamptz NOT NULL DEFAULT now()
      )`,
    ],
  },
  {
    version: 16,
    name: "the English lines stored before migrations 10 and 14 as values: disagreements in event_changes, in alerts not yet delivered and digests being gathered; claim reasons as codes; skywatch_reason_value(text, text) reads a reason's sentence",
    statements: [
      // "same hit, RU-BEL, 2025-07-21, date 2025-07-20" (fusion before migration 10: the fusion key's family, place
      // and day, then the claim's date) → {code: "same_hit", region: "RU-BEL", sea: null, country: null, weapon: null,
      // date: "2025-07-21", claimDate: "2025-07-20"}, as fusion writes it now (src/fuse/fusion.ts). A place is a region,
      // "sea:NAME" or "country:RU[:WEAPON]" (a tally; without the weapon, the incident's). A sentence of another shape
      // (fusion wrote none) becomes {code: "unreadable", text}: kept, but no reason code the interface puts into words,
      // so it shows no English under a Russian or Ukrainian label.
      `CREATE FUNCTION skywatch_reason_value(reason text, weapon text) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
        SELECT CASE WHEN m IS NULL THEN jsonb_build_object('code', 'unreadable', 'text', reason) ELSE jsonb_build_object(
          'code', CASE m[1] WHEN 'interception' THEN 'same_interception' ELSE 'same_hit' END,
          'region', CASE WHEN m[2] !~ '^(sea|country):' THEN m[2] END,
          'sea', CASE WHEN m[2] ~ '^sea:' THEN substr(m[2], 5) END,
          'country', CASE WHEN m[2] ~ '^country:' THEN nullif(nullif(split_part(m[2], ':', 2), ''), '-') END,
          'weapon', CASE WHEN m[2] ~ '^country:' THEN coalesce(nullif(split_part(m[2], ':', 3), ''), weapon) END,
          'date', CASE WHEN m[3] ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN m[3] END,
          'claimDate', CASE WHEN m[4] ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN m[4] END) END
        FROM (SELECT regexp_match(reason, '^same (hit|interception), ([^,]+), ([^,]+), date (.+)$') AS m) AS r
      $$`,
      ...PROSE_TO_VALUES,
    ],
  },
  {
    version: 17,
    name: "claims_incident_event: a claim's event beside its incident in the index, for search (src/search/search-sql.ts)",
    statements: [
      // A q's text matches incidents (GIN); their events are read from this index alone (an
      // index-only scan once vacuumed), not from the claims' rows: about a third of a narrow q's time on 1 M events.
      "CREATE INDEX claims_incident_event ON claims (incident_id) INCLUDE (event_id)",
      // The same leading column: the old index only costs writes now.
      "DROP INDEX IF EXISTS claims_incident",
    ],
  },
  {
    version: 18,
    name: "search: events_settlement_order covers the date, kind, weapon and country (a q's events at a named settlement counted from the index alone); statistics of events per settlement; the evidence index without a pending list",
    statements: [
      // A narrow q naming a settlement has its page read from this index and its events there
      // counted from it (src/search/narrow-total.ts): with the filters' columns beside the order, an
      // index-only scan, not a visit of each event's row.
      "DROP INDEX IF EXISTS events_settlement_order",
      "CREATE INDEX events_settlement_order ON events (region, settlement, (coalesce(date, '0001-01-01'::date)) DESC, id DESC) INCLUDE (date, kind, weapon, country) WHERE state = 'live' AND settlement IS NOT NULL",
      // How many events a settlement has: with 100 most common names and region and settlement taken as
      // independent, the planner guessed 26 events for one with 1,072 (1 M events), and sorted all of
      // them for a page rather than read its newest 51 from the index above.
      "ALTER TABLE events ALTER COLUMN settlement SET STATISTICS 1000",
      "CREATE STATISTICS IF NOT EXISTS events_place (dependencies, mcv) ON region, settlement FROM events",
      "ANALYZE events (region, settlement)",
      // With fastupdate, new incidents' lexemes wait in a pending list (up to 4 MB) that every text
      // search reads through in full until a vacuum merges it: while reports arrive, searches slow
      // down. Without it, each insert updates the index (a few lexemes per incident).
      "SELECT gin_clean_pending_list('incidents_evidence_fts'::regclass)",
      "ALTER INDEX incidents_evidence_fts SET (fastupdate = off)",
    ],
  },
];
