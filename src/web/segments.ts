// Splits a report text into plain and highlighted pieces for the evidence view. Pure: the pieces
// are rendered as text nodes, so markup in a report is shown, never run.
import type { Span } from "./api";

export type Mark = "evidence" | "flag";
export interface Segment {
  text: string;
  mark: Mark | null;
}

/** Evidence spans win over flag spans where they overlap; spans outside the text are clipped. */
export function segments(text: string, evidence: Span[], flags: Span[] = []): Segment[] {
  const marks: (Mark | null)[] = new Array(text.length).fill(null);
  const paint = (spans: Span[], mark: Mark) => {
    for (const { start, end } of spans) for (let i = Math.max(0, start); i < Math.min(end, text.length); i++) marks[i] ??= mark;
  };
  paint(evidence, "evidence");
  paint(flags, "flag");
  const out: Segment[] = [];
  let from = 0;
  for (let i = 1; i <= text.length; i++) {
    if (i === text.length || marks[i] !== marks[from]) {
      out.push({ text: text.slice(from, i), mark: marks[from] });
      from = i;
    }
  }
  return out;
}
