// The regions topology from /api/map/regions.topojson as the dashboard uses it: polygons with their
// names (completed from a small table where the API has only English), and the border lines drawn
// once each (a line between two regions is one arc of the topology, so neighbours never part).
import type { MultiLineString } from "geojson";
import { feature, mesh } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import type { RegionCollection } from "./api";
import type { RegionLines } from "./components/map-engine";
import { LANGS } from "./i18n";
import { REGION_NAMES } from "./map/places";

type Props = RegionCollection["features"][number]["properties"];
export type RegionTopology = Topology<{ regions: GeometryCollection<Props> }>;

export function decodeRegions(topo: RegionTopology): { regions: RegionCollection; lines: RegionLines } {
  const regions = feature(topo, topo.objects.regions) as unknown as RegionCollection;
  for (const f of regions.features) {
    const p = f.properties;
    const known = REGION_NAMES[p.iso];
    // The API falls back to the English name when it has no Russian or Ukrainian one.
    for (const lang of LANGS) if (known && (lang === "en" || p[`name_${lang}`] === p.name_en)) p[`name_${lang}`] = known[lang];
  }
  const country = (g: { properties?: object | null }) => (g.properties as Props | undefined)?.country;
  const inner = mesh(topo, topo.objects.regions, (a, b) => a !== b && country(a) === country(b)) as MultiLineString;
  const border = mesh(topo, topo.objects.regions, (a, b) => a !== b && country(a) !== country(b)) as MultiLineString;
  return { regions, lines: { inner, border } };
}
