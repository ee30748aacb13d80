export * from './data-source-options.js';
export * from './run-migrations.js';
export * from './service-database.module.js';
export * from './safe-query-logger.js';
export * from './pg-pool.js';
