// The word index's files in a built site (dist/search-index/words), gzipped as a static host serves
// them: how many of each kind (word shards, document chunks, filter lists, full postings) and how big, for the
// benchmarks' figures.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

export interface WordIndexSizes {
  files: number;
  bytes: number;
  /** Per kind: count, median and largest gzipped size in bytes. */
  kinds: { kind: string; count: number; median: number; max: number }[];
}

const KINDS: Record<string, string> = { w: 'word shards', d: 'document chunks', f: 'filter lists', p: 'full postings' };

export function wordIndexSizes(distDir: string): WordIndexSizes {
  const dir = path.join(distDir, 'search-index/words');
  const sizes = new Map<string, number[]>();
  let bytes = 0;
  const names = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  for (const name of names) {
    const raw = fs.readFileSync(path.join(dir, name));
    bytes += raw.length;
    const kind = KINDS[name.charAt(0)] ?? 'other';
    let list = sizes.get(kind);
    if (!list) sizes.set(kind, (list = []));
    list.push(zlib.gzipSync(raw).length);
  }
  const kinds = [...sizes].map(([kind, list]) => {
    list.sort((a, b) => a - b);
    return { kind, count: list.length, median: list[Math.floor(list.length / 2)]!, max: list.at(-1)! };
  });
  return { files: names.length, bytes, kinds };
}

/** "word shards 412 (median 1.2 KB, max 5.0 KB gz); …" */
export function describeSizes(s: WordIndexSizes): string {
  const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
  return s.kinds.map((k) => `${k.kind} ${k.count} (median ${kb(k.median)}, max ${kb(k.max)} gz)`).join('; ');
}
