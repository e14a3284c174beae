// Builds a content tree into a temporary directory with the real Astro build, for tests.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { makeBuildDir, REPO_ROOT } from '../../src/lib/project.ts';

/** Vitest mirrors Vite's import.meta.env into process.env; a child Astro build must not inherit it. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  for (const key of ['BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR', 'VITEST', 'TEST']) delete env[key];
  return env;
}

const ASTRO = path.join(REPO_ROOT, 'node_modules/astro/bin/astro.mjs');

export interface BuiltSite {
  dir: string;
  read: (page: string) => string;
  cleanup: () => void;
}

/**
 * Symbols per listing page in test builds (the site uses LISTING_PAGE_SIZE): the fixture's few dozen
 * symbols then span several pages, so every template, pagination included, is built and checked.
 */
export const TEST_LISTING_PAGE_SIZE = 20;

export interface BuildOptions {
  base?: string;
  /** Documents a word keeps in its word shard (KED_WORD_MAX_POSTINGS): a small number makes the fixture's words common. */
  wordMaxPostings?: number;
}

export function buildSite(contentRoot: string, options: BuildOptions = {}): BuiltSite {
  const tmp = makeBuildDir('site-');
  const dir = buildInto(tmp, contentRoot, options);
  return {
    dir,
    read: (page) => fs.readFileSync(path.join(dir, page), 'utf8'),
    cleanup: () => fs.rmSync(tmp, { recursive: true, force: true }),
  };
}

/**
 * `npm run build` for a content tree, into <tmp>/dist with its cache in <tmp>/cache,
 * so a second call into the same tmp is a rebuild. Returns the output dir; `log` gets Astro's output.
 */
export function buildInto(tmp: string, contentRoot: string, options: BuildOptions & { log?: (text: string) => void } = {}): string {
  const dir = path.join(tmp, 'dist');
  const out = execFileSync(process.execPath, [ASTRO, 'build'], {
    cwd: REPO_ROOT,
    env: childEnv({
      KED_LISTING_PAGE_SIZE: String(TEST_LISTING_PAGE_SIZE),
      KED_CONTENT_ROOT: contentRoot,
      KED_OUT_DIR: dir,
      KED_CACHE_DIR: path.join(tmp, 'cache'),
      BASE_PATH: options.base ?? '/',
      ...(options.wordMaxPostings ? { KED_WORD_MAX_POSTINGS: String(options.wordMaxPostings) } : {}),
    }),
    stdio: 'pipe',
  });
  options.log?.(String(out));
  return dir;
}

/** Runs a build expected to fail; returns its combined output. */
export function failingBuild(contentRoot: string): string {
  const tmp = makeBuildDir('site-');
  try {
    execFileSync(process.execPath, [ASTRO, 'build'], {
      cwd: REPO_ROOT,
      env: childEnv({ KED_CONTENT_ROOT: contentRoot, KED_OUT_DIR: path.join(tmp, 'dist'), KED_CACHE_DIR: path.join(tmp, 'cache') }),
      stdio: 'pipe',
    });
  } catch (error) {
    const e = error as { stdout?: Buffer; stderr?: Buffer };
    return `${e.stdout?.toString() ?? ''}${e.stderr?.toString() ?? ''}`;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  throw new Error('build succeeded but was expected to fail');
}

/** Every file below dir with its contents, for comparing two builds. */
export function builtFiles(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else files.set(path.relative(dir, full), fs.readFileSync(full, 'latin1'));
    }
  };
  walk(dir);
  return files;
}

export const FIXTURE_SITE = path.join(REPO_ROOT, 'tests/fixtures/site');
