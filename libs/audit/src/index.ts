export * from './audit-actor.js';
export * from './audit-recorder.js';
export * from './audit-query.js';
export * from './audit-reader.js';
export * from './audit-table.js';
export * from './audit.module.js';
export * from './without-secrets.js';
export * from './changed-fields.js';
