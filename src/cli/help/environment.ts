/** The environment variables the CLI reads, for the root `--help` (README, "Environment"). */
export const ENVIRONMENT_HELP: readonly (readonly [string, string])[] = [
  ['STREAMKAP_CLIENT_ID', 'API client id (every command that calls the API)'],
  ['STREAMKAP_CLIENT_SECRET', 'API client secret; alias STREAMKAP_SECRET'],
  [
    'STREAMKAP_API_URL',
    'API base URL (default https://api.streamkap.com); alias STREAMKAP_HOST; --api-url wins',
  ],
  ['STREAMKAP_PAGE_SIZE', 'objects asked per list call, 1 to 100 (default 100)'],
  [
    'STREAMKAP_GITOPS_PLAN_KEY',
    "key of a saved plan's secret hashes (default: derived from the client secret)",
  ],
  ['NO_COLOR', 'any value: no colour (as --no-color)'],
  ['HTTPS_PROXY, NO_PROXY', 'proxy for API calls (also HTTP_PROXY and the lower-case forms)'],
  ['${env:NAME}', 'every NAME a manifest references (secrets): read from the environment'],
];
