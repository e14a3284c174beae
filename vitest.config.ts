import os from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Test files that build a site with Astro or drive Chromium (everything importing tests/helpers/site.ts,
 * served-site.ts or browser.ts). Astro writes its prerender chunks to <root>/.astro whatever the outDir,
 * so two site builds must not run at once: these files run one at a time, after the unit tests.
 */
export const SITE_TESTS = [
  'tests/e2e/**/*.test.ts',
  'tests/quality/**/*.test.ts',
  'tests/site/build.test.ts',
  'tests/site/data.test.ts',
  'tests/site/history-add-rebuild.test.ts',
  'tests/site/listings-build.test.ts',
  'tests/site/page-cache.test.ts',
  'tests/site/record-html.test.ts',
  'tests/site/render.test.ts',
  'tests/data/abi-cli.test.ts',
];

export default defineConfig({
  test: {
    // Site builds and browser tests take tens of seconds each.
    testTimeout: 180_000,
    hookTimeout: 300_000,
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores (one worker on a 2-core machine); the unit
    // files wait mostly on the CLIs they spawn, so one worker per core.
    maxWorkers: os.availableParallelism(),
    // A temp folder per run (TMPDIR), removed at the end and, after an interrupted run, at the next start.
    globalSetup: ['tests/setup/temp-root.ts'],
    projects: [
      // `npm run test:unit`: no site build, no browser; files run in parallel. A worker keeps the modules
      // it has loaded from one file to the next (isolate: false; 65 s -> 52 s here): no unit test mocks a
      // module or leaves a global changed (the one spy, in scan-resume, is restored after each test).
      {
        extends: true,
        test: { name: 'unit', include: ['tests/**/*.test.ts'], exclude: SITE_TESTS, isolate: false, sequence: { groupOrder: 0 } },
      },
      { extends: true, test: { name: 'site', include: SITE_TESTS, fileParallelism: false, sequence: { groupOrder: 1 } } },
    ],
  },
});
