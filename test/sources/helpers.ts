// Local HTTP servers and generated pages for the collection tests: every source is on 127.0.0.1,
// served by the test itself (feeds, Atom, JSON Feed, pages in the shape of t.me/s).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface Hit {
  path: string;
  at: number;
  headers: IncomingMessage["headers"];
}

export interface LocalServer {
  url: string;
  hits: Hit[];
  close(): Promise<void>;
}

export async function localServer(
  handle: (req: IncomingMessage, res: ServerResponse, hit: Hit) => void | Promise<void>,
): Promise<LocalServer> {
  const hits: Hit[] = [];
  const server = createServer(async (req, res) => {
    const hit = { path: req.url ?? "/", at: Date.now(), headers: req.headers };
    hits.push(hit);
    try {
      await handle(req, res, hit);
    } catch (err) {
      res.writeHead(500).end(String(err));
    }
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

const REGIONS = ["Kursk", "Bryansk", "Belgorod", "Oryol", "Voronezh", "Tula", "Lipetsk", "Kaluga", "Smolensk", "Ryazan"];

/** The text of the n-th invented report (distinct for every n). */
export const reportText = (n: number, tag = "") =>
  `${(n % 7) + 2} drones were shot down over the ${REGIONS[n % REGIONS.length]} region overnight, the governor said. (${tag}${n})`;

export interface Post {
  id: number;
  date: string;
  text: string;
  edited?: boolean;
}

/** A page in the shape of t.me/s/HANDLE: the given posts (oldest first) and, when older ones exist, a "more" link. */
export function telegramPage(handle: string, posts: Post[], olderExist: boolean): string {
  const more =
    olderExist && posts.length
      ? `<a href="/s/${handle}?before=${posts[0].id}" data-before="${posts[0].id}" class="tme_messages_more js-messages_more"></a>`
      : "";
  const messages = posts
    .map(
      (
        p,
      ) => `<div class="tgme_widget_message_wrap js-widget_message_wrap"><div class="tgme_widget_message js-widget_message" data-post="${handle}/${p.id}">
  <div class="tgme_widget_message_bubble">
    <div class="tgme_widget_message_text js-message_text" dir="auto">${p.text.replace(/\n/g, "<br/>")}</div>
    <div class="tgme_widget_message_footer compact js-message_footer"><div class="tgme_widget_message_info short js-message_info">
      <span class="tgme_widget_message_views">1K</span>${p.edited ? '<span class="tgme_widget_message_meta">edited&nbsp;</span>' : ""}
      <span class="tgme_widget_message_meta"><a class="tgme_widget_message_date" href="https://t.me/${handle}/${p.id}"><time datetime="${p.date}" class="time">00:00</time></a></span>
    </div></div>
  </div></div></div>`,
    )
    .join("\n");
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${handle}</title></head><body><header><div class="tgme_channel_info_header_title"><span dir="auto">Channel ${handle}</span></div></header>
<main class="tgme_main"><section class="tgme_channel_history js-message_history"><div class="tgme_widget_message_centered js-messages_more_wrap">${more}</div>
${messages}</section></main></body></html>`;
}

/** Serves a channel of `posts` (ascending ids) as t.me/s does: the newest `perPage`, or those before ?before=ID. */
export function channelResponder(handle: string, posts: () => Post[], perPage = 20) {
  return (path: string): string | null => {
    const m = /^\/s\/([^/?]+)(?:\?before=(\d+))?$/.exec(path);
    if (!m || m[1] !== handle) return null;
    const before = m[2] ? Number(m[2]) : Number.POSITIVE_INFINITY;
    const all = posts().filter((p) => p.id < before);
    const page = all.slice(-perPage);
    return telegramPage(handle, page, all.length > page.length);
  };
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");

export interface FeedEntry {
  id: string;
  title: string;
  text: string;
  date: string;
  link: string;
}

export const rss = (title: string, items: FeedEntry[]) =>
  `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>${esc(title)}</title><link>https://example.org/</link>${items
    .map(
      (i) =>
        `<item><title>${esc(i.title)}</title><link>${i.link}</link><guid>${i.id}</guid><description>${esc(i.text)}</description><pubDate>${new Date(i.date).toUTCString()}</pubDate></item>`,
    )
    .join("")}</channel></rss>`;

export const atom = (title: string, items: FeedEntry[]) =>
  `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>${esc(title)}</title><id>urn:test:${esc(title)}</id><updated>${items[0]?.date ?? "2025-07-21T00:00:00Z"}</updated>${items
    .map(
      (i) =>
        `<entry><title>${esc(i.title)}</title><id>${i.id}</id><link href="${i.link}"/><updated>${i.date}</updated><published>${i.date}</published><content type="html">${esc(`<p>${i.text}</p>`)}</content></entry>`,
    )
    .join("")}</feed>`;

export const jsonFeed = (title: string, items: FeedEntry[]) =>
  JSON.stringify({
    version: "https://jsonfeed.org/version/1.1",
    title,
    items: items.map((i) => ({ id: i.id, url: i.link, title: i.title, content_text: i.text, date_published: i.date })),
  });

/** n feed entries, one every `gapMinutes`, the newest at `newest`. */
export function entries(prefix: string, n: number, newest: Date, gapMinutes = 60, offset = 0): FeedEntry[] {
  return Array.from({ length: n }, (_, k) => {
    const i = k + offset;
    return {
      id: `${prefix}-${i}`,
      title: `Report ${prefix} ${i}`,
      text: reportText(i, prefix),
      date: new Date(newest.getTime() - k * gapMinutes * 60_000).toISOString(),
      link: `https://example.org/${prefix}/${i}`,
    };
  });
}
