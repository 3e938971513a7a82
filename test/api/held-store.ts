// Holds an embedded store's queue — a transaction waits on a gate, so every query queues behind it —
// while asking something: what answers then needed no query.
import type { Store } from "../../src/store/database.js";

/** `ask()`'s answer if it came while the store was held (within 30 s), else null; the store is freed after. */
export async function answeredWhileHeld<T>(store: Store, ask: () => Promise<T>): Promise<T | null> {
  let open = () => {};
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  let freed = false;
  const holding = store.db.transaction(async () => {
    await gate;
    freed = true;
  });
  while ((store.backlog()?.waiting ?? 0) === 0) await new Promise((r) => setImmediate(r));
  const answer = await Promise.race([ask().then((a) => (freed ? null : a)), new Promise<null>((r) => setTimeout(() => r(null), 30_000))]);
  open();
  await holding;
  return answer;
}
