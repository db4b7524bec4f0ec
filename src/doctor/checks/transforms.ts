/**
 * Transforms' `implementation` in list rows (api-notes §3.3): the state loader reads transforms
 * from their list only, so the planner compares the manifests' code with what list rows carry
 * (the applier reads each transform by id before a PUT). The contract says a list row "may not
 * carry" it; GET by id always does.
 */
import { fail, notChecked, ok, type ReadCheck } from '../check.js';
import { describeShape, tally } from '../describe-shape.js';
import { field } from '../samples.js';

const present = (v: unknown): boolean => v !== undefined && v !== null;

export const transformImplementationCheck: ReadCheck = {
  def: {
    id: 'transform-implementation',
    group: 'reads',
    title: "Transforms' implementation in list rows",
    assumed: 'GET /transforms rows carry implementation, as GET /transforms/{id} does',
    setting:
      "no setting: plan compares the manifests' code with the list rows' implementation (apply reads a transform by id before each PUT, so no code is lost)",
  },
  run: async (ctx) => {
    const rows = await ctx.samples.rows('transform');
    const first = rows.find((r) => typeof field(r, 'id') === 'string');
    if (!first) return notChecked('the account has no transform');
    const { path, query } = ctx.samples.endpoint('transform');
    const byId = await ctx.api.get(`${path}/${encodeURIComponent(String(field(first, 'id')))}`, query);
    const result = field(byId, 'result');
    const one = Array.isArray(result) ? result[0] : byId;
    const listed = rows.map((r) => field(r, 'implementation'));
    const seen = `list rows: ${tally(listed.map((v) => describeShape(v)))}; GET by id: ${describeShape(field(one, 'implementation'))}`;
    if (present(field(one, 'implementation')) && !present(field(first, 'implementation'))) {
      return fail(
        `${seen}: list rows leave implementation out`,
        'Every plan would show the code of each transform with an implementation_file as changed, and apply would resend it each time. Report this with doctor --format json.',
      );
    }
    return ok(seen);
  },
};
