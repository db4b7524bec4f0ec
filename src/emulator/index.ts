/** The local Streamkap API emulator: a Fetch-style handler plus a node:http server around it. */
export { createEmulator, type Emulator, type EmulatorOptions } from './emulator.js';
export { startEmulatorServer, type EmulatorServer, type EmulatorServerOptions } from './server.js';
export { callAsClient } from './call-as-client.js';
export { DEFAULT_SETTINGS, type EmulatorSettings, type FaultRule, type OneShot } from './settings.js';
export type { StateDocument } from './state-io.js';
export type { EmulatorStats } from './stats.js';
export type { EmulatorRequest, EmulatorResponse } from './types.js';
