// ESLint with typescript-eslint's recommended-type-checked rules, run by `npm test` (npm run lint),
// errors only (no warnings). The rules switched off below are what the code did not yet pass when
// the linter came in; each says why, and each is a follow-up to switch back on, not a taste.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'renderer/public/**', '**/*.d.ts', '**/*.mjs', '**/*.cjs', '**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    files: ['core/**/*.ts', 'db/**/*.ts', 'cli/**/*.ts', 'electron/**/*.ts', 'renderer/src/**/*.{ts,tsx}'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `_`-prefixed names are the ones a destructuring leaves out on purpose ({ secret: _s, ...rest }).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true }],
      // React event props and commander actions take async functions by design; the promise is handled inside.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      // Off: ~220 findings. Rows from better-sqlite3 and JSON.parse are `any` at the boundary; typing
      // each read (drizzle's inferred row types, zod at the edges) is the follow-up, file by file.
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      // Off: `ok && doThing()` statements in event handlers (21); a style change, not a bug class.
      '@typescript-eslint/no-unused-expressions': 'off',
      // Off: template strings of ids and SQLite values typed unknown (15); each is a string at run time.
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/restrict-template-expressions': 'off',
      // Off: method maps pass methods as values (`fs.existsSync` style, zod's `.parse`) on purpose (10).
      '@typescript-eslint/unbound-method': 'off',
      // Off: the CSV, MT940 and NUL checks match control characters on purpose (5).
      'no-control-regex': 'off',
      // Off: handlers declared async to fit the contract's signature without awaiting (4).
      '@typescript-eslint/require-await': 'off',
      // Off: the preload rethrows the core's structured errors as plain objects across the IPC boundary (3).
      '@typescript-eslint/only-throw-error': 'off',
      // Off: one union of a brand with string (1).
      '@typescript-eslint/no-redundant-type-constituents': 'off',
      // Off: 27 casts the types already guarantee. `eslint --fix` removes them; that pass (type-checked,
      // repeated until stable) did not finish within this change's time on a loaded machine: follow-up.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
    },
  },
);
