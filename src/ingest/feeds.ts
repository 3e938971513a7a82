// RSS and Atom feeds (rss-parser): each item a report, its link the natural key.
import type { ReportInput } from "../store/reports.js";
import { articleFromHtml } from "./html.js";
import { RssParserClass } from "./parsers.js";
import { httpUrlOrNull } from "./report-fields.js";

export async function reportsFromFeed(xml: string, source: string): Promise<ReportInput[]> {
  const feed = await new (RssParserClass())().parseString(xml);
  return (feed.items ?? [])
    .map((item) => {
      const body = item["content:encoded"] ?? item.content ?? item.contentSnippet ?? item.summary ?? "";
      const text = /<[a-z][\s\S]*>/i.test(body) ? articleFromHtml(`<html><body>${body}</body></html>`).text : body;
      const title = item.title?.trim() ?? null;
      // Only http(s) links are sources; any other link or guid still keys the item, as a message id.
      const url = httpUrlOrNull(item.link) ?? httpUrlOrNull(item.guid);
      const id = item.guid ?? item.link;
      return {
        text: title && !text.startsWith(title) ? `${title}\n${text}` : text,
        title,
        url,
        ...(!url && id ? { messageId: id.slice(0, 200) } : {}),
        published: item.isoDate ? item.isoDate.slice(0, 10) : null,
        source: `feed:${feed.title ?? source}`,
      };
    })
    .filter((r) => r.text.trim());
}
