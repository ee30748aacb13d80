export * from './redis-streams.server.js';
export * from './redis-streams.client.js';
export * from './stream-context.js';
export * from './stream-record.js';
export * from './raw-json.js';
export * from './transport-exception.filter.js';
export * from './transport-clients.module.js';
export * from './transport-id.js';
export * from './transport-options.js';
export * from './keys.js';
export * from './sealer.js';
export * from './request-context.js';
export { DEFAULTS as TRANSPORT_DEFAULTS } from './defaults.js';
export type { StreamMessage, ReplyPacket, EntryMeta } from './wire-format.js';
/** For tools and tests that read entries directly (taps, diagnostics). */
export { decodeEntry, encodeEntry, openData, sealData } from './wire-format.js';
export type { HandledHook } from './handled-hook.js';
export * from './edge/index.js';
