// Opt-in recorder of the HTTP traffic the suites make through test/support's clients (http() and
// rawHttp()): with OPENAPI_RECORD=<file>, each request and its answer is appended to <file> as one
// JSON line; test/ops/openapi-answers.e2e.ts validates such files against the published document.
import { appendFileSync } from 'node:fs';

export interface Exchange {
  method: string;
  /** Path and query as requested. */
  path: string;
  status: number;
  contentType: string | null;
  /** The parsed JSON body; absent when the answer was empty or not JSON. */
  body?: unknown;
}

const listeners = new Set<(exchange: Exchange) => void>();

/** Calls `listener` with every exchange from now on; returns the function that stops it. */
export function onExchange(listener: (exchange: Exchange) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Called by the HTTP helpers once an answer has been read. */
export function recordExchange(method: string, path: string, answer: { status: number; headers: Headers }, text: string, parsed: unknown): void {
  const file = process.env.OPENAPI_RECORD;
  if (!file && listeners.size === 0) return;
  const contentType = answer.headers.get('content-type');
  const json = text !== '' && parsed !== text; // JSON.parse succeeded
  const exchange: Exchange = { method: method.toUpperCase(), path, status: answer.status, contentType, ...(json ? { body: parsed } : {}) };
  for (const listener of listeners) listener(exchange);
  if (file) appendFileSync(file, `${JSON.stringify(exchange)}\n`);
}
