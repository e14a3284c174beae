// Writes /api/v1/symbols/<symbol>.json at the end of `astro build`, split out of the exports.json
// the build wrote (src/lib/api.ts symbolFilesOf): one write per record instead of one route each.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { symbolFilesOf, type ExportsFile } from '../lib/api.ts';
import { sitePaths } from '../lib/urls.ts';

export function apiSymbolFiles(): AstroIntegration {
  return {
    name: 'api-symbol-files',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        const out = fileURLToPath(dir);
        // Paths below outDir do not carry the base path.
        const relative = (sitePath: string) => sitePath.replace(/^\//, '');
        const root = sitePaths('/');
        const exports = JSON.parse(fs.readFileSync(path.join(out, relative(root.apiExports())), 'utf8')) as ExportsFile;
        const files = symbolFilesOf(exports);
        const folder = path.dirname(path.join(out, relative(root.apiSymbol('x'))));
        fs.mkdirSync(folder, { recursive: true });
        for (const { symbol, json } of files) fs.writeFileSync(path.join(folder, `${symbol}.json`), json);
        logger.info(`${files.length} symbol files written from ${relative(root.apiExports())}`);
      },
    },
  };
}
