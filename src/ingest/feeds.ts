// RSS and Atom feeds (rss-parser): each item a report, its link the natural key.
import Parser from "rss-parser";
import type { ReportInput } from "../store/reports.js";
import { articleFromHtml } from "./html.js";

export async function reportsFromFeed(xml: string, source: string): Promise<ReportInput[]> {
  const feed = await new Parser().parseString(xml);
  return (feed.items ?? [])
    .map((item) => {
      const body = item["content:encoded"] ?? item.content ?? item.contentSnippet ?? item.summary ?? "";
      const text = /<[a-z][\s\S]*>/i.test(body) ? articleFromHtml(`<html><body>${body}</body></html>`).text : body;
      const title = item.title?.trim() ?? null;
      return {
        text: title && !text.startsWith(title) ? `${title}\n${text}` : text,
        title,
        url: item.link ?? item.guid ?? null,
        published: item.isoDate ? item.isoDate.slice(0, 10) : null,
        source: `feed:${feed.title ?? source}`,
      };
    })
    .filter((r) => r.text.trim());
}
