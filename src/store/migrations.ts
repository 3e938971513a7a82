// Versioned migrations, applied in order once each (table schema_migrations). Kept as SQL
// strings so that the compiled package carries them; one statement list per version.
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
];
