// src/lib's imports go down the layers of ../shared/ARCHITECTURE.md (README, "Layout"), never up:
// each file's layer is given once below, and every relative import of every src/lib file is checked.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const LIB = path.resolve(import.meta.dirname, '../../src/lib');

/** Layers, lowest first. A file may import its own layer or a lower one. */
export const LAYERS = ['words of the domain', 'reading and checking inputs', 'answers', 'what pages show', 'tools'] as const;
type Layer = (typeof LAYERS)[number];

/** The layer of each file or folder of src/lib (the longest matching entry wins). */
const LAYER_OF: Record<string, Layer> = {
  'schema.ts': 'words of the domain',
  'schema-walk.ts': 'words of the domain',
  'vocabulary.ts': 'words of the domain',
  'lore.ts': 'words of the domain',
  'urls.ts': 'words of the domain',
  'dates.ts': 'words of the domain',
  'problems.ts': 'words of the domain',
  'symbols.ts': 'words of the domain',
  'printable.ts': 'words of the domain',
  'suggest.ts': 'words of the domain',
  'project.ts': 'words of the domain',
  'cli-args.ts': 'words of the domain',
  'input-file.ts': 'words of the domain',
  'user-regex.ts': 'words of the domain',
  'records/': 'reading and checking inputs',
  'lint/': 'reading and checking inputs',
  'body/': 'reading and checking inputs',
  'kernel/': 'reading and checking inputs',
  // The history store is an input like a snapshot: records are checked against it (lint/history-rules.ts).
  'history/': 'reading and checking inputs',
  // What changed from one release to the next, in the release pages' terms (releases.ts).
  'history/changes.ts': 'answers',
  'elf-symbols.ts': 'reading and checking inputs',
  'check-module.ts': 'answers',
  'check-module-input.ts': 'answers',
  'check-module-table.ts': 'answers',
  'check-module-data.ts': 'answers',
  'check-module-history.ts': 'answers',
  'check-module-matrix-text.ts': 'answers',
  'check-module-shards.ts': 'answers',
  'drift/': 'answers',
  'drift-scaffold.ts': 'answers',
  'coverage.ts': 'answers',
  'releases.ts': 'answers',
  'search/': 'answers',
  'scaffold.ts': 'answers',
  'site/': 'what pages show',
  'render/': 'what pages show',
  'api.ts': 'what pages show',
  'feeds.ts': 'what pages show',
  'release-feeds.ts': 'what pages show',
  'abi.ts': 'what pages show',
  'sitemap.ts': 'what pages show',
  'docs.ts': 'what pages show',
  'bench/': 'tools',
};

/**
 * Upward imports known and owned elsewhere, each with why it stays for now. src/lib/search is being
 * changed in another branch; its imports of site/ move when that lands.
 */
const KNOWN: Record<string, string> = {
  'search/entries.ts -> site/model.ts': 'src/lib/search is changed in another branch (effectiveNamespace is in symbols.ts)',
  'search/entries.ts -> site/symbol-exports.ts': 'src/lib/search is changed in another branch',
};

function layerOf(rel: string): Layer | undefined {
  const match = Object.keys(LAYER_OF)
    .filter((key) => (key.endsWith('/') ? rel.startsWith(key) : rel === key))
    .sort((a, b) => b.length - a.length)[0];
  return match ? LAYER_OF[match] : undefined;
}

function libFiles(dir = LIB): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return libFiles(full);
    return e.name.endsWith('.ts') ? [path.relative(LIB, full).split(path.sep).join('/')] : [];
  });
}

/** Relative import specifiers (static import/export … from, dynamic import(), new URL(…, import.meta.url)). */
function importsOf(source: string): string[] {
  const found = [
    ...source.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/gms),
    ...source.matchAll(/import\(\s*'(\.[^']+)'\s*\)/g),
    ...source.matchAll(/new URL\(\s*'(\.[^']+)'\s*,\s*import\.meta\.url\)/g),
  ];
  return found.map((m) => m[1]!);
}

describe('src/lib layers', () => {
  const files = libFiles();

  it('gives every src/lib file a layer', () => {
    expect(files.filter((f) => !layerOf(f))).toEqual([]);
  });

  it('has no import from a lower layer into a higher one', () => {
    const upward: string[] = [];
    for (const file of files) {
      const from = LAYERS.indexOf(layerOf(file)!);
      for (const spec of importsOf(fs.readFileSync(path.join(LIB, file), 'utf8'))) {
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
        if (target.startsWith('..')) continue; // outside src/lib
        const layer = layerOf(target);
        if (!layer) continue;
        const edge = `${file} -> ${target}`;
        if (LAYERS.indexOf(layer) > from && !(edge in KNOWN)) upward.push(`${edge} (${layerOf(file)} imports ${layer})`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('has no cycle between records/ and lint/', () => {
    const folderImports = (folder: string, other: string) =>
      files
        .filter((f) => f.startsWith(folder))
        .some((f) =>
          importsOf(fs.readFileSync(path.join(LIB, f), 'utf8')).some((s) => path.posix.join(path.posix.dirname(f), s).startsWith(other)),
        );
    expect(folderImports('records/', 'lint/') && folderImports('lint/', 'records/')).toBe(false);
  });

  it('keeps the known exceptions real (remove an entry once its import is gone)', () => {
    for (const edge of Object.keys(KNOWN)) {
      const [file, target] = edge.split(' -> ') as [string, string];
      const targets = importsOf(fs.readFileSync(path.join(LIB, file), 'utf8')).map((s) =>
        path.posix.normalize(path.posix.join(path.posix.dirname(file), s)),
      );
      expect(targets, edge).toContain(target);
    }
  });
});
