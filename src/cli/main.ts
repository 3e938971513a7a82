// `skywatch <command>`: dispatches to one module per command, imported when it runs: a command
// loads its own modules only (serve not those of sources, import, export or extract), which is
// less memory for its whole life and a quicker start.
type Command = (args: string[]) => Promise<number>;

const COMMANDS: Record<string, { load: () => Promise<Command>; summary: string }> = {
  extract: { load: async () => (await import("./extract-command.js")).extractCommand, summary: "turn report files into incidents (JSON)" },
  serve: {
    load: async () => (await import("./serve-command.js")).serveCommand,
    summary: "serve the API on the store (loads the sample reports on first start)",
  },
  ingest: {
    load: async () => (await import("./ingest-command.js")).ingestCommand,
    summary: "store reports from files, directories, JSON lines or Telegram exports",
  },
  worker: {
    load: async () => (await import("./worker-command.js")).workerCommand,
    summary: "extract and store queued reports (PostgreSQL, DATABASE_URL)",
  },
  watch: {
    load: async () => (await import("./watch-command.js")).watchCommand,
    summary: "poll RSS/Atom feeds (conditional GET) and store new items",
  },
  sources: {
    load: async () => (await import("./sources-command.js")).sourcesCommand,
    summary: "the sources collected on schedule (feeds, Telegram channels, web pages) and their health",
  },
  reextract: {
    load: async () => (await import("./reextract-command.js")).reextractCommand,
    summary: "read the stored reports again with this extractor; events keep their ids",
  },
  export: {
    load: async () => (await import("./export-command.js")).exportCommand,
    summary: "write the whole record (reports, events, their history…) as JSON lines",
  },
  import: {
    load: async () => (await import("./import-command.js")).importCommand,
    summary: "read a record written by 'export' into an empty store",
  },
  subscribe: {
    load: async () => (await import("./subscribe-command.js")).subscribeCommand,
    summary: "alerts by webhook, email or Atom feed for a filter (regions, a radius, kinds…)",
  },
  subscriptions: {
    load: async () => (await import("./subscribe-command.js")).subscriptionsCommand,
    summary: "list subscriptions; show, pause, resume or delete one, with its deliveries",
  },
  keys: {
    load: async () => (await import("./keys-command.js")).keysCommand,
    summary: "create, list or revoke the API keys that may write reports",
  },
  place: {
    load: async () => (await import("./place-command.js")).placeCommand,
    summary: "look up a place name (any language, any case form); 'place add' adds one",
  },
  region: { load: async () => (await import("./place-command.js")).regionCommand, summary: "the region a point (LAT LON) lies in" },
  demo: {
    load: async () => (await import("./demo-command.js")).demoCommand,
    summary: "extract the bundled sample reports and print the incidents",
  },
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
    return await (await command.load())(rest);
  } catch (err) {
    console.error(`skywatch ${name}: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}
