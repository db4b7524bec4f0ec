export { buildPlan, hasChanges } from './build-plan.js';
export { hmacSecret, derivePlanKey } from './secret-hmac.js';
export { DEFAULT_MAX_DELETES, type PlanOptions } from './types.js';
