// Flat config: typescript-eslint's type-aware recommended rules everywhere, plus the Salesforce CLI's own
// plugin rules (eslint-plugin-sf-plugin: flag naming, messages, command conventions) for commands.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { fixupPluginRules } from '@eslint/compat';
import sfPlugin from 'eslint-plugin-sf-plugin';

export default tseslint.config(
  { ignores: ['lib/**', 'node_modules/**', 'bin/**', '*.config.js', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { project: ['./tsconfig.test.json'], tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.ts'],
    // The sf plugin still calls eslint 8's context API; @eslint/compat adapts it to eslint 9.
    plugins: { 'sf-plugin': fixupPluginRules(sfPlugin) },
    rules: {
      ...sfPlugin.configs.recommended.rules,
      // The org emulator is for tests, demos and benchmarks; the plugin itself never depends on it.
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@sf-isync/org-emulator', '**/packages/org-emulator/**'], message: 'src/ must not use the org emulator.' }] },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'scripts/**/*.ts', 'harness/**/*.ts', 'packages/*/test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-expressions': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  }
);
