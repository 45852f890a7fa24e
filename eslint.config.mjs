// ESLint flat config: typescript-eslint's recommended rules for the TypeScript sources, and the same
// (minus TypeScript-only concerns) for the build and test scripts in .mjs/.cjs.
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    ignores: ['dist/**', 'node_modules/**', 'out/**', 'test-results/**', '.vscode-test/**', 'bench/tmp/**', '**/*.vsix'],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // `typeof import('...')` stays allowed: it types lazily loaded modules without loading them.
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      eqeqeq: ['error', 'always'],
      'no-var': 'error',
      'prefer-const': 'error',
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    // Layers: pure code never imports VS Code; only src/vscode/ (the glue) and the composition root do.
    files: ['src/**/*.ts'],
    ignores: ['src/vscode/**', 'src/extension.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'vscode', message: 'Pure code never imports vscode: put VS Code glue in src/vscode/.' },
            { name: '@vscode/webview-ui-toolkit', message: 'Only src/webviewUi/liveTail/toolkit.ts loads the UI toolkit.' },
          ],
          patterns: [{ regex: '(^|/)vscode/', message: 'Pure code never imports the VS Code glue (src/vscode/).' }],
        },
      ],
    },
  },
  {
    files: ['src/vscode/**/*.ts', 'src/extension.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: '@vscode/webview-ui-toolkit', message: 'Only src/webviewUi/liveTail/toolkit.ts loads the UI toolkit.' }] },
      ],
    },
  },
  {
    // The webview page runs in the browser: it imports its own files and the protocol types, nothing else.
    files: ['src/webviewUi/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!\\.{1,2}/)',
              message: 'The webview UI imports only its own files and what it shares with the host (src/liveTail/shared/).',
            },
            {
              regex: '^\\.\\./\\.\\./(?!liveTail/shared/[A-Za-z]+$|core/filter/where/[A-Za-z]+$)',
              message:
                'The webview UI imports only its own files and what it shares with the host (src/liveTail/shared/, src/core/filter/where/).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/webviewUi/liveTail/toolkit.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!\\.{1,2}/|@vscode/webview-ui-toolkit$)',
              message: "The toolkit module imports the UI toolkit and the page's own files only.",
            },
            {
              regex: '^\\.\\./\\.\\./(?!liveTail/shared/[A-Za-z]+$)',
              message: 'The webview UI imports only its own files and what it shares with the host (src/liveTail/shared/).',
            },
          ],
        },
      ],
    },
  },
  {
    // What the page and the host share is self-contained, so the page cannot pull host code in through it.
    files: ['src/liveTail/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(?!\\./)', message: 'src/liveTail/shared/ imports only its own files: the webview page bundles it.' }] },
      ],
    },
  },
  {
    // The where-filter language is bundled by the Live Tail page too: it stays self-contained.
    files: ['src/core/filter/where/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(?!\\./)', message: 'src/core/filter/where/ imports only its own files: the webview page bundles it.' }] },
      ],
    },
  },
  {
    // CommonJS helpers (mocha reporters, test-only extensions loaded by VS Code) use require.
    files: ['**/*.{js,cjs}'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Plain JavaScript files have no type imports to speak of.
    files: ['**/*.{js,mjs,cjs}'],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
);
