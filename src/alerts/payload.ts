// What an alert says: which changes make one, the event as subscribers receive it, and the
// webhook body. Pure.
import type { events } from "../store/schema.js";

/** The alert types a webhook receives (trend.flagged: the dispatcher's trend check, from src/trends). */
export type AlertType = "event.created" | "event.updated" | "events.digest" | "trend.flagged";

/**
 * The fields whose change makes an update worth an alert: the event's figures, what it was and
 * where. A re-fusion that only adds a source, an official or a claim changes none of them.
 */
export const FIGURE_FIELDS = ["count", "killed", "injured", "kind", "weapon", "region", "settlement", "lat", "lon", "waterArea"] as const;

/** The alert a logged change makes (event_changes: change, fields), or null for none. */
export function alertTypeOf(change: string, fields: Record<string, unknown>): { type: AlertType; changed: string[] } | null {
  if (change === "created") return { type: "event.created", changed: [] };
  if (change !== "updated") return null;
  const changed = FIGURE_FIELDS.filter((f) => f in fields);
  return changed.length ? { type: "event.updated", changed } : null;
}

type EventRow = typeof events.$inferSelect;

/** The event as alerts carry it: the API's fields and links to it. */
export function eventPayload(e: EventRow, publicUrl: string, names?: { ru: string | null; uk: string | null } | null) {
  const base = publicUrl.replace(/\/+$/, "");
  return {
    id: e.id,
    version: e.version,
    kind: e.kind,
    weapon: e.weapon,
    country: e.country,
    region: e.region,
    settlement: e.settlement,
    ...(names ? { names } : {}),
    waterArea: e.waterArea,
    date: e.date,
    lat: e.lat,
    lon: e.lon,
    geoPrecision: e.geoPrecision,
    count: e.count,
    killed: e.killed,
    injured: e.injured,
    targets: e.targets,
    officials: e.officials,
    sources: e.sources,
    disagreements: e.disagreements,
    updatedAt: new Date(e.updatedAt).toISOString(),
    url: `${base}/?event=${e.id}`,
    api: `${base}/api/events/${e.id}`,
  };
}
export type EventPayload = ReturnType<typeof eventPayload>;

/** The JSON a webhook receives, exactly as signed. */
export function webhookBody(type: string, deliveryId: string, subscriptionId: number, payload: Record<string, unknown>): string {
  return JSON.stringify({ type, delivery_id: deliveryId, subscription_id: subscriptionId, ...payload });
}
