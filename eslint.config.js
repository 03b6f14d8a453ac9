// Lint keeps the architecture true (docs/ARCHITECTURE.md): shared imports nothing of server or client,
// server/domain does no I/O, client features never import each other, no import cycles.
import { readdirSync, existsSync } from 'node:fs';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';

const featuresDir = 'client/src/features';
const features = existsSync(featuresDir)
  ? readdirSync(featuresDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name)
  : [];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'fixtures/generated/**'] },
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver': { node: { extensions: ['.ts', '.tsx', '.js'] } } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-ignore': 'allow-with-description', 'ts-expect-error': 'allow-with-description' }],
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './shared', from: ['./server', './client', './tests', './scripts'], message: 'shared/ imports zod only' },
            { target: './server', from: ['./client', './tests'], message: 'server/ never imports client/' },
            { target: './client', from: ['./server', './tests'], message: 'client/ never imports server/' },
            {
              target: './server/domain',
              from: ['./server/core', './server/store', './server/http', './server/live', './server/app.ts', './server/main.ts'],
              message: 'server/domain is pure: no transport or storage',
            },
            {
              target: './server/core',
              from: ['./server/http', './server/live', './server/sim', './server/app.ts', './server/main.ts', './server/start.ts'],
              message: 'server/core holds the use cases: no transport (routers and the live hub call it, not the other way)',
            },
            {
              target: './server/store',
              from: ['./server/core', './server/domain', './server/http', './server/live', './server/app.ts'],
              message: 'server/store keeps rows durably: it knows nothing of the state or the transport',
            },
            ...features.map((f) => ({
              target: `./${featuresDir}/${f}`,
              from: `./${featuresDir}`,
              except: [`./${f}`],
              message: 'a client feature never imports another feature',
            })),
          ],
        },
      ],
    },
  },
  {
    // Every switch over a union (event types, roles, rooms) names every case: a new event type fails lint
    // wherever it is not handled yet.
    // A promise nobody awaits is a write nobody knows failed (the stores are asynchronous).
    files: ['server/**/*.ts', 'shared/**/*.ts', 'scripts/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: false, requireDefaultForNonUnion: false }],
      '@typescript-eslint/no-floating-promises': 'error',
    },
  },
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^(?!zod$|\\./|\\.\\./)', message: 'shared/ imports zod only' }] }],
    },
  },
  {
    files: ['server/domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(node:)?(fs|fs/promises|net|http|https|child_process|worker_threads|dgram)$|^(better-sqlite3|express|socket\\.io|pino)',
              message: 'server/domain does no I/O: pass data in, return decisions out',
            },
          ],
        },
      ],
    },
  },
);
