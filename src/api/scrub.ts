/**
 * Secret masking for bodies that may reach a log line or an error message. The implementation
 * lives in src/logging (the logger runs it on every line); the API client and its callers use it
 * from here.
 */
export { scrubSecrets, scrubText } from '../logging/scrub.js';
