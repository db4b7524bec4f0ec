export { buildPlan, hasChanges } from './build-plan.js';
export { derivePlanKey, planSeal } from './secret-hmac.js';
export type { PlanOptions } from './types.js';
export { isRefusal, ownershipRefusals, REFUSAL_CODES, type GuardOptions } from './ownership-guard.js';
export {
  detectDrift,
  isInSync,
  hasDrift,
  applyDriftIgnore,
  type DriftReport,
  type DriftItem,
  type DriftChange,
  type DriftOptions,
  type DriftIgnoreRule,
} from './drift.js';
