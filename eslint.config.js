import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const PURE_FORBIDDEN = [
  'node:fs*',
  'fs',
  'undici',
  'pino',
  'node:http*',
  'node:net',
  '*/api/*',
  '*/state/*',
  '*/applier/*',
];

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'coverage/',
      'node_modules/',
      'src/catalogue/connectors.generated.ts',
      'src/schema/manifest-validator.generated.cjs',
      // Transform code runs inside Streamkap's runtime, not here: its signature is theirs.
      'examples/transforms/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='process'][callee.property.name='exit']",
          message: 'Only src/cli/main.ts ends the process; throw a typed error instead.',
        },
      ],
    },
  },
  {
    // NOTE: the planner is the pure core, and its renderers print its values: no fs, network, clock or logger.
    files: ['src/planner/**/*.ts', 'src/render/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: PURE_FORBIDDEN }],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'The planner takes time as an input.' },
        { object: 'Math', property: 'random', message: 'The planner is deterministic.' },
      ],
    },
  },
  {
    // The plan value knows nothing of how it is printed (src/render depends on the planner, not back).
    files: ['src/planner/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...PURE_FORBIDDEN, '*/render/*'] }] },
  },
  {
    files: ['bin/**/*.js'],
    languageOptions: { globals: { process: 'readonly', URL: 'readonly' } },
  },
  {
    // The benchmark's preload runs inside the measured process, so it stays CommonJS (no loader cost).
    files: ['bench/**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { process: 'readonly', require: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
