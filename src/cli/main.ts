// `skywatch <command>`: dispatches to one module per command.
import { demoCommand } from "./demo-command.js";
import { exportCommand } from "./export-command.js";
import { extractCommand } from "./extract-command.js";
import { importCommand } from "./import-command.js";
import { ingestCommand } from "./ingest-command.js";
import { keysCommand } from "./keys-command.js";
import { placeCommand, regionCommand } from "./place-command.js";
import { reextractCommand } from "./reextract-command.js";
import { serveCommand } from "./serve-command.js";
import { sourcesCommand } from "./sources-command.js";
import { subscribeCommand, subscriptionsCommand } from "./subscribe-command.js";
import { watchCommand } from "./watch-command.js";
import { workerCommand } from "./worker-command.js";

type Command = (args: string[]) => Promise<number>;

const COMMANDS: Record<string, { run: Command; summary: string }> = {
  extract: { run: extractCommand, summary: "turn report files into incidents (JSON)" },
  serve: { run: serveCommand, summary: "serve the API on the store (loads the sample reports on first start)" },
  ingest: { run: ingestCommand, summary: "store reports from files, directories, JSON lines or Telegram exports" },
  worker: { run: workerCommand, summary: "extract and store queued reports (PostgreSQL, DATABASE_URL)" },
  watch: { run: watchCommand, summary: "poll RSS/Atom feeds (conditional GET) and store new items" },
  sources: { run: sourcesCommand, summary: "the sources collected on schedule (feeds, Telegram channels, web pages) and their health" },
  reextract: { run: reextractCommand, summary: "read the stored reports again with this extractor; events keep their ids" },
  export: { run: exportCommand, summary: "write the whole record (reports, events, their history…) as JSON lines" },
  import: { run: importCommand, summary: "read a record written by 'export' into an empty store" },
  subscribe: { run: subscribeCommand, summary: "alerts by webhook, email or Atom feed for a filter (regions, a radius, kinds…)" },
  subscriptions: { run: subscriptionsCommand, summary: "list subscriptions; show, pause, resume or delete one, with its deliveries" },
  keys: { run: keysCommand, summary: "create, list or revoke the API keys that may write reports" },
  place: { run: placeCommand, summary: "look up a place name (any language, any case form); 'place add' adds one" },
  region: { run: regionCommand, summary: "the region a point (LAT LON) lies in" },
  demo: { run: demoCommand, summary: "extract the bundled sample reports and print the incidents" },
};

export function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return `Usage: skywatch <command> [options]\n\nCommands:\n${lines.join("\n")}\n\nRun 'skywatch <command> --help' for a command's options.`;
}

export async function run(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    console.log(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`skywatch: unknown command '${name}'.\n\n${usage()}`);
    return 2;
  }
  try {
    return await command.run(rest);
  } catch (err) {
    console.error(`skywatch ${name}: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}
