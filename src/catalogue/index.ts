export * from './catalogue.js';
export * from './decode-value.js';
export * from './encode-value.js';
export * from './field-rules.js';
export type * from './types.js';
