export * from './services.js';
export * from './session.js';
export * from './headers.js';
export * from './http-envelope.js';
export * from './http-routes.js';
