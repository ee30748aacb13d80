/** Deepest JSON nesting any of our documents needs is about 5; 32 leaves room and stops stack abuse. */
export const MAX_INPUT_DEPTH = 32;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Finds what no handler should ever see: keys that reach object prototypes, NUL characters
 * (PostgreSQL text cannot hold them), lone UTF-16 surrogates (not valid Unicode), and nesting
 * deeper than MAX_INPUT_DEPTH. Returns a message for a 400, or undefined when the value is fine.
 */
export function inputProblem(value: unknown, path = 'body', depth = 0): string | undefined {
  if (typeof value === 'string') return stringProblem(value, path);
  if (typeof value !== 'object' || value === null) return undefined;
  if (depth >= MAX_INPUT_DEPTH) return `${path} is nested deeper than ${MAX_INPUT_DEPTH} levels`;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const problem = inputProblem(value[i], `${path}[${i}]`, depth + 1);
      if (problem) return problem;
    }
    return undefined;
  }
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) return `${path}.${key} is not an allowed field name`;
    const keyProblem = stringProblem(key, `${path} field name`);
    if (keyProblem) return keyProblem;
    const problem = inputProblem((value as Record<string, unknown>)[key], `${path}.${key}`, depth + 1);
    if (problem) return problem;
  }
  return undefined;
}

function stringProblem(text: string, path: string): string | undefined {
  if (text.includes('\u0000')) return `${path} contains a NUL character`;
  if (LONE_SURROGATE.test(text)) return `${path} is not valid Unicode`;
  return undefined;
}
