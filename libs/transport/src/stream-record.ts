import type { MessageHeaders } from '#libs/contracts';

export interface StreamRecordOptions {
  /** Overrides the client's timeout for this message (never beyond the caller's own remaining deadline). */
  timeoutMs?: number;
  /** An answer the handler sent already encoded arrives as that RawJson (bytes), not parsed (the gateway's relay). */
  rawJson?: boolean;
}

/** Data plus headers (and per-message options) for `client.send()` / `client.emit()`. */
export class StreamRecord<T = unknown> {
  constructor(
    readonly data: T,
    readonly headers: MessageHeaders = {},
    readonly options: StreamRecordOptions = {},
  ) {}
}
