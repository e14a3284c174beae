// `npm run dev`: an edit under content/exports reloads the open pages with the edited record. The
// records are read by src/lib (src/lib/lint/build-records.ts), not by Astro's content layer, whose
// watcher would otherwise do this; src/data/site.ts computes what pages read once per module
// instance, so every server-side module is evaluated afresh.
import path from 'node:path';
import type { AstroIntegration } from 'astro';
import { EXPORTS_DIR } from '../lib/project.ts';

export function recordsLiveReload(): AstroIntegration {
  return {
    name: 'records-live-reload',
    hooks: {
      'astro:server:setup': ({ server, logger }) => {
        const dir = path.resolve(process.env.KED_CONTENT_ROOT ?? '.', EXPORTS_DIR);
        server.watcher.add(dir);
        const changed = (file: string) => {
          if (path.dirname(path.resolve(file)) !== dir) return;
          for (const environment of Object.values(server.environments)) {
            environment.moduleGraph.invalidateAll();
            if ('runner' in environment) (environment.runner as { evaluatedModules: { clear(): void } }).evaluatedModules.clear();
          }
          server.environments.client.hot.send({ type: 'full-reload', path: '*' });
          logger.info(`${path.relative(process.cwd(), file)} changed: pages reload with it`);
        };
        server.watcher.on('add', changed).on('change', changed).on('unlink', changed);
      },
    },
  };
}
