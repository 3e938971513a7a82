// How `skywatch worker` is told to stop: the first SIGINT or SIGTERM asks it to stop gently (take
// nothing new, finish what it holds), the second of either ends it at once.

export interface StopSignals {
  /** Resolves at the first signal, with its name. */
  first: Promise<NodeJS.Signals>;
  /** Stops listening (the signals' default action again). */
  dispose(): void;
}

const SIGNALS: NodeJS.Signals[] = ["SIGINT", "SIGTERM"];

/** The exit status of a process ended by a signal, as shells report it (130 for SIGINT, 143 for SIGTERM). */
export const signalExitCode = (signal: NodeJS.Signals) => 128 + (signal === "SIGINT" ? 2 : 15);

/** Listens for SIGINT and SIGTERM: the first resolves `first`, the second calls `atOnce`. */
export function listenForStop(atOnce: (signal: NodeJS.Signals) => void): StopSignals {
  let told = false;
  let resolveFirst: (signal: NodeJS.Signals) => void = () => {};
  const first = new Promise<NodeJS.Signals>((resolve) => {
    resolveFirst = resolve;
  });
  const onSignal = (signal: NodeJS.Signals) => {
    if (told) return atOnce(signal);
    told = true;
    resolveFirst(signal);
  };
  for (const s of SIGNALS) process.on(s, onSignal);
  return {
    first,
    dispose: () => {
      for (const s of SIGNALS) process.off(s, onSignal);
    },
  };
}
