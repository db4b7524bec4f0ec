import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildPlan, detectDrift } from '../../src/planner/index.js';
import {
  renderDriftJson,
  renderDriftMarkdown,
  renderDriftText,
  renderPlanJson,
  renderPlanMarkdown,
  renderPlanText,
} from '../../src/render/index.js';
import { DRIFT_SCENARIOS, SCENARIOS } from '../planner/scenarios.js';

// UPDATE_GOLDEN=1 npx vitest run test/planner/golden.test.ts rewrites the files; review the diff.
const UPDATE = process.env['UPDATE_GOLDEN'] === '1';
const DIR = new URL('../golden/', import.meta.url);

function golden(file: string, actual: string): void {
  const url = new URL(file, DIR);
  if (UPDATE || !existsSync(url)) {
    mkdirSync(DIR, { recursive: true });
    writeFileSync(url, actual);
    if (!UPDATE)
      throw new Error(`golden file ${file} was missing and has been written; check it and run again`);
    return;
  }
  expect(actual).toBe(readFileSync(url, 'utf8'));
}

describe('golden plans', () => {
  for (const s of SCENARIOS) {
    describe(s.name, () => {
      const plan = buildPlan(s.desired, s.live, s.options);
      it('text', () => golden(`${s.name}.txt`, renderPlanText(plan, { color: false })));
      it('json', () => golden(`${s.name}.json`, renderPlanJson(plan)));
      it('markdown', () => golden(`${s.name}.md`, renderPlanMarkdown(plan)));
    });
  }
});

describe('golden drift reports', () => {
  for (const s of DRIFT_SCENARIOS) {
    describe(s.name, () => {
      const report = detectDrift(s.desired, s.live);
      it('text', () => golden(`${s.name}.txt`, renderDriftText(report)));
      it('json', () => golden(`${s.name}.json`, renderDriftJson(report)));
      it('markdown', () => golden(`${s.name}.md`, renderDriftMarkdown(report)));
    });
  }
});
