// Moves what is left of the previous build's output out of outDir at build start (after the page
// cache and the API symbol files have taken what they keep, so it is listed last in
// astro.config.mjs): src/lib/site/page-cache.ts trashPreviousOutput says why.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { trashPreviousOutput } from '../lib/site/page-cache.ts';

export function staleOutput(): AstroIntegration {
  let outDir = '';
  let stateDir = '';
  return {
    name: 'stale-output',
    hooks: {
      'astro:config:done': ({ config }) => {
        outDir = fileURLToPath(config.outDir);
        stateDir = path.join(fileURLToPath(config.cacheDir), 'ked-pages');
      },
      'astro:build:start': () => {
        trashPreviousOutput(stateDir, outDir);
      },
    },
  };
}
