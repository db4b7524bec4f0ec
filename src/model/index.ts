export * from './json.js';
export * from './resource.js';
export * from './secret.js';
export * from './secret-values.js';
export * from './state.js';
export * from './plan.js';
