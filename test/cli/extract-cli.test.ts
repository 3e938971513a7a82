// The `skywatch extract` command as a user runs it: files in, JSON out, clear errors.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runAsync } from "../helpers/run-async.js";

const bin = join(__dirname, "..", "..", "bin", "skywatch.js");
const run = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
const workdir = () => mkdtempSync(join(tmpdir(), "skywatch-cli-"));

describe("skywatch extract", () => {
  it("prints one JSON object per file with the incidents", () => {
    const dir = workdir();
    const file = join(dir, "report.txt");
    writeFileSync(file, "Russian air defences shot down 12 drones over the Bryansk region overnight.");
    const out = run(["extract", file, "--published", "2025-03-01"]);
    expect(out.status).toBe(0);
    const line = JSON.parse(out.stdout.trim());
    expect(line).toMatchObject({ file, language: "en", flags: [] });
    expect(line.incidents).toHaveLength(1);
    expect(line.incidents[0]).toMatchObject({ kind: "interception", region: "RU-BRY", count: 12, date: "2025-03-01" });
  });

  it("gives no incidents for an empty file", () => {
    const file = join(workdir(), "empty.txt");
    writeFileSync(file, "");
    const out = run(["extract", file]);
    expect(out.status).toBe(0);
    expect(JSON.parse(out.stdout).incidents).toEqual([]);
  });

  it("reports binary, mis-encoded and missing files clearly and still processes the others", () => {
    const dir = workdir();
    const good = join(dir, "good.txt");
    const binary = join(dir, "image.bin");
    const latin1 = join(dir, "cp1251.txt");
    writeFileSync(good, "Над Курской областью сбиты два беспилотника.");
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01]));
    writeFileSync(latin1, Buffer.from([0xcd, 0xe0, 0xe4, 0x20, 0xca, 0xf3, 0xf0, 0xf1, 0xea, 0xee, 0xe9])); // "Над Курской" in cp1251
    const out = run(["extract", binary, good, latin1, join(dir, "missing.txt")]);
    expect(out.status).toBe(1);
    expect(out.stderr).toMatch(/image\.bin: looks like a binary file/);
    expect(out.stderr).toMatch(/cp1251\.txt: is not valid UTF-8/);
    expect(out.stderr).toMatch(/missing\.txt: no such file/);
    const lines = out.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(1);
    expect(lines[0].incidents[0]).toMatchObject({ region: "RU-KRS", count: 2 });
  });

  it("writes ID.pred.json for every ID.txt of a directory, using ID.meta.json", () => {
    const dir = workdir();
    const out = join(dir, "out");
    mkdirSync(join(dir, "in"));
    writeFileSync(join(dir, "in", "a.txt"), "Overnight, air defences destroyed five drones over the Tula region.");
    writeFileSync(join(dir, "in", "a.meta.json"), JSON.stringify({ published: "2025-06-01", language: "en" }));
    writeFileSync(join(dir, "in", "b.txt"), "Вчора ввечері дрон влучив у будинок у Харкові.");
    const result = run(["extract", "--dir", join(dir, "in"), "--out", out]);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/2\/2 reports/);
    const a = JSON.parse(readFileSync(join(out, "a.pred.json"), "utf8"));
    expect(a.incidents[0]).toMatchObject({ region: "RU-TUL", count: 5, date: "2025-06-01" });
    const b = JSON.parse(readFileSync(join(out, "b.pred.json"), "utf8"));
    expect(b.incidents[0]).toMatchObject({ region: "UA-63", settlement: "Kharkiv", date: null });
  });

  it("reads standard input with '-' and explains each incident with --explain", () => {
    const text = "Сили ППО знешкодили 12 дронів:\n▪️ Сумщина — 7\n▪️ Харківщина — 5\n";
    const json = spawnSync(process.execPath, [bin, "extract", "-", "--published", "2025-05-03"], { input: text, encoding: "utf8" });
    expect(json.status).toBe(0);
    const { incidents } = JSON.parse(json.stdout);
    expect(incidents.map((i: { region: string | null; count: number }) => [i.region, i.count])).toEqual([
      [null, 12],
      ["UA-59", 7],
      ["UA-63", 5],
    ]);
    const sumy = incidents[1];
    expect(text.slice(sumy.slot_spans.count.start, sumy.slot_spans.count.end)).toBe("7");
    expect(text.slice(sumy.slot_spans.place.start, sumy.slot_spans.place.end)).toBe("Сумщина");
    const explained = spawnSync(process.execPath, [bin, "extract", "-", "--explain"], { input: text, encoding: "utf8" });
    expect(explained.status).toBe(0);
    expect(explained.stdout).toContain("item of the list opened in sentence 1");
    expect(explained.stdout).toContain("[Сумщина] — [7]{count}");
  });

  it("explains its options and refuses bad ones", () => {
    expect(run(["extract", "--help"]).stdout).toMatch(/--dir DIR/);
    const bad = run(["extract", "x.txt", "--published", "yesterday"]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/--published must be a date/);
    expect(run(["frobnicate"]).stderr).toMatch(/unknown command/);
  });

  it("processes a 50 MB file in bounded memory", async () => {
    const dir = workdir();
    const file = join(dir, "big.txt");
    const samples = readFileSync(join(__dirname, "..", "..", "data", "sample", "reports.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => `${JSON.parse(l).text}\n\n`)
      .join("");
    const copies = Math.ceil((50 * 1024 * 1024) / Buffer.byteLength(samples));
    writeFileSync(file, samples.repeat(copies));
    // A heap of 160 MB could not even hold the file as a string (about 100 MB of UTF-16) plus its incidents.
    const script = `import(${JSON.stringify(join(__dirname, "..", "..", "dist", "cli", "main.js"))}).then(async (m) => {
      const code = await m.run(["extract", ${JSON.stringify(file)}]);
      process.stderr.write("maxrss=" + process.resourceUsage().maxRSS + "\\n");
      process.exitCode = code;
    });`;
    const child = await runAsync(process.execPath, ["--max-old-space-size=160", "-e", script], { timeout: 240_000 });
    expect(child.status, child.stderr).toBe(0);
    const maxRssKb = Number(child.stderr.match(/maxrss=(\d+)/)?.[1]);
    expect(maxRssKb).toBeLessThan(400 * 1024);
  }, 300_000);
});

