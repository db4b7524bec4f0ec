// NOTE: kept in step with package.json by a test (test/cli/version.test.ts), so the CLI needs no
// file read at start-up.
export const TOOL_VERSION = '0.1.0';
