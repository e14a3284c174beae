// Runs the Pagefind indexer over the built site at the end of `astro build`.
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { writePagefindIndex } from '../lib/search/pagefind.ts';

export function pagefindIndex(): AstroIntegration {
  return {
    name: 'pagefind-index',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const started = performance.now();
        const { pages } = await writePagefindIndex(fileURLToPath(dir));
        logger.info(`indexed ${pages} record pages in ${Math.round(performance.now() - started)} ms`);
      },
    },
  };
}
