// Flat config: typescript-eslint's recommended rules, plus the project's boundaries:
// only src/core/pkcs11 may import the PKCS#11 bindings (docs/architecture.md, "Layers").
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const pkcs11Bindings = [
  { name: 'pkcs11js', message: 'Only src/core/pkcs11 talks to PKCS#11.' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'native/build/**', 'test-results/**', 'playwright-report/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': ['error', { paths: [
        ...pkcs11Bindings,
        { name: 'electron', importNames: ['ipcMain', 'ipcRenderer'], message: 'IPC lives only in src/app/main and src/app/preload, generated from src/api.' },
      ] }],
    },
  },
  {
    // Tests may read a token through pkcs11js directly: a second opinion on what the core wrote.
    files: ['src/core/pkcs11/**', 'test/bench/**', 'test/integration/pkcs11/**', 'test/support/pkcs11-calls.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // CommonJS on purpose: the installed bin (bin/tokendesk.cjs) starts no ES module loader.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __filename: 'readonly', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Electron's IPC: only main's handlers and the preload, both generated from the channel map.
    files: ['src/app/main/**', 'src/app/preload/**'],
    rules: { 'no-restricted-imports': ['error', { paths: pkcs11Bindings }] },
  },
);
