// npm run bench [-- --n 1000,10000,40000] [--skip-reference] [--history]: generates N decision records from
// ../shared/data/linux-exports.tsv into a temp content tree (the real content/ is untouched), runs
// the full build cold, then again after editing one record, and validates them; prints wall time,
// pages/s, peak RSS of the whole process tree, dist size, the word index's build time, size and
// file sizes, validate time — and the same for plain Markdown bodies through Astro's own pipeline.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseCli } from '../src/lib/cli-args.ts';
import { makeBuildDir, REPO_ROOT } from '../src/lib/project.ts';
import { parseSnapshot } from '../src/lib/kernel/snapshot.ts';
import { generateRecords, writeRecords } from '../src/lib/bench/generate.ts';
import { samplePeak } from '../src/lib/bench/proc-tree.ts';
import { describeSizes, wordIndexSizes } from '../src/lib/bench/word-index-sizes.ts';

const { values } = parseCli({
  name: 'bench',
  usage:
    "usage: npm run bench [-- --n 1000,10000,40000] [--skip-reference] [--history]\n  Build benchmark on N generated records (reads ../shared/data/linux-exports.tsv); prints figures.\n  --history also copies the repository's history store (content/history), as the real site has it:\n  a page for every symbol of every release held, timelines, release pages.",
  options: {
    n: { type: 'string', default: '1000,10000,40000' },
    'skip-reference': { type: 'boolean', default: false },
    history: { type: 'boolean', default: false },
  },
});
const sizes = values.n
  .split(',')
  .map(Number)
  .filter((x) => x > 0);
const tsv = path.resolve(REPO_ROOT, '../shared/data/linux-exports.tsv');
if (!fs.existsSync(tsv)) {
  console.error(`bench: ${tsv} not found (benchmarks read ../shared/data beside the repository)`);
  process.exit(2);
}
const snapshot = parseSnapshot(fs.readFileSync(tsv, 'utf8'));

interface Run {
  wall: number;
  peak: number;
  wordIndexMs: number;
  pages: number;
}

function run(command: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command[0]!, command.slice(1), {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const sampler = samplePeak(child.pid!);
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => {
      const peak = sampler.stop();
      if (code !== 0) return reject(new Error(`${command.join(' ')} exited ${code}:\n${out.slice(-3000)}`));
      const words = /\[word-index\] \d+ documents, \d+ shards in (\d+) ms/.exec(out);
      const pages = /(\d+) page\(s\) built/.exec(out);
      resolve({
        wall: (performance.now() - started) / 1000,
        peak,
        wordIndexMs: words ? Number(words[1]) : 0,
        pages: pages ? Number(pages[1]) : 0,
      });
    });
  });
}

const du = (p: string): number => {
  let total = 0;
  if (!fs.existsSync(p)) return 0;
  for (const e of fs.readdirSync(p, { withFileTypes: true })) {
    const full = path.join(p, e.name);
    total += e.isDirectory() ? du(full) : fs.statSync(full).size;
  }
  return total;
};
const gb = (b: number) => `${(b / 1024 ** 3).toFixed(2)} GB`;
const mb = (b: number) => `${(b / 1024 ** 2).toFixed(0)} MB`;

const astro = [process.execPath, path.join(REPO_ROOT, 'node_modules/astro/bin/astro.mjs'), 'build'];

/**
 * `npm run build` (Astro, the word index included). Dirty pages are flushed first, so one build's
 * writes do not slow the next one's.
 */
async function build(env: NodeJS.ProcessEnv): Promise<Run> {
  execFileSync('sync');
  return run(astro, env);
}

const rows: string[] = [];
const wordRows: string[] = [];
// Deleting a build of 80,000 files keeps this disk busy for a while (it discards freed blocks), so
// the scratch trees are deleted after the last measurement, not between them.
const scratch: string[] = [];
for (const format of ['mdx', ...(values['skip-reference'] ? [] : ['md'])] as ('mdx' | 'md')[]) {
  for (const n of sizes) {
    const tmp = makeBuildDir(`bench-${format}-${n}-`);
    const exportsDir = path.join(tmp, 'content/exports');
    const records = generateRecords(snapshot.rows, n, format);
    writeRecords(exportsDir, records, format);
    fs.mkdirSync(path.join(tmp, 'content/snapshots'), { recursive: true });
    fs.copyFileSync(tsv, path.join(tmp, 'content/snapshots/v6.19.tsv'));
    if (values.history) fs.cpSync(path.join(REPO_ROOT, 'content/history'), path.join(tmp, 'content/history'), { recursive: true });
    const env = {
      KED_CONTENT_ROOT: tmp,
      KED_OUT_DIR: path.join(tmp, 'dist'),
      KED_CACHE_DIR: path.join(tmp, 'cache'),
      ...(format === 'md' ? { KED_RECORD_PIPELINE: 'astro-markdown' } : {}),
    };
    process.stdout.write(`${format} n=${n}: cold build… `);
    const cold = await build(env);
    const sizes = wordIndexSizes(path.join(tmp, 'dist'));
    wordRows.push(`${format} n=${n}: word index ${mb(sizes.bytes)} in ${sizes.files} files; ${describeSizes(sizes)}`);
    // Edit one record and build again with the build's caches kept.
    const edited = path.join(exportsDir, `${records[0]!.symbol}.${format}`);
    fs.appendFileSync(edited, '\nOne more sentence after an edit.\n');
    process.stdout.write('rebuild… ');
    const warm = await build(env);
    let validate: Run | undefined;
    if (format === 'mdx') {
      process.stdout.write('validate… ');
      validate = await run([process.execPath, path.join(REPO_ROOT, 'scripts/validate.ts'), '--root', tmp], {}).catch(() => undefined);
    }
    console.log('done');
    rows.push(
      `| ${format === 'mdx' ? 'MDX records (src/lib loader)' : 'Markdown reference (Astro glob + Markdown)'} | ${records.length} | ${cold.pages} | ${cold.wall.toFixed(1)} s | ${(cold.pages / cold.wall).toFixed(0)} | ${gb(cold.peak)} | ${warm.wall.toFixed(1)} s (${((warm.wall / cold.wall) * 100).toFixed(0)}%) | ${mb(du(path.join(tmp, 'dist')))} | ${(cold.wordIndexMs / 1000).toFixed(1)} s / ${mb(du(path.join(tmp, 'dist/search-index/words')))} | ${validate ? `${validate.wall.toFixed(1)} s` : '—'} |`,
    );
    scratch.push(tmp);
  }
}
for (const tmp of scratch) fs.rmSync(tmp, { recursive: true, force: true });
console.log(`
| pipeline | records | pages | cold build | pages/s | peak RSS (tree) | rebuild after one edit | dist | word index time / size | validate |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
${rows.join('\n')}

${wordRows.join('\n')}
`);
