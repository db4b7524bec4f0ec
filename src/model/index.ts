export * from './json.js';
export * from './resource.js';
export * from './secret.js';
export * from './secret-values.js';
export * from './state.js';
export * from './plan.js';
export * from './payloads.js';
export * as shape from './shape.js';
export type { Shape } from './shape.js';
