import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Site builds and browser tests take tens of seconds each.
    testTimeout: 180_000,
    hookTimeout: 300_000,
    pool: 'forks',
  },
});
