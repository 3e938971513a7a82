// The pure parts of alerts: which changes alert, filters, signatures, backoff, digest times.
import { describe, expect, it } from "vitest";
import { nextDigestAt } from "./digest-time.js";
import { retryDelayMs } from "./dispatcher.js";
import { EMPTY_FILTER, FilterError, filterFromQuery, matches } from "./filter.js";
import { alertTypeOf } from "./payload.js";
import { signatureHeader, verifySignature } from "./signature.js";

const event = {
  region: "RU-BEL",
  kind: "strike",
  weapon: "drone",
  killed: null,
  injured: 2,
  lat: 50.4111,
  lon: 36.9022,
  geoPrecision: 1,
};

describe("alerts", () => {
  it("alerts on a new event and on changed figures, not on a re-fusion that adds a source", () => {
    expect(alertTypeOf("created", {})).toEqual({ type: "event.created", changed: [] });
    expect(alertTypeOf("updated", { sources: 2, claims: { added: [3], removed: [] } })).toBeNull();
    expect(alertTypeOf("updated", { injured: 3, sources: 2 })).toEqual({ type: "event.updated", changed: ["injured"] });
    expect(alertTypeOf("updated", { settlement: "Shebekino", lat: 1, lon: 2 })?.changed).toEqual(["settlement", "lat", "lon"]);
    expect(alertTypeOf("merged", { state: "merged" })).toBeNull();
    expect(alertTypeOf("withdrawn", {})).toBeNull();
  });

  it("matches every criterion given; a radius needs the event's own place", () => {
    expect(matches(EMPTY_FILTER, event)).toBe(true);
    expect(matches({ ...EMPTY_FILTER, regions: ["RU-KRS"] }, event)).toBe(false);
    expect(matches({ ...EMPTY_FILTER, regions: ["RU-KRS", "RU-BEL"], kinds: ["strike"] }, event)).toBe(true);
    expect(matches({ ...EMPTY_FILTER, weapons: ["missile"] }, event)).toBe(false);
    expect(matches({ ...EMPTY_FILTER, casualties: true }, event)).toBe(true);
    expect(matches({ ...EMPTY_FILTER, casualties: true }, { ...event, injured: 0, killed: null })).toBe(false);
    const near = { lat: 50.3558, lon: 36.8439, radiusKm: 10, place: "Novaya Tavolzhanka" };
    expect(matches({ ...EMPTY_FILTER, near }, event)).toBe(true); // 7 km
    expect(matches({ ...EMPTY_FILTER, near: { ...near, radiusKm: 5 } }, event)).toBe(false);
    expect(matches({ ...EMPTY_FILTER, near }, { ...event, geoPrecision: 3 })).toBe(false);
  });

  it("reads a filter from a query string and says what is wrong", () => {
    expect(filterFromQuery({ region: "RU-BEL,UA-63", kind: "strike", casualties: "1", near: "50.4,36.9", radius: "20" }, null)).toEqual({
      regions: ["RU-BEL", "UA-63"],
      kinds: ["strike"],
      weapons: [],
      casualties: true,
      near: { lat: 50.4, lon: 36.9, radiusKm: 20, place: null },
    });
    expect(() => filterFromQuery({ kind: "bombing" }, null)).toThrow(FilterError);
    expect(() => filterFromQuery({ near: "50.4,36.9" }, null)).toThrow(/radiusKm/);
    expect(() => filterFromQuery({ near: "north" }, null)).toThrow(/LAT,LON/);
    expect(() => filterFromQuery({ radius: "5000", near: "1,2" }, null)).toThrow(/radius/);
  });

  it("signs t.body with the secret, and refuses other secrets, bodies and stale times", () => {
    const body = '{"type":"event.created"}';
    const header = signatureHeader("whsec_a", body, 1_700_000_000);
    expect(header).toMatch(/^t=1700000000,v1=[0-9a-f]{64}$/);
    expect(verifySignature(header, "whsec_a", body, { now: 1_700_000_100 })).toBe(true);
    expect(verifySignature(header, "whsec_b", body, { now: 1_700_000_100 })).toBe(false);
    expect(verifySignature(header, "whsec_a", `${body} `, { now: 1_700_000_100 })).toBe(false);
    expect(verifySignature(header, "whsec_a", body, { now: 1_700_000_400 })).toBe(false);
    expect(verifySignature("t=x,v1=zz", "whsec_a", body)).toBe(false);
    expect(verifySignature(undefined, "whsec_a", body)).toBe(false);
  });

  it("backs off exponentially with jitter, capped", () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 10_000, 3_600_000, () => 1))).toEqual([10_000, 20_000, 40_000, 80_000]);
    expect(retryDelayMs(20, 10_000, 3_600_000, () => 1)).toBe(3_600_000);
    expect(retryDelayMs(1, 10_000, 3_600_000, () => 0)).toBe(5000);
    // 24 h of retries at these delays: about 30 attempts.
    let t = 0;
    let n = 0;
    while (t < 86_400_000) t += retryDelayMs(++n, 10_000, 3_600_000, () => 0.5);
    expect(n).toBeGreaterThan(20);
    expect(n).toBeLessThan(45);
  });

  it("sends digests at the subscriber's local hour, through changes of the clocks", () => {
    expect(nextDigestAt(new Date("2025-10-11T10:20:00Z"), "hourly", "Asia/Kolkata").toISOString()).toBe("2025-10-11T10:30:00.000Z");
    expect(nextDigestAt(new Date("2025-10-11T10:20:00Z"), "daily", "Europe/Kyiv").toISOString()).toBe("2025-10-12T05:00:00.000Z");
    // Kyiv leaves summer time on 26 October: 08:00 is then 06:00 UTC.
    expect(nextDigestAt(new Date("2025-10-25T06:00:00Z"), "daily", "Europe/Kyiv").toISOString()).toBe("2025-10-26T06:00:00.000Z");
    expect(nextDigestAt(new Date("2025-10-11T04:59:00Z"), "daily", "Europe/Moscow").toISOString()).toBe("2025-10-11T05:00:00.000Z");
    expect(nextDigestAt(new Date("2025-10-11T23:30:00Z"), "daily", "UTC", 0).toISOString()).toBe("2025-10-12T00:00:00.000Z");
  });
});