describe("skywatch place / region", () => {
  it("ranks candidates for a name in a case form, as text or JSON", () => {
    const text = run(["place", "Щетиновке"]);
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/Shchetinovka\s+RU-BEL/);
    const json = JSON.parse(run(["place", "Ivanovka", "--region", "UA-65", "--json"]).stdout);
    expect(json[0]).toMatchObject({ region: "UA-65", precision: "settlement" });
  });

  it("adds a local place that later lookups and extraction use", () => {
    const data = workdir();
    expect(run(["place", "add", "Togobievka", "--region", "RU-BEL", "--lat", "50.56", "--lon", "37.14", "--data", data]).status).toBe(0);
    expect(run(["place", "Togobievka", "--data", data]).stdout).toMatch(/Togobievka\s+RU-BEL\s+50\.5600, 37\.1400/);
    const report = join(data, "report.txt");
    writeFileSync(report, "A drone struck a private house in the village of Togobievka in the Belgorod region.");
    const extracted = JSON.parse(run(["extract", report, "--data", data]).stdout).incidents[0];
    expect(extracted).toMatchObject({ settlement: "Togobievka", region: "RU-BEL", geo_precision: 1, lat: 50.56, lon: 37.14 });
    expect(run(["place", "add", "Nowhere", "--region", "RU-XXX", "--lat", "1", "--lon", "2", "--data", data]).stderr).toMatch(
      /unknown region/,
    );
  });

  it("says which region a point is in, and when it is in none", () => {
    expect(run(["region", "50.6", "36.6"]).stdout).toMatch(/RU-BEL\s+Belgorod Oblast \(borders Ukraine\)/);
    const sea = run(["region", "43.0", "34.0"]);
    expect(sea.status).toBe(1);
    expect(sea.stderr).toMatch(/in no region/);
  });

  it("flags false border claims in extract output", () => {
    const file = join(workdir(), "claim.txt");
    writeFileSync(file, "Two drones were downed over the Kaluga and Smolensk regions, each of which lies along the border with Ukraine.");
    const line = JSON.parse(run(["extract", file]).stdout);
    expect(line.flags.map((f: { message: string }) => f.message)).toEqual([
      expect.stringMatching(/Kaluga/),
      expect.stringMatching(/Smolensk/),
    ]);
  });
});
