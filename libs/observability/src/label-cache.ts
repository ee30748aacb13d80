/**
 * Memoises metric children by label value, so the hot path does a Map lookup instead of
 * prom-client's per-call label hashing.
 */
export class LabelCache<T> {
  private readonly children = new Map<string, T>();

  constructor(private readonly make: (key: string) => T) {}

  get(key: string): T {
    let child = this.children.get(key);
    if (child === undefined) {
      child = this.make(key);
      this.children.set(key, child);
    }
    return child;
  }
}
