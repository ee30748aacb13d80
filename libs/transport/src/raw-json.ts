/**
 * An answer already encoded as JSON (UTF-8 bytes). A handler returns it for a large answer it
 * has in encoded form: the transport seals and ships the bytes without parsing or re-encoding
 * them. A caller that asked for raw answers (`StreamRecord` option `rawJson`, the gateway's relay)
 * receives the RawJson itself and can write the bytes as an HTTP body; every other caller
 * receives the parsed value, as if the handler had returned it.
 */
export class RawJson {
  constructor(readonly bytes: Buffer) {}

  static fromText(json: string): RawJson {
    return new RawJson(Buffer.from(json));
  }

  parse<T = unknown>(): T {
    return JSON.parse(this.bytes.toString()) as T;
  }

  /** Nested in a value that is stringified anyway (a fallback path), it stands for its parsed value. */
  toJSON(): unknown {
    return this.parse();
  }
}

export function isRawJson(value: unknown): value is RawJson {
  return value instanceof RawJson;
}
