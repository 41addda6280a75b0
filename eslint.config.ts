import type { Linter } from 'eslint';
import pluginVue from 'eslint-plugin-vue';
import { defineConfigWithVueTs, vueTsConfigs } from '@vue/eslint-config-typescript';

/** no-restricted-imports for a folder of src/ that may not import the layers above it. */
function layerRule(folder: string, above: readonly string[]): Linter.RuleEntry {
  const patterns = above.map((layer) => ({
    group: [`**/${layer}/**`],
    message: `src/${folder} sits below src/${layer}: move what both need down (report, contract, modules) or pass it in.`,
  }));
  return ['error', { patterns }];
}

export default defineConfigWithVueTs(
  { ignores: ['dist/**', 'dist-ssr/**', 'dev-dist/**', 'node_modules/**', 'coverage/**', 'artifacts/**', 'test-results/**', 'data/**', 'dist-node/**'] },
  pluginVue.configs['flat/recommended'],
  vueTsConfigs.strictTypeChecked,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
    },
  },
  {
    // The domain is shared by app, server and CLI: no framework, storage or DOM imports.
    files: ['src/report/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['vue', 'vue-*', 'pinia', 'dexie', '@vue/*', '*/stores/*', '*/db/*'] },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'indexedDB'],
    },
  },
  // Imports point down (issue 10): each folder below may not reach the layers above it.
  ...[
    { folder: 'kiosk', above: ['composables', 'components', 'stores', 'pages'] },
    { folder: 'composables', above: ['stores', 'pages'] },
    { folder: 'stores', above: ['server', 'pages', 'components'] },
    { folder: 'sync', above: ['server', 'stores', 'composables', 'components', 'pages'] },
    { folder: 'db', above: ['sync', 'stores', 'server', 'composables', 'components', 'pages'] },
  ].map(({ folder, above }) => ({
    files: [`src/${folder}/**/*.ts`, `src/${folder}/**/*.vue`],
    rules: {
      'no-restricted-imports': layerRule(folder, above),
    },
  })),
);
