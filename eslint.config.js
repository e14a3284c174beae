// ESLint decides what is wrong; Prettier (.prettierrc.json) decides how code looks, so no style rule is on here.
// Linting is syntactic (no type information): TypeScript 7's compiler has no JavaScript API, and typescript-eslint
// reads the `typescript` package, which package.json aliases to @typescript/typescript6 (`tsc` is TypeScript 7).
import js from '@eslint/js';
import astro from 'eslint-plugin-astro';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig([
  globalIgnores(['dist/', '.astro/', 'node_modules/', 'content/', 'screenshots/', 'test-results/', 'tests/fixtures/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  astro.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.browser },
    },
    rules: {
      // Unused names are mistakes, except a deliberately ignored `_x` and the rest of a destructuring.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // Type-only imports stay type-only (tsconfig's verbatimModuleSyntax needs it).
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    // Declaration files describe untyped packages: their parameters are names, not variables.
    files: ['**/*.d.ts'],
    rules: { '@typescript-eslint/no-unused-vars': 'off' },
  },
  {
    // Tests read JSON and HTML whose shape is what they check.
    files: ['tests/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
]);
