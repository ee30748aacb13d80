export * from './metrics-registry.js';
export * from './transport-metrics.js';
export * from './stream-metrics.js';
export * from './pool-metrics.js';
export * from './label-cache.js';
export * from './metrics-registry.module.js';
export * from './json-logger.js';
