// Why a claim belongs to its event, stored as a code and its parameters (claims.reason, jsonb) and
// put into words by the interface in its language (src/web/claim-text.ts), never stored as prose.
// Rows written before migration 10 hold an English sentence instead; readers take both.

/** Same happening: the claim has the event's kind family, place and day (src/model/happening-key.ts). */
export interface ClaimReason {
  code: "same_hit" | "same_interception";
  /** ISO 3166-2 region, or null for a sea or a country-wide tally. */
  region: string | null;
  /** A sea's English name (the incident's water_area). */
  sea: string | null;
  /** ISO country of a country-wide tally (no region, no sea). */
  country: string | null;
  /** The weapon a country-wide tally is told apart by. */
  weapon: string | null;
  /** The event's day, or null when undated. */
  date: string | null;
  /** The day this claim gives, or null. */
  claimDate: string | null;
  /** Set when the claim names no settlement and joined the only one reported there that day. */
  joinedSettlement?: string;
}

/** A stored reason: a ClaimReason, or an English sentence of before. */
export type StoredReason = ClaimReason | string;

export function isClaimReason(value: unknown): value is ClaimReason {
  if (!value || typeof value !== "object") return false;
  const code = (value as { code?: unknown }).code;
  return code === "same_hit" || code === "same_interception";
}
