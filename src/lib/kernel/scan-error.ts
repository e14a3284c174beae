// The tree cannot be scanned as given: a missing tree, a Makefile that is no kernel's, a FIFO or a
// directory where a file belongs. CLIs print the message (one line naming the path) and exit 2.
import { statSync } from 'node:fs';

export class ScanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScanError';
  }
}

/** What is at `file`: 'file' for a regular file (only those are read: a FIFO would block a read forever). */
export function pathKind(file: string): 'file' | 'directory' | 'missing' | 'other' {
  try {
    const stat = statSync(file);
    return stat.isFile() ? 'file' : stat.isDirectory() ? 'directory' : 'other';
  } catch {
    return 'missing';
  }
}

/** Throws a ScanError unless `file` is a regular file (or, with `optional`, absent). */
export function requireRegularFile(file: string, optional = false): boolean {
  const kind = pathKind(file);
  if (kind === 'file') return true;
  if (kind === 'missing') {
    if (optional) return false;
    throw new ScanError(`${file}: no such file`);
  }
  throw new ScanError(
    `${file}: ${kind === 'directory' ? 'a directory' : 'not a regular file (a FIFO, socket or device)'}, expected a regular file`,
  );
}
