import { Injectable } from '@nestjs/common';
import { argon2id, hash, verify } from 'argon2';

/** argon2id with the library's defaults (OWASP-level: 64 MiB, t=3). */
@Injectable()
export class PasswordHasher {
  hash(password: string): Promise<string> {
    return hash(password, { type: argon2id });
  }

  async verify(stored: string | null, password: string): Promise<boolean> {
    if (!stored) {
      // Same work as a real check so unknown users cannot be told apart by timing.
      await verify(await this.dummyHash(), password).catch(() => false);
      return false;
    }
    return verify(stored, password).catch(() => false);
  }

  private dummy?: Promise<string>;
  private dummyHash(): Promise<string> {
    this.dummy ??= this.hash('not-a-real-password');
    return this.dummy;
  }
}
