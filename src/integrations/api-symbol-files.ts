// Writes /api/v1/symbols/<symbol>.json at the end of `astro build`, split out of the exports.json
// the build wrote (src/lib/api.ts symbolFilesOf), with each symbol's history from the history store
// (content/history/): one write per symbol instead of one route each (54,000 of them). The
// histories are derived, and most files written, on a worker thread while the pages render.
// Astro empties outDir at the start of a build, so the previous build's folder is kept aside
// and put back at the end, and only the files whose content changed are written again.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { API_VERSION, symbolFilesOf, type ExportsFile, type SymbolFileHead } from '../lib/api.ts';
import { writeChangedFiles, type FileHashes } from '../lib/site/changed-files.ts';
import { absoluteUrl, sitePaths } from '../lib/urls.ts';
import { historyWorkInWorker, type HistoryWorkResult } from '../lib/site/api-history-thread.ts';
import { listRecordEntries } from '../lib/records/load.ts';
import { EXPORTS_DIR } from '../lib/project.ts';

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
  let head: SymbolFileHead = { version: API_VERSION, site: '' };
  let work: Promise<HistoryWorkResult> | undefined;
  const files = () => ({ state: path.join(stateDir, 'state.json'), kept: path.join(stateDir, 'previous') });
  return {
    name: 'api-symbol-files',
    hooks: {
      'astro:config:done': ({ config }) => {
        outDir = fileURLToPath(config.outDir);
        stateDir = path.join(fileURLToPath(config.cacheDir), 'ked-api-symbols');
        folder = path.join(outDir, path.dirname(relative(root.apiSymbol('x'))));
        // As the exports.json route writes it; a wrong guess only costs writing the files again at the end.
        head = { version: API_VERSION, site: absoluteUrl(config.site, sitePaths(config.base).home()) };
      },
      'astro:build:start': () => {
        const { state, kept } = files();
        fs.rmSync(kept, { recursive: true, force: true });
        fs.mkdirSync(stateDir, { recursive: true });
        const previous = readState(state);
        // The kept folder changes before the build's end: a build that stops midway leaves no state, and the next writes every file.
        fs.rmSync(state, { force: true });
        const keep = previous?.outDir === outDir && fs.existsSync(folder);
        if (keep) fs.renameSync(folder, kept);
        // The kept folder is brought up to date on another thread while the pages render, but for
        // the symbols with a record (named by their files), whose files need exports.json.
        // KED_CONTENT_ROOT as in src/data/site.ts.
        const contentRoot = path.resolve(process.env.KED_CONTENT_ROOT ?? process.cwd());
        work = historyWorkInWorker({
          contentRoot,
          folder: kept,
          held: keep ? previous!.hashes : {},
          head,
          records: listRecordEntries(path.join(contentRoot, EXPORTS_DIR), contentRoot).files.map((f) => path.parse(f).name),
        });
        // A failure is reported where the result is awaited, at the build's end.
        work.catch(() => {});
      },
      'astro:build:done': async ({ logger }) => {
        const ahead = await work!;
        const { state, kept } = files();
        const exports = JSON.parse(fs.readFileSync(path.join(outDir, relative(root.apiExports())), 'utf8')) as ExportsFile;
        fs.rmSync(folder, { recursive: true, force: true });
        fs.renameSync(kept, folder);
        const { hashes, written } = writeChangedFiles(
          folder,
          symbolFilesOf(exports, ahead.histories).map(({ symbol, json }) => ({ name: `${symbol}.json`, text: json })),
          ahead.hashes,
        );
        fs.writeFileSync(state, JSON.stringify({ outDir, hashes } satisfies State));
        logger.info(
          `${Object.keys(hashes).length} symbol files from ${relative(root.apiExports())} and the history store (${ahead.written + written} written)`,
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
