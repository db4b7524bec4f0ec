/**
 * Renderers: the plan and drift values (src/planner) and the status report (src/status) printed for
 * people and programs. Presentation only: nothing here decides what changes.
 */
export { renderPlanText, type TextRenderOptions } from './plan-text.js';
export { renderPlanJson } from './plan-json.js';
export { renderPlanMarkdown, PLAN_COMMENT_MARKER } from './plan-markdown.js';
export { renderDriftText, renderDriftJson, renderDriftMarkdown } from './drift.js';
export { renderStatusText, type StatusTextOptions } from './status-text.js';
export { renderStatusJson } from './status-json.js';
export { renderStatusMarkdown } from './status-markdown.js';
export { renderDoctorText, type DoctorTextOptions } from './doctor-text.js';
export { renderDoctorJson } from './doctor-json.js';
export { renderDoctorMarkdown } from './doctor-markdown.js';
