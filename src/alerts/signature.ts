// Webhook signatures, the scheme payment providers use: `Skywatch-Signature: t=<unix seconds>,
// v1=<hex HMAC-SHA256 of "<t>.<raw body>">`, keyed by the subscription's secret. The timestamp is
// signed with the body, so a receiver that rejects stale timestamps cannot be replayed to later.
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "Skywatch-Signature";

/** Signatures older (or further ahead) than this are refused by verifySignature (seconds). */
export const DEFAULT_TOLERANCE_SECONDS = 300;

export const hmacHex = (secret: string, message: string) => createHmac("sha256", secret).update(message).digest("hex");

/** The header value for a body sent at `t` (unix seconds). */
export function signatureHeader(secret: string, body: string, t = Math.floor(Date.now() / 1000)): string {
  return `t=${t},v1=${hmacHex(secret, `${t}.${body}`)}`;
}

/**
 * What a receiver does: true when the header carries a v1 signature of this raw body by this
 * secret, made within `toleranceSeconds` of now.
 */
export function verifySignature(
  header: string | undefined | null,
  secret: string,
  rawBody: string,
  options: { toleranceSeconds?: number; now?: number } = {},
): boolean {
  if (!header) return false;
  const parts = header.split(",").map((p) => p.trim().split("="));
  const t = Number(parts.find(([k]) => k === "t")?.[1]);
  if (!Number.isInteger(t)) return false;
  const now = options.now ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - t) > (options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)) return false;
  const expected = Buffer.from(hmacHex(secret, `${t}.${rawBody}`), "hex");
  return parts
    .filter(([k, v]) => k === "v1" && /^[0-9a-f]{64}$/.test(v ?? ""))
    .some(([, v]) => timingSafeEqual(Buffer.from(v, "hex"), expected));
}
