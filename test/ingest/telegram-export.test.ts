// A Telegram Desktop export's posts get their addresses: https://t.me/HANDLE/ID when the channel's
// handle is known (the export's username, or the reader's telegramChannel option), with the
// channel as their source; https://t.me/c/CHANNEL-ID/ID (the members' link) otherwise.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type ReadOptions, readInputs } from "../../src/ingest/readers.js";
import type { ReportInput } from "../../src/store/reports.js";

const exportFile = (data: Record<string, unknown>) => {
  const file = join(mkdtempSync(join(tmpdir(), "skywatch-tg-export-")), "result.json");
  writeFileSync(
    file,
    JSON.stringify({
      ...data,
      messages: [
        {
          id: 41,
          type: "message",
          date: "2025-07-21T09:00:00",
          text: ["Сбит ", { type: "bold", text: "беспилотник" }, " над Белгородом."],
        },
        { id: 42, type: "service", action: "pin_message" },
        { id: 43, type: "message", date: "2025-07-22T07:10:00", text: "Ночью ПВО сбила два БПЛА над Грайвороном." },
      ],
    }),
  );
  return file;
};
const read = async (file: string, options: ReadOptions = {}) => {
  const out: ReportInput[] = [];
  for await (const r of readInputs(file, options)) out.push(r as ReportInput);
  return out;
};

describe("Telegram export posts", () => {
  it("are addressed https://t.me/HANDLE/ID with the channel as source when the export names its username", async () => {
    const reports = await read(exportFile({ name: "Вячеслав Гладков", type: "public_channel", id: 1359180722, username: "vvgladkov" }));
    expect(reports.map((r) => [r.url, r.source, r.messageId, r.published])).toEqual([
      ["https://t.me/vvgladkov/41", "telegram:vvgladkov", "41", "2025-07-21"],
      ["https://t.me/vvgladkov/43", "telegram:vvgladkov", "43", "2025-07-22"],
    ]);
  });

  it("take the handle given to the reader, and otherwise the members' link of the channel id", async () => {
    const file = exportFile({ name: "Вячеслав Гладков", type: "public_channel", id: 1359180722 });
    expect((await read(file, { telegramChannel: "@VVGladkov" })).map((r) => r.url)).toEqual([
      "https://t.me/vvgladkov/41",
      "https://t.me/vvgladkov/43",
    ]);
    const plain = await read(file);
    expect(plain.map((r) => [r.url, r.source])).toEqual([
      ["https://t.me/c/1359180722/41", "telegram:Вячеслав Гладков"],
      ["https://t.me/c/1359180722/43", "telegram:Вячеслав Гладков"],
    ]);
    // A handle that t.me would not accept is not used.
    expect((await read(file, { telegramChannel: "no spaces allowed" }))[0].url).toBe("https://t.me/c/1359180722/41");
  });

  it("without a channel id or handle keep their message ids and no address", async () => {
    const reports = await read(exportFile({ name: "Governor" }));
    expect(reports.map((r) => [r.url, r.source, r.messageId])).toEqual([
      [null, "telegram:Governor", "41"],
      [null, "telegram:Governor", "43"],
    ]);
  });
});
