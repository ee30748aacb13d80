export * from './data-source-options.js';
export * from './run-migrations.js';
