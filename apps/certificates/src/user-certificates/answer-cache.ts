import type { RawJson } from '#libs/transport';

interface Entry { fingerprint: string; window: number; answer: RawJson }

/**
 * The last encoded list answer per user, for as long as the list's fingerprint (its certificates,
 * their row versions and archival flags, in answer order) and the QR signing window stay the same:
 * an unchanged list is answered without reading or copying a single document. Bounded by bytes;
 * least recently used users go first.
 */
export class AnswerCache {
  private readonly byUser = new Map<string, Entry>();
  private bytes = 0;

  constructor(private readonly maxBytes = 64 * 1024 * 1024) {}

  has(userId: string): boolean {
    return this.byUser.has(userId);
  }

  get(userId: string, fingerprint: string, window: number): RawJson | undefined {
    const entry = this.byUser.get(userId);
    if (!entry || entry.fingerprint !== fingerprint || entry.window !== window) return undefined;
    this.byUser.delete(userId);
    this.byUser.set(userId, entry);
    return entry.answer;
  }

  set(userId: string, fingerprint: string, window: number, answer: RawJson): void {
    this.drop(userId);
    if (answer.bytes.length > this.maxBytes) return;
    this.byUser.set(userId, { fingerprint, window, answer });
    this.bytes += answer.bytes.length;
    while (this.bytes > this.maxBytes) this.drop(this.byUser.keys().next().value!);
  }

  private drop(userId: string): void {
    const entry = this.byUser.get(userId);
    if (!entry) return;
    this.byUser.delete(userId);
    this.bytes -= entry.answer.bytes.length;
  }

  get size(): number {
    return this.byUser.size;
  }
}
