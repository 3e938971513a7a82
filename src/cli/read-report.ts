// Reads a report file for the CLI: strict UTF-8 (a clear error for binary or mis-encoded
// files), and in pieces for large files so memory stays bounded.
import { createReadStream, existsSync, readFileSync, statSync } from "node:fs";
import { StringDecoder } from "node:string_decoder";

export class ReportFileError extends Error {}

/** Files above this size are read and extracted piece by piece. */
export const CHUNKED_ABOVE_BYTES = 4 * 1024 * 1024;

function checkPath(path: string) {
  if (!existsSync(path)) throw new ReportFileError(`${path}: no such file. Check the path.`);
  if (statSync(path).isDirectory()) throw new ReportFileError(`${path}: is a directory. Use --dir DIR to process a folder.`);
}

function checkText(path: string, bytes: Uint8Array) {
  if (bytes.includes(0)) throw new ReportFileError(`${path}: looks like a binary file (it contains NUL bytes), not a text report.`);
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ReportFileError(`${path}: is not valid UTF-8 text. Convert it first (e.g. iconv -f WINDOWS-1251 -t UTF-8).`);
  }
}

export function readReportText(path: string): string {
  checkPath(path);
  const bytes = readFileSync(path);
  checkText(path, bytes);
  return bytes.toString("utf8").replace(/^\uFEFF/, "");
}

export function isLarge(path: string): boolean {
  checkPath(path);
  return statSync(path).size > CHUNKED_ABOVE_BYTES;
}

/**
 * Yields the text of a large file in pieces that end at a line break, each with the character
 * offset where it starts, validating UTF-8 as it goes.
 */
export async function* readReportChunks(path: string, chunkBytes = 1024 * 1024): AsyncGenerator<{ text: string; offset: number }> {
  checkPath(path);
  const strict = new TextDecoder("utf-8", { fatal: true });
  const decoder = new StringDecoder("utf8");
  let pending = "";
  let offset = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: chunkBytes })) {
    const buf = chunk as Buffer;
    if (buf.includes(0)) throw new ReportFileError(`${path}: looks like a binary file (it contains NUL bytes), not a text report.`);
    try {
      strict.decode(buf, { stream: true });
    } catch {
      throw new ReportFileError(`${path}: is not valid UTF-8 text. Convert it first (e.g. iconv -f WINDOWS-1251 -t UTF-8).`);
    }
    pending += decoder.write(buf);
    const cut = pending.lastIndexOf("\n");
    if (cut < 0 || pending.length < chunkBytes / 4) continue;
    const text = pending.slice(0, cut + 1);
    yield { text, offset };
    offset += text.length;
    pending = pending.slice(cut + 1);
  }
  try {
    strict.decode();
  } catch {
    throw new ReportFileError(`${path}: ends in the middle of a UTF-8 character; the file is truncated or not UTF-8.`);
  }
  pending += decoder.end();
  if (pending) yield { text: pending, offset };
}

export { checkText };
