// Full-text index of the decision records' prose (and its filters), written by Pagefind as the
// build's second step, after `astro build` has exited, so the two never hold memory at the same
// time. Only record pages are indexed, not the tens of thousands of undocumented-symbol pages,
// which are found through the sharded symbol index instead.
//
// The record pages are handed to Pagefind through its Node API (addHTMLFile) by name: the records
// are those the API's /api/v1/exports.json lists (every symbol has a /api/v1/symbols/ file since
// the history store gives every symbol ever exported a page), so the step reads one JSON file and
// the record pages, never walking the symbol folders. They go into one bundle,
// so a word query in the browser loads one pagefind-entry.json, one metadata file and the index
// chunks of its words (nine bundles merged in the browser cost 37–79 requests). The bundle is kept
// when its record pages are byte for byte those it was built from.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pagefindApi from 'pagefind';

export interface PagefindResult {
  /** Record pages in the index. */
  pages: number;
  outputPath: string;
  /** False when the bundle of the previous run was kept. */
  rebuilt: boolean;
}

/** pagefind/inputs.json: what the bundle beside it was built from (read only by the next build). */
export const INPUTS_FILE = 'inputs.json';
interface Inputs {
  digest: string;
  pages: number;
}

const PAGEFIND_VERSION = (
  JSON.parse(fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.resolve('pagefind'))), '../package.json'), 'utf8')) as {
    version: string;
  }
).version;
const RECORD_MARK = Buffer.from('data-pagefind-body');
const CONFIG = { forceLanguage: 'en' };
/** The API's list of every record (src/pages/api/v1/exports.json.ts). */
const RECORDS_FILE = 'api/v1/exports.json';
const BATCH = 64;

/** The record pages of a built site, by path below it, with their bytes. */
export function recordPages(siteDir: string): { sourcePath: string; bytes: Buffer }[] {
  const listFile = path.join(siteDir, RECORDS_FILE);
  const listed = fs.existsSync(listFile)
    ? (JSON.parse(fs.readFileSync(listFile, 'utf8')) as { records?: { symbol: string }[] }).records
    : [];
  const names = (listed ?? []).map((r) => r.symbol);
  const pages: { sourcePath: string; bytes: Buffer }[] = [];
  for (const name of names.sort()) {
    const sourcePath = `symbols/${name}/index.html`;
    const file = path.join(siteDir, sourcePath);
    if (!fs.existsSync(file)) throw new Error(`${file}: missing, but ${listFile} lists ${name} as a record`);
    const bytes = fs.readFileSync(file);
    // Only the marked part of a page is indexed; a page without it would be indexed whole.
    if (bytes.includes(RECORD_MARK)) pages.push({ sourcePath, bytes });
  }
  return pages;
}

function digestOf(pages: readonly { sourcePath: string; bytes: Buffer }[]): string {
  // A bundle also depends on how it was made: Pagefind's version and options.
  const hash = createHash('sha256').update(`${PAGEFIND_VERSION}\0${JSON.stringify(CONFIG)}\0`);
  for (const p of pages) hash.update(p.sourcePath).update('\0').update(p.bytes).update('\0');
  return hash.digest('base64url');
}

function readInputs(file: string): Inputs | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Inputs;
  } catch {
    return undefined;
  }
}

const failOn = (step: string, errors: string[]) => {
  if (errors.length) throw new Error(`pagefind ${step}: ${errors.join('; ')}`);
};

export async function writePagefindIndex(siteDir: string): Promise<PagefindResult> {
  const outputPath = path.join(siteDir, 'pagefind');
  const inputsFile = path.join(outputPath, INPUTS_FILE);
  const pages = recordPages(siteDir);
  const inputs: Inputs = { digest: digestOf(pages), pages: pages.length };
  const previous = readInputs(inputsFile);
  const kept = previous?.digest === inputs.digest && (pages.length === 0 || fs.existsSync(path.join(outputPath, 'pagefind-entry.json')));
  if (kept) return { pages: pages.length, outputPath, rebuilt: false };

  // Anything from before (an older bundle, the nine-bundle layout) goes.
  fs.rmSync(outputPath, { recursive: true, force: true });
  fs.mkdirSync(outputPath, { recursive: true });
  if (pages.length) {
    const { index, errors } = await pagefindApi.createIndex(CONFIG);
    failOn('createIndex', errors);
    try {
      // A batch at a time: the service indexes them in parallel, without every page in memory at once.
      for (let i = 0; i < pages.length; i += BATCH) {
        const batch = pages.slice(i, i + BATCH);
        const added = await Promise.all(
          batch.map((p) => index!.addHTMLFile({ sourcePath: p.sourcePath, content: p.bytes.toString('utf8') })),
        );
        added.forEach((a, j) => failOn(`addHTMLFile ${batch[j]!.sourcePath}`, a.errors));
      }
      failOn('writeFiles', (await index!.writeFiles({ outputPath: path.resolve(outputPath) })).errors);
    } finally {
      await pagefindApi.close();
    }
  }
  fs.writeFileSync(inputsFile, JSON.stringify(inputs));
  return { pages: pages.length, outputPath, rebuilt: true };
}
