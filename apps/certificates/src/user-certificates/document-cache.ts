import type { UserCertificateView } from '#libs/contracts';

/**
 * Parsed certificate documents by id and row version (Postgres `xmin`, new with every write of
 * the row): a list whose certificates did not change since this replica last read them parses
 * nothing and reads no document from the database. Least recently used entries go first.
 */
export class DocumentCache {
  private readonly byId = new Map<string, { version: string; doc: UserCertificateView }>();

  constructor(private readonly max = 20_000) {}

  get(id: string, version: string): UserCertificateView | undefined {
    const entry = this.byId.get(id);
    if (!entry || entry.version !== version) return undefined;
    this.byId.delete(id);
    this.byId.set(id, entry);
    return entry.doc;
  }

  set(id: string, version: string, doc: UserCertificateView): void {
    this.byId.delete(id);
    this.byId.set(id, { version, doc });
    if (this.byId.size > this.max) this.byId.delete(this.byId.keys().next().value!);
  }

  get size(): number {
    return this.byId.size;
  }
}
