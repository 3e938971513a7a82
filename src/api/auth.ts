// Who is writing: `Authorization: Bearer <key>` names an API key (or the local token that
// `skywatch serve` leaves in the store's lock file for processes of this machine's user).
import { createHash, timingSafeEqual } from "node:crypto";
import { findApiKey, type Writer } from "../store/api-keys.js";
import type { Db } from "../store/database.js";

export class AuthError extends Error {
  constructor(
    readonly statusCode: 401 | 403,
    message: string,
  ) {
    super(message);
  }
}

const digest = (s: string) => createHash("sha256").update(s).digest();

export function bearer(header: string | undefined): string | null {
  const m = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return m ? m[1] : null;
}

/** Whether a presented key is this token (compared in constant time). */
export const isToken = (key: string | null, token: string): boolean => key !== null && timingSafeEqual(digest(key), digest(token));

/** The writer a request's Authorization header names; AuthError 401 when it names none. */
export async function authenticate(db: Db, header: string | undefined, localToken: string | null): Promise<Writer> {
  const key = bearer(header);
  if (!key)
    throw new AuthError(
      401,
      "writing needs an API key: send 'Authorization: Bearer <key>' (an administrator creates one with: skywatch keys create --role writer)",
    );
  if (localToken && isToken(key, localToken)) return { keyId: null, role: "admin", source: null };
  const found = await findApiKey(db, key);
  if (!found) throw new AuthError(401, "this API key is unknown or was revoked; ask an administrator for a new one (skywatch keys create)");
  return { keyId: found.id, role: found.role, source: found.source };
}

export function requireAdmin(writer: Writer): void {
  if (writer.role !== "admin") throw new AuthError(403, "managing API keys needs an admin key");
}
