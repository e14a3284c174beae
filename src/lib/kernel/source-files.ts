// The files of a kernel tree that can hold exports, and a cheap way to read many of them.
import { closeSync, openSync, readdirSync, readSync } from 'node:fs';
import path from 'node:path';

/** Top-level trees that are not kernel code: userspace tools, docs, build scripts. */
const EXCLUDED_TOP_LEVEL = new Set(['tools', 'Documentation', 'scripts']);
const SOURCE_FILE = /\.[chS]$/;

/** Every .c, .h and .S file under `root`, as sorted `/`-separated paths relative to it. */
export function listSourceFiles(root: string): string[] {
  const files: string[] = [];
  const pending = [''];
  while (pending.length) {
    const dir = pending.pop()!;
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const rel = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!(dir === '' && EXCLUDED_TOP_LEVEL.has(entry.name))) pending.push(rel);
      } else if (entry.isFile() && SOURCE_FILE.test(entry.name)) files.push(rel);
    }
  }
  return files.sort();
}

/**
 * Returns a function reading a whole file into one reused buffer: most files are only searched for a
 * marker and dropped, so allocating a fresh buffer for each would dominate. A read that does not fill
 * the buffer is taken as the end of a regular file, which saves a system call per file. The returned
 * view is valid until the next call.
 */
export function createFileReader(): (file: string) => Buffer {
  let buffer = Buffer.allocUnsafe(1 << 20);
  return (file) => {
    const fd = openSync(file, 'r');
    try {
      let length = 0;
      for (;;) {
        const n = readSync(fd, buffer, length, buffer.length - length, null);
        length += n;
        if (n === 0 || length < buffer.length) break;
        const bigger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(bigger, 0, 0, length);
        buffer = bigger;
      }
      return buffer.subarray(0, length);
    } finally {
      closeSync(fd);
    }
  };
}
