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
              from: ['./server/store', './server/http', './server/live', './server/app.ts', './server/main.ts'],
              message: 'server/domain is pure: no transport or storage',
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
