/**
 * The examples every command's `--help` ends with: real command lines a user can paste (a test
 * parses each one against the command's flags). Keyed by command name.
 */
export const COMMAND_EXAMPLES: Readonly<Record<string, readonly string[]>> = {
  validate: [
    'streamkap-gitops validate streamkap/',
    'streamkap-gitops validate --allow-missing-env examples/      # structure only, no variables needed',
    'streamkap-gitops validate streamkap/ --format json',
  ],
  plan: [
    'streamkap-gitops plan streamkap/',
    'streamkap-gitops plan streamkap/ --format markdown --detailed-exitcode > plan.md',
    'streamkap-gitops plan streamkap/ --target source/orders-db --out plan.json',
  ],
  apply: [
    'streamkap-gitops apply streamkap/                        # shows the plan, asks for yes',
    'streamkap-gitops apply streamkap/ --auto-approve --allow-destructive --lock-timeout 10m',
    'streamkap-gitops apply --plan plan.json streamkap/ --auto-approve   # exactly the reviewed plan',
  ],
  'force-unlock': [
    'streamkap-gitops force-unlock shop                      # the lock a killed apply left',
    'streamkap-gitops force-unlock shop --api-url http://127.0.0.1:8080',
  ],
  drift: [
    'streamkap-gitops drift streamkap/',
    'streamkap-gitops drift streamkap/ --format markdown > drift.md',
    'streamkap-gitops drift streamkap/ --ignore-file ci/drift-ignore',
  ],
  status: [
    'streamkap-gitops status streamkap/',
    'streamkap-gitops status streamkap/ --max-lag 10000 --max-latency 30s --format markdown > status.md',
    'streamkap-gitops status --namespace shop --watch 30s',
  ],
  doctor: [
    'streamkap-gitops doctor                                  # read-only: every API assumption against the account',
    'streamkap-gitops doctor streamkap/ --format json > doctor.json',
    'streamkap-gitops doctor --probe-writes --namespace-scratch doctor-scratch',
  ],
  snapshot: [
    'streamkap-gitops snapshot orders-db --tables public.orders,public.refunds --wait',
    `streamkap-gitops snapshot orders-db streamkap/ --tables public.orders --where "public.orders=created_at >= '2026-01-01'"`,
    'streamkap-gitops snapshot orders-db --stop',
  ],
  export: [
    'streamkap-gitops export --out streamkap/ --namespace shop                 # what shop owns',
    'streamkap-gitops export --out adopt/ --namespace shop --select unowned    # then: apply adopt/ --adopt',
    'streamkap-gitops export --out backup/ --namespace shop --select all --split pipelines --force',
  ],
  schema: [
    'streamkap-gitops schema > streamkap-gitops.schema.json',
    "streamkap-gitops schema | jq '.properties | keys'",
  ],
  connectors: [
    'streamkap-gitops connectors',
    'streamkap-gitops connectors postgresql --kind source',
    'streamkap-gitops connectors snowflake --format json',
  ],
  emulator: [
    'streamkap-gitops emulator --port 0',
    'eval "$(streamkap-gitops emulator --port 0 --print-env)"   # runs in the background; kill $STREAMKAP_EMULATOR_PID',
    'streamkap-gitops emulator --data emulator.json --error-rate 0.1 --latency-ms 50',
  ],
  demo: ['streamkap-gitops demo', 'streamkap-gitops demo --no-color > demo.log'],
  init: [
    'streamkap-gitops init                                    # asks on a terminal',
    'streamkap-gitops init infra/ --source mysql --destination clickhouse --namespace shop',
    'streamkap-gitops init --force                            # overwrite the files it writes',
  ],
  ci: [
    'streamkap-gitops ci -- plan streamkap/                   # in GitHub Actions or GitLab CI',
    'streamkap-gitops ci --comment-key plan-eu -- plan streamkap/eu/',
    'streamkap-gitops ci --fail-on-changes -- drift streamkap/',
  ],
  completion: [
    'streamkap-gitops completion bash > ~/.local/share/bash-completion/completions/streamkap-gitops',
    "echo 'source <(streamkap-gitops completion zsh)' >> ~/.zshrc",
    'streamkap-gitops completion fish > ~/.config/fish/completions/streamkap-gitops.fish',
  ],
};

/** The examples of the root `--help`. */
export const ROOT_EXAMPLES: readonly string[] = [
  'streamkap-gitops demo                                   # a guided tour, no account needed',
  'streamkap-gitops validate streamkap/ && streamkap-gitops plan streamkap/',
  'streamkap-gitops connectors postgresql',
];
