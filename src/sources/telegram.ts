// A public Telegram channel read without credentials, through its web preview
// (https://t.me/s/HANDLE): about twenty posts a page, newest last; `?before=ID` gives the page of
// older posts. Each post is `div.tgme_widget_message[data-post="handle/123"]` with its text in
// `div.tgme_widget_message_text` (a photo's or video's caption is that same element), its time in
// `time[datetime]`, "edited" in its footer when it was changed, and a "Forwarded from" header.
// Pure: HTML in, posts out (the fetching is in collect.ts).
import { parseHTML } from "../ingest/parsers.js";

export interface TelegramPost {
  /** The message id within the channel. */
  id: number;
  handle: string;
  /** https://t.me/HANDLE/ID, whatever address the page came from. */
  url: string;
  /** ISO date-time as the page gives it, or null. */
  date: string | null;
  /** The text with its line breaks; links as "label (URL)" unless the label is the URL. */
  text: string;
  edited: boolean;
  /** The channel or person a forwarded post came from. */
  forwardedFrom: string | null;
  /** photo, video, document, poll… (its caption is the text). */
  media: string[];
}

export interface TelegramPage {
  channelTitle: string | null;
  /** Oldest first, as the page lists them. */
  posts: TelegramPost[];
  /** The id to ask `?before=` for the next older page, or null when the page says there is none. */
  before: number | null;
}

interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
  getAttribute?(name: string): string | null;
}
interface DomElement extends DomNode {
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  closest(selector: string): DomElement | null;
  classList: { contains(name: string): boolean };
}

const BLOCK = /^(P|DIV|BLOCKQUOTE|PRE|LI|UL|OL|H[1-6])$/;

/** A link's text in a post: hashtags and mentions as written, other links with their address. */
function linkText(label: string, href: string | null): string {
  if (!href || !/^https?:\/\//i.test(href)) return label;
  if (/^[#@$]/.test(label.trim())) return label;
  const bare = (s: string) => s.replace(/^https?:\/\/(www\.)?/i, "").replace(/\/$/, "");
  const shown = label.trim().replace(/…$/, "");
  if (!shown || bare(href).startsWith(bare(shown))) return href;
  return `${label} (${href})`;
}

/** Text of a message element: <br> and blocks as line breaks, links kept, emoji images as their character. */
export function messageText(root: DomNode): string {
  let out = "";
  const walk = (node: DomNode) => {
    if (node.nodeType === 3) {
      out += node.textContent ?? "";
      return;
    }
    if (node.nodeType !== 1) return;
    const name = node.nodeName.toUpperCase();
    if (name === "BR") {
      out += "\n";
      return;
    }
    if (/^(SCRIPT|STYLE|TEMPLATE)$/.test(name)) return;
    if (name === "A") {
      out += linkText(node.textContent ?? "", node.getAttribute?.("href") ?? null);
      return;
    }
    if (name === "IMG") {
      out += node.getAttribute?.("alt") ?? "";
      return;
    }
    const block = BLOCK.test(name);
    if (block && out && !out.endsWith("\n")) out += "\n";
    for (const child of Array.from(node.childNodes)) walk(child);
    if (block && !out.endsWith("\n")) out += "\n";
  };
  for (const child of Array.from(root.childNodes)) walk(child);
  return out
    .replace(/\u00a0/g, " ")
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

const MEDIA: Array<[string, string]> = [
  [".tgme_widget_message_photo_wrap", "photo"],
  [".tgme_widget_message_video_player", "video"],
  [".tgme_widget_message_roundvideo_player", "video"],
  [".tgme_widget_message_document", "document"],
  [".tgme_widget_message_voice_player", "voice"],
  [".tgme_widget_message_poll", "poll"],
  [".tgme_widget_message_sticker_wrap", "sticker"],
];

/** Whether a post's footer says it was edited (an "edited" mark beside its time). */
function isEdited(message: DomElement): boolean {
  if (message.querySelector(".tgme_widget_message_edited")) return true;
  const info = message.querySelector(".tgme_widget_message_info") ?? message.querySelector(".tgme_widget_message_footer");
  if (!info) return false;
  for (const el of Array.from(info.querySelectorAll("span")))
    if (!el.classList.contains("tgme_widget_message_views") && /^\s*edited\s*$/i.test(el.textContent ?? "")) return true;
  return false;
}

/** Parses a t.me/s page; `handle` is the channel it was asked for (posts of other channels on it are skipped). */
export function parseTelegramPage(html: string, handle: string): TelegramPage {
  const { document } = parseHTML(html) as unknown as { document: DomElement };
  const wanted = handle.toLowerCase();
  const posts: TelegramPost[] = [];
  for (const message of Array.from(document.querySelectorAll(".tgme_widget_message[data-post]"))) {
    if (message.classList.contains("service_message")) continue;
    const [owner, idText] = (message.getAttribute("data-post") ?? "").split("/");
    const id = Number(idText);
    if (!owner || owner.toLowerCase() !== wanted || !Number.isInteger(id) || id <= 0) continue;
    // The text of the post itself, not of the post it replies to (quoted in .tgme_widget_message_reply).
    const textElement = Array.from(message.querySelectorAll(".tgme_widget_message_text")).find(
      (el) => !el.closest(".tgme_widget_message_reply"),
    );
    const time = Array.from(message.querySelectorAll("time[datetime]")).find((el) => !el.closest(".tgme_widget_message_reply"));
    const forwarded = message.querySelector(".tgme_widget_message_forwarded_from");
    const forwardedName = forwarded?.querySelector(".tgme_widget_message_forwarded_from_name") ?? forwarded;
    const date = time?.getAttribute("datetime") ?? null;
    posts.push({
      id,
      handle: wanted,
      url: `https://t.me/${wanted}/${id}`,
      date: date && !Number.isNaN(Date.parse(date)) ? date : null,
      text: textElement ? messageText(textElement) : "",
      edited: isEdited(message),
      forwardedFrom: forwardedName ? (forwardedName.textContent ?? "").replace(/^\s*Forwarded from\s*/i, "").trim() || null : null,
      media: MEDIA.filter(([selector]) => message.querySelector(selector)).map(([, kind]) => kind),
    });
  }
  posts.sort((a, b) => a.id - b.id);
  const more = document.querySelector(".tme_messages_more[data-before]");
  const moreBefore = Number(more?.getAttribute("data-before"));
  // Without a "more" link, the oldest post on a full page still tells where the older page starts.
  const before = Number.isInteger(moreBefore) && moreBefore > 0 ? moreBefore : posts.length && posts[0].id > 1 ? posts[0].id : null;
  const title = document.querySelector(".tgme_channel_info_header_title")?.textContent?.trim() || null;
  return { channelTitle: title, posts, before };
}

/** The preview page's address: https://t.me/s/HANDLE[?before=ID] (base replaced in tests). */
export function telegramPageUrl(handle: string, before: number | null, base = "https://t.me"): string {
  return `${base.replace(/\/$/, "")}/s/${encodeURIComponent(handle)}${before ? `?before=${before}` : ""}`;
}
