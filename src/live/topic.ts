// A tiny typed publish/subscribe core (after and3rson/raid's Topic<T>): the live stream, and
// later alerts and webhooks, subscribe with their own filter.
export type Unsubscribe = () => void;

export class Topic<T> {
  private subscribers = new Map<number, { filter: (value: T) => boolean; deliver: (value: T) => void }>();
  private next = 0;

  subscribe(deliver: (value: T) => void, filter: (value: T) => boolean = () => true): Unsubscribe {
    const id = this.next++;
    this.subscribers.set(id, { filter, deliver });
    return () => this.subscribers.delete(id);
  }

  broadcast(value: T): void {
    for (const s of this.subscribers.values()) {
      if (!s.filter(value)) continue;
      try {
        s.deliver(value);
      } catch {
        // A failing subscriber must not stop the others.
      }
    }
  }

  get size(): number {
    return this.subscribers.size;
  }
}
