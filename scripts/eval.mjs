#!/usr/bin/env node
// npm run eval -- DIR: runs the extractor over DIR (ID.txt + ID.meta.json + ID.gold.json) and scores
// it with ../shared/eval/score.mjs (or SKYWATCH_SCORER), separately on two splits:
//   tune  — texts whose id does not end in 3 or 8: read them, write rules from them;
//   check — ids ending in 3 or 8: never read while writing rules, seen only through this score.
// The gap between the two F1s measures overfitting. Only the tune split's per-text misses are
// printed; the check split prints its figures alone (pass --check-details to see its texts too).
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { fusionFigures } from "./eval-fusion.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith("--"));
if (!dir || args.includes("--help")) {
  console.error(
    "usage: npm run eval -- DIR [--out PRED_DIR] [--json] [--all] [--check-details]\n" +
      "  prints the tune split's misses, then tune and check figures (ids ending in 3 or 8 are the check split);\n" +
      "  --all scores every text as one set, as score.mjs does.",
  );
  process.exit(dir ? 0 : 2);
}
if (!existsSync(dir) || !readdirSync(dir).some((f) => f.endsWith(".gold.json"))) {
  console.error(`${dir}: no annotated reports there (ID.txt with ID.gold.json), e.g. npm run eval -- ../shared/eval/dev`);
  process.exit(2);
}
const outIndex = args.indexOf("--out");
const out = outIndex >= 0 ? args[outIndex + 1] : mkdtempSync(join(tmpdir(), "skywatch-eval-"));
// The scorer beside the evaluation folder (../shared/eval/dev → ../shared/eval/score.mjs), else the
// shared one, so that another folder of annotated reports (a fresh set) is scored the same way.
const scorerCandidates = [join(resolve(dir), "..", "score.mjs"), join(root, "..", "shared", "eval", "score.mjs")];
const scorer = process.env.SKYWATCH_SCORER ?? scorerCandidates.find((p) => existsSync(p)) ?? scorerCandidates[0];
if (!existsSync(scorer)) {
  console.error(`No scorer at ${scorerCandidates.join(" or ")}; set SKYWATCH_SCORER to the path of score.mjs.`);
  process.exit(2);
}
execFileSync(process.execPath, [join(root, "bin", "skywatch.js"), "extract", "--dir", dir, "--out", out], {
  stdio: ["ignore", "ignore", "inherit"],
});

const score = (ids, extra = []) =>
  execFileSync(process.execPath, [scorer, dir, out, ...(ids ? ["--ids", ids.join(",")] : []), ...extra], {
    encoding: "utf8",
  });

if (args.includes("--all")) {
  process.stdout.write(score(null, args.includes("--json") ? ["--json"] : []));
  process.exit(0);
}

const ids = readdirSync(dir)
  .filter((f) => f.endsWith(".gold.json"))
  .map((f) => f.slice(0, -".gold.json".length))
  .sort();
const isCheck = (id) => /[38]$/.test(id);
const splits = { tune: ids.filter((id) => !isCheck(id)), check: ids.filter(isCheck) };
const results = Object.fromEntries(Object.entries(splits).map(([name, list]) => [name, JSON.parse(score(list, ["--json"]))]));

if (args.includes("--json")) {
  console.log(JSON.stringify(results, null, 1));
  process.exit(0);
}
process.stdout.write(score(splits.tune).replace(/^texts .*\n?$/m, ""));
if (args.includes("--check-details")) process.stdout.write(score(splits.check));

const fx = (x) => x.toFixed(3);
const FIELDS = ["kind", "weapon", "date", "settlement", "count", "killed", "injured"];
console.log("");
for (const [name, r] of Object.entries(results)) {
  const langs = Object.entries(r.byLanguage)
    .map(([k, v]) => `${k} ${fx(v.f1)}`)
    .join(", ");
  console.log(
    `${name.padEnd(5)} texts ${String(r.texts).padStart(3)} | P ${fx(r.precision)} R ${fx(r.recall)} F1 ${fx(r.f1)} | fields ${fx(r.fieldsOverall)} | ${langs}`,
  );
  console.log(`      ${FIELDS.map((f) => `${f} ${fx(r.fieldAccuracy[f])}`).join(", ")}; targets ${fx(r.targetRecall)}`);
}
console.log(`gap   tune F1 − check F1 = ${fx(results.tune.f1 - results.check.f1)} (aim ≤ 0.05)`);
const fusion = await fusionFigures(dir, out, root, isCheck);
if (fusion)
  for (const [name, f] of Object.entries(fusion))
    console.log(
      `fusion ${name.padEnd(5)} ${f.fused} of ${f.groups} happenings told by several texts end in one event (with the gold incidents: ${f.goldFused}); members found ${f.found} of ${f.members}${name === "check" ? " — groups with a check text" : ""}`,
    );
