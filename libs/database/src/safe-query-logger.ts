import { Logger as NestLogger } from '@nestjs/common';
import type { Logger as TypeOrmLogger } from 'typeorm';
import { dbErrorFields } from '#libs/errors';

const STATEMENT_MAX = 400;

/** The statement as written, never its parameters: whitespace collapsed, quoted literals masked, cut at STATEMENT_MAX. */
export function statementText(query: string): string {
  const text = query.replace(/'(?:[^']|'')*'/g, "'?'").replace(/\s+/g, ' ').trim();
  return text.length > STATEMENT_MAX ? `${text.slice(0, STATEMENT_MAX)}…` : text;
}

/**
 * TypeORM's logger for every service: through Nest's logger (the process's JSON logger, so
 * LOG_LEVEL holds), a failed statement as its text, SQLSTATE and constraint only. Never the
 * parameters (hashes, balances, keys, ids) nor the driver's message or detail, which quote values.
 */
export class SafeQueryLogger implements TypeOrmLogger {
  private readonly logger = new NestLogger('Database');

  logQuery(): void {
    // Statements that succeed are not logged.
  }

  /** The parameters TypeORM passes (third argument) are never logged: they carry hashes, balances, keys. */
  logQueryError(error: string | Error, query: string, _parameters?: unknown[]): void {
    this.logger.error({ msg: 'query failed', statement: statementText(query), ...dbErrorFields(error) });
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn({ msg: 'slow query', ms: time, statement: statementText(query) });
  }

  logSchemaBuild(message: string): void {
    this.logger.debug(message);
  }

  logMigration(message: string): void {
    this.logger.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    const text = typeof message === 'string' ? message : 'typeorm message';
    if (level === 'warn') this.logger.warn(text);
    else this.logger.debug(text);
  }
}
