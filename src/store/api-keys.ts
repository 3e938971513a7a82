// API keys: high-entropy random strings shown once, kept only as their SHA-256. A key has a role
// (writer or admin) and may be bound to one source name, which then only it (or an admin) writes.
import { createHash, randomBytes } from "node:crypto";
import { and, asc, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import type { Db } from "./database.js";
import { apiKeys } from "./schema.js";

export const ROLES = ["writer", "admin"] as const;
export type Role = (typeof ROLES)[number];

export interface ApiKey {
  id: number;
  prefix: string;
  role: Role;
  source: string | null;
  label: string | null;
  createdAt: Date;
  revokedAt: Date | null;
}

/** Who sends reports: an API key (keyId), or the server's local token (an admin with keyId null). */
export interface Writer {
  keyId: number | null;
  role: Role;
  /** The source the key is bound to. */
  source: string | null;
}

/** A corrected text replaces a report's incidents: only the key that wrote the report, or an admin, sends one. */
export const mayReplace = (writer: Writer, writtenBy: number | null): boolean =>
  writer.role === "admin" || (writer.keyId !== null && writtenBy === writer.keyId);

export const hashKey = (key: string): string => createHash("sha256").update(key).digest("hex");

/** "sw_" and 32 random bytes (base64url): guessing one is out of reach, so a plain SHA-256 suffices to store it. */
export const newKey = (): string => `sw_${randomBytes(32).toString("base64url")}`;

const columns = {
  id: apiKeys.id,
  prefix: apiKeys.prefix,
  role: apiKeys.role,
  source: apiKeys.source,
  label: apiKeys.label,
  createdAt: apiKeys.createdAt,
  revokedAt: apiKeys.revokedAt,
};

/** Creates a key; the returned `key` is the only time it exists in clear. */
export async function createApiKey(
  db: Db,
  options: { role: Role; source?: string | null; label?: string | null },
): Promise<ApiKey & { key: string }> {
  if (!ROLES.includes(options.role)) throw new Error(`a key's role is writer or admin, not '${options.role}'`);
  const key = newKey();
  const [row] = await db
    .insert(apiKeys)
    .values({
      keyHash: hashKey(key),
      prefix: key.slice(0, 10),
      role: options.role,
      source: options.source ?? null,
      label: options.label ?? null,
    })
    .returning(columns);
  return { ...row, key };
}

export async function listApiKeys(db: Db): Promise<ApiKey[]> {
  return db.select(columns).from(apiKeys).orderBy(asc(apiKeys.id));
}

/** Revokes a key; false when there is no such key or it was revoked already. */
export async function revokeApiKey(db: Db, id: number): Promise<boolean> {
  const rows = await db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  return rows.length > 0;
}

/** The live key a client presented, or null (unknown or revoked). */
export async function findApiKey(db: Db, key: string): Promise<ApiKey | null> {
  const [row] = await db
    .select(columns)
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, hashKey(key)), isNull(apiKeys.revokedAt)));
  return row ?? null;
}

/** Which of these sources a key is bound to (revoked keys included: a source once bound stays reserved). */
export async function boundSources(db: Db, sources: string[]): Promise<Set<string>> {
  if (!sources.length) return new Set();
  const rows = await db
    .selectDistinct({ source: apiKeys.source })
    .from(apiKeys)
    .where(and(isNotNull(apiKeys.source), inArray(apiKeys.source, sources)));
  return new Set(rows.map((r) => r.source as string));
}
