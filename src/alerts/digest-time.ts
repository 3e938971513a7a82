// When a digest is sent, in the subscriber's time zone: hourly at the next full local hour,
// daily at the next local `hour`:00 (daylight saving time respected: a 08:00 digest stays at
// 08:00 local when the clocks change).

/** Whether the runtime knows an IANA time zone name ("Europe/Kyiv", "UTC"). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock time of an instant in a zone, as if it were UTC (ms). */
function wallClock(ms: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
}

/** The instant whose wall-clock time in the zone is `wall` (a skipped local time moves forward). */
function fromWallClock(wall: number, timeZone: string): number {
  let guess = wall - (wallClock(wall, timeZone) - wall);
  // Twice: the offset at the guess may differ from the offset at `wall` near a change of clocks.
  guess = wall - (wallClock(guess, timeZone) - guess);
  return guess;
}

const HOUR = 3_600_000;

/** The first digest time after `now`. */
export function nextDigestAt(now: Date, mode: "hourly" | "daily", timeZone: string, hour = 8): Date {
  const wall = wallClock(now.getTime(), timeZone);
  if (mode === "hourly") {
    const next = fromWallClock(Math.floor(wall / HOUR) * HOUR + HOUR, timeZone);
    return new Date(next > now.getTime() ? next : next + HOUR);
  }
  const day = Math.floor(wall / (24 * HOUR)) * 24 * HOUR;
  for (let d = 0; d < 3; d++) {
    const at = fromWallClock(day + d * 24 * HOUR + hour * HOUR, timeZone);
    if (at > now.getTime()) return new Date(at);
  }
  return new Date(now.getTime() + 24 * HOUR);
}
