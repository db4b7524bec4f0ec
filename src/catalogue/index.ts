export * from './catalogue.js';
export type * from './types.js';
