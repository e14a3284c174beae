// Which shard file an export row's interval lives in: its top directory (net/ipv4/tcp.c -> net),
// except under drivers/ and arch/, which hold over half of all exports and change by subsystem and
// architecture, where it is the first two (drivers/net/phy/phy.c -> drivers/net, arch/x86/... ->
// arch/x86). A file directly in drivers/ or arch/, or a Module.symvers module path such as vmlinux,
// goes by its first component. A fixed rule, so a row never moves between files as data grows.
const SPLIT_BY_SUBDIRECTORY = new Set(['drivers', 'arch']);

/** A relative path of plain segments: no leading slash, no empty, `.` or `..` segment. */
export function isStorablePath(file: string): boolean {
  return file !== '' && !file.includes('\\') && file.split('/').every((s) => s !== '' && s !== '.' && s !== '..');
}

export function shardOf(file: string): string {
  const parts = file.split('/');
  return parts.length >= 3 && SPLIT_BY_SUBDIRECTORY.has(parts[0]!) ? `${parts[0]}/${parts[1]}` : parts[0]!;
}

export const EXPORTS_SUBDIR = 'exports';
export const LINES_SUBDIR = 'lines';

export function exportsFileOf(shard: string): string {
  return `${EXPORTS_SUBDIR}/${shard}.tsv`;
}

export function linesFileOf(shard: string): string {
  return `${LINES_SUBDIR}/${shard}.tsv`;
}

/** The shard of a store-relative path such as exports/drivers/net.tsv, or undefined for other files. */
export function shardOfStoreFile(relative: string, subdir: string): string | undefined {
  const prefix = `${subdir}/`;
  return relative.startsWith(prefix) && relative.endsWith('.tsv') ? relative.slice(prefix.length, -'.tsv'.length) : undefined;
}
