export * from './caller-policy.js';
export * from './callers.js';
export * from './edge.guard.js';
export * from './inputs.js';
export * from './internal.decorator.js';
export * from './session-auth.js';
