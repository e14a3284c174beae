// Full-text index of the decision records' prose (and its filters), written by Pagefind as the
// build's second step, after `astro build` has exited, so the two never hold memory at the same
// time. Only pages marked data-pagefind-body are indexed — record pages, not the tens of thousands
// of undocumented-symbol pages, which are found through the sharded symbol index instead; that
// keeps Pagefind's per-page metadata, and so the first query's download, small.
//
// The index is one Pagefind bundle per bucket (pagefind-buckets.ts). A bundle whose record pages
// are byte for byte those it was built from is kept, so a rebuild re-indexes only what changed.
// Each bundle is written by the Pagefind binary itself (it reads the pages in Rust, in parallel;
// twice as fast here as the Node API's service), two at a time.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLE_LIST_FILE, bucketGlob, bucketOf, PAGEFIND_BUCKETS, type BundleList, type PagefindBucket } from './pagefind-buckets.ts';

export interface PagefindResult {
  /** Record pages in the index. */
  pages: number;
  outputPath: string;
  /** Buckets indexed in this run (the others were kept). */
  rebuilt: string[];
}

// The package exports only its Node API; its CLI wrapper (which runs the platform binary) sits beside it.
const PAGEFIND_LIB = path.dirname(fileURLToPath(import.meta.resolve('pagefind')));
const PAGEFIND_BIN = path.join(PAGEFIND_LIB, 'runner/bin.cjs');
const PAGEFIND_VERSION = (JSON.parse(fs.readFileSync(path.join(PAGEFIND_LIB, '../package.json'), 'utf8')) as { version: string }).version;
const RECORD_MARK = Buffer.from('data-pagefind-body');
const pagefindArgs = (siteDir: string, bucket: PagefindBucket, outputPath: string) => [
  '--site',
  siteDir,
  '--glob',
  bucketGlob(bucket),
  '--output-path',
  outputPath,
  '--force-language',
  'en',
  '--silent',
];

/** Per bucket, a digest of its record pages (name and bytes), and their number. */
function bucketInputs(siteDir: string): Map<string, { digest: string; pages: number }> {
  const symbolsDir = path.join(siteDir, 'symbols');
  const names = fs.existsSync(symbolsDir) ? fs.readdirSync(symbolsDir).sort() : [];
  // A bundle also depends on how it was made: Pagefind's version and arguments.
  const recipe = (b: PagefindBucket) => `${PAGEFIND_VERSION}\0${pagefindArgs('.', b, '.').join('\0')}\0`;
  const hashes = new Map(PAGEFIND_BUCKETS.map((b) => [b.name, { hash: createHash('sha256').update(recipe(b)), pages: 0 }]));
  for (const name of names) {
    const file = path.join(symbolsDir, name, 'index.html');
    if (!fs.existsSync(file)) continue;
    const bytes = fs.readFileSync(file);
    if (!bytes.includes(RECORD_MARK)) continue;
    const entry = hashes.get(bucketOf(name).name)!;
    entry.hash.update(name).update('\0').update(bytes).update('\0');
    entry.pages++;
  }
  return new Map([...hashes].map(([name, { hash, pages }]) => [name, { digest: hash.digest('base64url'), pages }]));
}

function runPagefind(siteDir: string, bucket: PagefindBucket, outputPath: string): Promise<void> {
  const args = [PAGEFIND_BIN, ...pagefindArgs(siteDir, bucket, outputPath)];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`pagefind (bucket ${bucket.name}) exited ${code}: ${stderr.trim()}`)),
    );
  });
}

async function inTurns<T>(items: readonly T[], atOnce: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: Math.min(atOnce, queue.length) }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
    }),
  );
}

function readBundleList(file: string): BundleList | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as BundleList;
  } catch {
    return undefined;
  }
}

export async function writePagefindIndex(siteDir: string, options: { atOnce?: number } = {}): Promise<PagefindResult> {
  const outputPath = path.join(siteDir, 'pagefind');
  const listFile = path.join(outputPath, BUNDLE_LIST_FILE);
  const previous = readBundleList(listFile);
  const inputs = bucketInputs(siteDir);
  fs.mkdirSync(outputPath, { recursive: true });
  // Anything that is not a current bucket's folder (an older layout, a removed bucket) goes.
  const current = new Set(PAGEFIND_BUCKETS.map((b) => b.name));
  for (const entry of fs.readdirSync(outputPath))
    if (!current.has(entry)) fs.rmSync(path.join(outputPath, entry), { recursive: true, force: true });

  const stale = PAGEFIND_BUCKETS.filter((b) => {
    const input = inputs.get(b.name)!;
    const kept =
      previous?.inputs[b.name]?.digest === input.digest &&
      (input.pages === 0 || fs.existsSync(path.join(outputPath, b.name, 'pagefind-entry.json')));
    if (!kept || input.pages === 0) fs.rmSync(path.join(outputPath, b.name), { recursive: true, force: true });
    return !kept && input.pages > 0;
  });
  await inTurns(stale, options.atOnce ?? 2, (b) => runPagefind(siteDir, b, path.join(outputPath, b.name)));

  const list: BundleList = {
    bundles: PAGEFIND_BUCKETS.filter((b) => inputs.get(b.name)!.pages > 0).map((b) => b.name),
    inputs: Object.fromEntries(inputs),
  };
  fs.writeFileSync(listFile, JSON.stringify(list));
  const pages = list.bundles.reduce((sum, name) => {
    const entry = JSON.parse(fs.readFileSync(path.join(outputPath, name, 'pagefind-entry.json'), 'utf8')) as {
      languages: Record<string, { page_count: number }>;
    };
    return sum + Object.values(entry.languages).reduce((n, l) => n + l.page_count, 0);
  }, 0);
  return { pages, outputPath, rebuilt: stale.map((b) => b.name) };
}
