/**
 * The GitHub Actions workflows `init` writes: a plan on every pull request (one sticky comment),
 * an apply on the main branch (one at a time), and a nightly drift and status check. They use this
 * repository's action (action.yml) at a pinned CLI version.
 */

/** The action, as a workflow's `uses:` names it. NOTE: the repository this project is published from. */
export const ACTION_REF = 'streamkap/streamkap-gitops@v0';

export interface WorkflowOptions {
  /** Manifest directory, e.g. `streamkap/`. */
  readonly paths: string;
  /** Every `${env:NAME}` the manifests use: passed from repository secrets. */
  readonly envNames: readonly string[];
  /** The CLI version the action installs. */
  readonly version: string;
}

function envBlock(names: readonly string[]): string[] {
  return [
    '        env:',
    ...['STREAMKAP_CLIENT_ID', 'STREAMKAP_CLIENT_SECRET', ...names].map(
      (n) => `          ${n}: \${{ secrets.${n} }}`,
    ),
  ];
}

function steps(o: WorkflowOptions, command: string, extra: readonly string[] = []): string[] {
  return [
    '    steps:',
    '      - uses: actions/checkout@v4',
    '      - uses: actions/setup-node@v4',
    '        with:',
    '          node-version: 20',
    `      - uses: ${ACTION_REF}`,
    '        with:',
    `          command: ${command}`,
    `          paths: ${o.paths}`,
    `          version: ${o.version}`,
    ...extra.map((l) => `          ${l}`),
    ...envBlock(o.envNames),
  ];
}

const TRIGGER_PATHS = (o: WorkflowOptions): string[] => [
  '    paths:',
  `      - '${o.paths.replace(/\/?$/, '/**')}'`,
  "      - '.streamkap-gitops-ignore'",
];

function planWorkflow(o: WorkflowOptions): string {
  return [
    'name: streamkap plan',
    'on:',
    '  pull_request:',
    ...TRIGGER_PATHS(o),
    'permissions:',
    '  contents: read',
    '  pull-requests: write # the sticky plan comment',
    'jobs:',
    '  plan:',
    '    runs-on: ubuntu-latest',
    ...steps(o, 'plan'),
    '',
  ].join('\n');
}

function applyWorkflow(o: WorkflowOptions): string {
  return [
    'name: streamkap apply',
    'on:',
    '  push:',
    '    branches: [main]',
    ...TRIGGER_PATHS(o),
    'permissions:',
    '  contents: read',
    '# One apply at a time, in push order: a second merge waits instead of racing the first.',
    'concurrency:',
    '  group: streamkap-apply',
    '  cancel-in-progress: false',
    'jobs:',
    '  apply:',
    '    runs-on: ubuntu-latest',
    ...steps(o, 'apply', ['args: --auto-approve']),
    '',
  ].join('\n');
}

function nightlyWorkflow(o: WorkflowOptions): string {
  const job = (name: string): string[] => [
    `  ${name}:`,
    '    runs-on: ubuntu-latest',
    ...steps(o, name, ['fail-on-changes: true']),
  ];
  return [
    'name: streamkap drift and status',
    'on:',
    '  schedule:',
    "    - cron: '17 3 * * *' # nightly",
    '  workflow_dispatch:',
    'permissions:',
    '  contents: read',
    'jobs:',
    ...job('drift'),
    ...job('status'),
    '',
  ].join('\n');
}

/** File name (under .github/workflows/) → text. */
export function githubWorkflows(o: WorkflowOptions): Record<string, string> {
  return {
    'streamkap-plan.yml': planWorkflow(o),
    'streamkap-apply.yml': applyWorkflow(o),
    'streamkap-nightly.yml': nightlyWorkflow(o),
  };
}
