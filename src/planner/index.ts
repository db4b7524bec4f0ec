export { buildPlan, hasChanges } from './build-plan.js';
export { hmacSecret, derivePlanKey } from './secret-hmac.js';
export { DEFAULT_MAX_DELETES, type PlanOptions } from './types.js';
export {
  detectDrift,
  isInSync,
  applyDriftIgnore,
  DRIFT_FORMAT_VERSION,
  type DriftReport,
  type DriftItem,
  type DriftChange,
  type DriftOptions,
  type DriftIgnoreRule,
} from './drift.js';
