export { buildPlan, hasChanges } from './build-plan.js';
export { hmacSecret, derivePlanKey } from './secret-hmac.js';
export { DEFAULT_MAX_DELETES, type PlanOptions } from './types.js';
export { renderPlanText, type TextRenderOptions } from './render-text.js';
export { renderPlanJson, PLAN_JSON_FORMAT_VERSION } from './render-json.js';
export { renderPlanMarkdown, PLAN_COMMENT_MARKER, MARKDOWN_LIMIT } from './render-markdown.js';
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
export {
  renderDriftText,
  renderDriftJson,
  renderDriftMarkdown,
  driftSummaryLine,
  DRIFT_COMMENT_MARKER,
} from './render-drift.js';
