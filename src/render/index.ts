/**
 * Renderers: the plan and drift values (src/planner) and the status report (src/status) printed for people and programs. Presentation
 * only: nothing here decides what changes.
 */
export { renderPlanText, type TextRenderOptions } from './plan-text.js';
export { renderPlanJson, PLAN_JSON_FORMAT_VERSION } from './plan-json.js';
export { renderPlanMarkdown, PLAN_COMMENT_MARKER, MARKDOWN_LIMIT } from './plan-markdown.js';
export {
  renderDriftText,
  renderDriftJson,
  renderDriftMarkdown,
  driftSummaryLine,
  DRIFT_COMMENT_MARKER,
} from './drift.js';
export { renderStatusText, type StatusTextOptions } from './status-text.js';
export { renderStatusJson } from './status-json.js';
export { renderStatusMarkdown } from './status-markdown.js';
export { sparkline } from './sparkline.js';
