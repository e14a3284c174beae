// Reads a file a user named, only when it is a regular file: a FIFO would block for ever (opening
// it waits for a writer), a directory or a device is a mistake. Every refusal is one sentence naming
// the path and what is wrong, for the CLI to print and exit 2.
import fs from 'node:fs';

export class InputFileError extends Error {
  readonly path: string;
  constructor(path: string, problem: string) {
    super(`${path}: ${problem}`);
    this.name = 'InputFileError';
    this.path = path;
  }
}

/** What a non-regular file is, in words. */
export function fileKind(stat: fs.Stats): string {
  if (stat.isDirectory()) return 'a directory';
  if (stat.isFIFO()) return 'a FIFO (named pipe)';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

/** Throws InputFileError unless `path` is a regular file (symbolic links are followed). */
export function checkRegularFile(path: string, expected = 'a file'): fs.Stats {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputFileError(
      path,
      code === 'ENOENT' || code === 'ENOTDIR' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (error as Error).message,
    );
  }
  if (!stat.isFile()) throw new InputFileError(path, `is ${fileKind(stat)}, not ${expected}`);
  return stat;
}

/** Throws InputFileError unless `path` is a directory. */
export function checkDirectory(path: string, expected = 'a directory'): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(path);
  } catch {
    throw new InputFileError(path, 'no such directory');
  }
  if (!stat.isDirectory()) throw new InputFileError(path, `is ${stat.isFile() ? 'a file' : fileKind(stat)}, not ${expected}`);
}

/** The bytes of a regular file of at most `maxBytes` (default unlimited). */
export function readRegularFile(path: string, options: { maxBytes?: number; expected?: string } = {}): Buffer {
  const stat = checkRegularFile(path, options.expected);
  if (options.maxBytes !== undefined && stat.size > options.maxBytes) {
    throw new InputFileError(path, `is ${formatBytes(stat.size)}; the limit is ${formatBytes(options.maxBytes)}`);
  }
  try {
    // O_NONBLOCK: if the file was swapped for a FIFO after the check, opening it still returns at once.
    const fd = fs.openSync(path, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    try {
      const bytes = fs.readFileSync(fd);
      if (options.maxBytes !== undefined && bytes.length > options.maxBytes) {
        throw new InputFileError(path, `is larger than the limit of ${formatBytes(options.maxBytes)}`);
      }
      return bytes;
    } finally {
      fs.closeSync(fd);
    }
  } catch (error) {
    if (error instanceof InputFileError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputFileError(
      path,
      code === 'EACCES' ? 'permission denied' : code === 'EAGAIN' ? 'is not a regular file' : (error as Error).message,
    );
  }
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KiB`;
  return `${bytes} bytes`;
}

/** Standard input, when it is piped or redirected from a regular file, with the same size limit. */
export function readStandardInput(options: { maxBytes?: number } = {}): Buffer {
  const bytes = fs.readFileSync(0);
  if (options.maxBytes !== undefined && bytes.length > options.maxBytes) {
    throw new InputFileError('standard input', `is ${formatBytes(bytes.length)}; the limit is ${formatBytes(options.maxBytes)}`);
  }
  return bytes;
}
