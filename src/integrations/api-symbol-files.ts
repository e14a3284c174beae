// Writes /api/v1/symbols/<symbol>.json at the end of `astro build`, split out of the exports.json
// the build wrote (src/lib/api.ts symbolFilesOf), with each symbol's history from the history store
// (content/history/): one write per symbol instead of one route each (54,000 of them). The
// histories are derived on a worker thread started with the build, while the pages render.
// Astro empties outDir at the start of a build, so the previous build's folder is kept aside
// and put back at the end, and only the files whose content changed are written again.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { symbolFilesOf, type ExportsFile } from '../lib/api.ts';
import { writeChangedFiles, type FileHashes } from '../lib/site/changed-files.ts';
import { sitePaths } from '../lib/urls.ts';
import { symbolHistoryTextsInWorker } from '../lib/site/api-history-thread.ts';

interface State {
  outDir: string;
  hashes: FileHashes;
}

export function apiSymbolFiles(): AstroIntegration {
  // Paths below outDir do not carry the base path.
  const relative = (sitePath: string) => sitePath.replace(/^\//, '');
  const root = sitePaths('/');
  let outDir = '';
  let stateDir = '';
  let folder = '';
  let histories: Promise<Map<string, string>> | undefined;
  const files = () => ({ state: path.join(stateDir, 'state.json'), kept: path.join(stateDir, 'previous') });
  return {
    name: 'api-symbol-files',
    hooks: {
      'astro:config:done': ({ config }) => {
        outDir = fileURLToPath(config.outDir);
        stateDir = path.join(fileURLToPath(config.cacheDir), 'ked-api-symbols');
        folder = path.join(outDir, path.dirname(relative(root.apiSymbol('x'))));
      },
      'astro:build:start': () => {
        // KED_CONTENT_ROOT as in src/data/site.ts.
        histories = symbolHistoryTextsInWorker(path.resolve(process.env.KED_CONTENT_ROOT ?? process.cwd()));
        // A failure is reported where the result is awaited, at the build's end.
        histories.catch(() => {});
        const { state, kept } = files();
        fs.rmSync(kept, { recursive: true, force: true });
        fs.mkdirSync(stateDir, { recursive: true });
        const previous = readState(state);
        if (previous?.outDir === outDir && fs.existsSync(folder)) fs.renameSync(folder, kept);
        else fs.rmSync(state, { force: true });
      },
      'astro:build:done': async ({ logger }) => {
        const texts = await histories!;
        const { state, kept } = files();
        const exports = JSON.parse(fs.readFileSync(path.join(outDir, relative(root.apiExports())), 'utf8')) as ExportsFile;
        const previous = fs.existsSync(kept) ? readState(state) : undefined;
        if (previous) {
          fs.rmSync(folder, { recursive: true, force: true });
          fs.renameSync(kept, folder);
        }
        fs.rmSync(state, { force: true });
        const { hashes, written } = writeChangedFiles(
          folder,
          symbolFilesOf(exports, texts).map(({ symbol, json }) => ({ name: `${symbol}.json`, text: json })),
          previous?.hashes,
        );
        fs.writeFileSync(state, JSON.stringify({ outDir, hashes } satisfies State));
        logger.info(
          `${Object.keys(hashes).length} symbol files from ${relative(root.apiExports())} and the history store (${written} written)`,
        );
      },
    },
  };
}

function readState(file: string): State | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as State;
  } catch {
    return undefined;
  }
}
