import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Site builds and browser tests take tens of seconds each.
    testTimeout: 180_000,
    hookTimeout: 300_000,
    pool: 'forks',
    // Astro writes its prerender chunks to <root>/.astro whatever the outDir, so two site builds
    // (tests/site and tests/e2e) must not run at once.
    fileParallelism: false,
  },
});
