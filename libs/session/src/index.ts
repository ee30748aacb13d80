export * from './ticket-hash.js';
export * from './ticket-store.js';
