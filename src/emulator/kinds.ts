/**
 * The kinds the emulator plays, each with its routes: the emulator's own registration, parallel to
 * the client's kind registry (src/kinds/registry.ts), which it must not import (it plays the server
 * and must not share the client's assumptions). A kind beyond the built-in ones is added through
 * `createEmulator({ kinds })`; its records live in `store.collection(name)`.
 */
import type { Router } from './router.js';
import { registerConnectorRoutes } from './routes/connectors.js';
import { registerPipelineRoutes } from './routes/pipelines.js';
import { registerTagRoutes } from './routes/tags.js';
import { registerTransformJobRoutes } from './routes/transform-jobs.js';
import { registerTransformRoutes } from './routes/transforms.js';

export interface EmulatorKind {
  /** The kind's name; an added kind's records are `store.collection(name)`. */
  readonly name: string;
  /** Adds the kind's routes (paths as the API serves them). */
  register(router: Router): void;
}

export const BUILTIN_EMULATOR_KINDS: readonly EmulatorKind[] = [
  { name: 'source', register: (r) => registerConnectorRoutes(r, 'source') },
  { name: 'destination', register: (r) => registerConnectorRoutes(r, 'destination') },
  {
    name: 'transform',
    register: (r) => {
      registerTransformRoutes(r);
      registerTransformJobRoutes(r);
    },
  },
  { name: 'pipeline', register: registerPipelineRoutes },
  { name: 'tag', register: registerTagRoutes },
];
