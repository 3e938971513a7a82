// Fusion on the dev set: of the happenings that several texts report (DIR/fusion.json: groups of
// gold incidents, by text id and index), how many end in one event when every text's predicted
// incidents go through fusion as a store would fuse them. Each gold member is first paired with a
// predicted incident of its text as the scorer pairs them (same country, region and kind family,
// best by kind, settlement, date and count); then the predicted incidents of all texts are keyed
// (src/fuse/fusion.ts), a settlement-less one joining the one settlement of its place and day.
// The same run over the gold incidents themselves tells what the fusion rule alone gets right.
// Only aggregate figures are printed: groups with a member in the check split are counted apart.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** Latin letters of a settlement name, as the scorer compares them. */
const CYR = {
  а: "a",
  б: "b",
  в: "v",
  г: "g",
  ґ: "g",
  д: "d",
  е: "e",
  ё: "e",
  є: "ye",
  ж: "zh",
  з: "z",
  и: "i",
  і: "i",
  ї: "yi",
  й: "y",
  к: "k",
  л: "l",
  м: "m",
  н: "n",
  о: "o",
  п: "p",
  р: "r",
  с: "s",
  т: "t",
  у: "u",
  ф: "f",
  х: "kh",
  ц: "ts",
  ч: "ch",
  ш: "sh",
  щ: "shch",
  ъ: "",
  ы: "y",
  ь: "",
  э: "e",
  ю: "yu",
  я: "ya",
};
const latin = (s) =>
  [...s.normalize("NFKD").toLowerCase()]
    .map((ch) => CYR[ch] ?? ch)
    .join("")
    .replace(/[^a-z]/g, "");

function editDistance(a, b) {
  const d = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0];
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const t = d[j];
      d[j] = Math.min(d[j] + 1, d[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = t;
    }
  }
  return d[b.length];
}

function sameSettlement(a, b) {
  if (!a || !b) return false;
  const x = latin(a);
  const y = latin(b);
  return !!x && !!y && (x === y || editDistance(x, y) <= Math.max(1, Math.floor(0.25 * Math.max(x.length, y.length))));
}

const family = (kind) => (kind === "interception" ? "interception" : "hit");

/** The scorer's pairing of gold and predicted incidents of one text: gold index → predicted index. */
function pairs(gold, pred, regionOf) {
  const scored = [];
  for (const [gi, g] of gold.entries())
    for (const [pi, p] of pred.entries()) {
      if (g.country && p.country && g.country !== p.country) continue;
      if (regionOf(g.region) !== regionOf(p.region) || family(g.kind) !== family(p.kind)) continue;
      let s = 1 + (g.kind === p.kind ? 1 : 0);
      if (sameSettlement(g.settlement, p.settlement)) s += 1;
      else if (!g.settlement && !p.settlement) s += 0.5;
      if (g.date && g.date === p.date) s += 1;
      if (g.count != null && g.count === p.count) s += 0.5;
      scored.push([s, gi, pi]);
    }
  scored.sort((a, b) => b[0] - a[0] || a[1] - b[1] || a[2] - b[2]);
  const byGold = new Map();
  const used = new Set();
  for (const [, gi, pi] of scored) {
    if (byGold.has(gi) || used.has(pi)) continue;
    byGold.set(gi, pi);
    used.add(pi);
  }
  return byGold;
}

/** Event key of each incident of every text, as fusion groups them (a settlement-less claim joins its base's one settlement). */
function eventKeys(incidentsByText, fusionKey, fusionBase) {
  const keyOf = new Map();
  const settlementsOfBase = new Map();
  for (const [id, incidents] of incidentsByText)
    incidents.forEach((inc, k) => {
      const key = fusionKey({ ...inc, waterArea: inc.water_area ?? null, weapon: inc.weapon ?? "unknown" });
      keyOf.set(`${id}#${k}`, key);
      if (!key.endsWith("|-")) {
        const base = fusionBase(key);
        settlementsOfBase.set(base, new Set([...(settlementsOfBase.get(base) ?? []), key]));
      }
    });
  for (const [at, key] of keyOf) {
    const one = key.endsWith("|-") ? settlementsOfBase.get(fusionBase(key)) : undefined;
    if (one?.size === 1) keyOf.set(at, [...one][0]);
  }
  return keyOf;
}

/** Figures for DIR (gold) and OUT (predictions), or null when DIR has no fusion.json. */
export async function fusionFigures(dir, out, root, isCheck) {
  const groupsPath = join(dir, "fusion.json");
  if (!existsSync(groupsPath)) return null;
  const { groups } = JSON.parse(readFileSync(groupsPath, "utf8"));
  const { fusionKey, fusionBase } = await import(join(root, "dist/fuse/fusion.js"));
  const regionsPath = join(dir, "..", "regions.json");
  const index = new Map();
  if (existsSync(regionsPath))
    for (const r of JSON.parse(readFileSync(regionsPath, "utf8")).regions) {
      index.set(r.iso.toLowerCase(), r.iso);
      index.set(r.name.toLowerCase(), r.iso);
    }
  const regionOf = (v) => (v == null || v === "" ? null : (index.get(String(v).trim().toLowerCase()) ?? String(v)));
  const gold = new Map();
  const pred = new Map();
  for (const f of readdirSync(dir).filter((f) => f.endsWith(".gold.json"))) {
    const id = f.slice(0, -".gold.json".length);
    gold.set(
      id,
      JSON.parse(readFileSync(join(dir, f), "utf8")).incidents.map((g) => ({ ...g, region: regionOf(g.region) })),
    );
    const p = join(out, `${id}.pred.json`);
    pred.set(id, existsSync(p) ? JSON.parse(readFileSync(p, "utf8")).incidents : []);
  }
  const goldKeys = eventKeys(gold, fusionKey, fusionBase);
  const predKeys = eventKeys(pred, fusionKey, fusionBase);
  const paired = new Map([...gold.keys()].map((id) => [id, pairs(gold.get(id), pred.get(id), regionOf)]));
  const tally = () => ({ groups: 0, fused: 0, goldFused: 0, members: 0, found: 0 });
  const figures = { tune: tally(), check: tally() };
  for (const g of groups) {
    const t = g.members.some((m) => isCheck(m.text)) ? figures.check : figures.tune;
    t.groups++;
    t.members += g.members.length;
    const predicted = g.members.map((m) => {
      const k = paired.get(m.text)?.get(m.incident);
      return k === undefined ? undefined : predKeys.get(`${m.text}#${k}`);
    });
    t.found += predicted.filter((k) => k !== undefined).length;
    if (predicted.every((k) => k !== undefined && k === predicted[0])) t.fused++;
    const golden = g.members.map((m) => goldKeys.get(`${m.text}#${m.incident}`));
    if (golden.every((k) => k !== undefined && k === golden[0])) t.goldFused++;
  }
  return figures;
}
