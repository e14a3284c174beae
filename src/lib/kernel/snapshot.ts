// A snapshot: every export-macro use in one kernel release, as TSV
// (symbol, macro, namespace, file, line), sorted by file then line. The README's "Snapshots" says where they live.
import { releaseName } from './versions.ts';

export interface ExportRow {
  symbol: string;
  macro: string;
  namespace: string;
  file: string;
  line: number;
}

export interface Snapshot {
  /** Release name, e.g. v6.19 or v6.1.158. */
  version: string;
  /** The first-line comment naming where the rows came from. */
  source: string;
  rows: ExportRow[];
}

/** How the file of a release's unresolved export-macro uses ends: v6.19.unresolved.tsv beside v6.19.tsv. */
export const UNRESOLVED_SUFFIX = '.unresolved.tsv';

/** A snapshot's file name (v6.19.tsv), not the unresolved uses' file beside it (v6.19.unresolved.tsv). */
export function isSnapshotFileName(name: string): boolean {
  return name.endsWith('.tsv') && !name.endsWith(UNRESOLVED_SUFFIX);
}

export const SNAPSHOT_COLUMNS = ['symbol', 'macro', 'namespace', 'file', 'line'] as const;

export class SnapshotError extends Error {
  constructor(file: string, line: number, message: string) {
    super(`${file}:${line}: ${message}`);
    this.name = 'SnapshotError';
  }
}

export function parseSnapshot(text: string, file = 'snapshot.tsv'): Snapshot {
  const lines = text.split('\n');
  let i = 0;
  let source = '';
  while (i < lines.length && lines[i]!.startsWith('#')) source += (source ? ' ' : '') + lines[i++]!.replace(/^#\s?/, '');
  const header = lines[i++];
  if (header?.trim() !== SNAPSHOT_COLUMNS.join('\t')) {
    throw new SnapshotError(file, i, `header must be "${SNAPSHOT_COLUMNS.join('\\t')}" (got "${header ?? ''}")`);
  }
  const rows: ExportRow[] = [];
  for (; i < lines.length; i++) {
    const text = lines[i]!;
    if (text === '') continue;
    const cols = text.split('\t');
    if (cols.length !== 5) throw new SnapshotError(file, i + 1, `expected 5 tab-separated columns, got ${cols.length}`);
    const line = Number(cols[4]);
    if (!Number.isInteger(line) || line < 1) throw new SnapshotError(file, i + 1, `line must be a positive integer (got "${cols[4]}")`);
    rows.push({ symbol: cols[0]!, macro: cols[1]!, namespace: cols[2]!, file: cols[3]!, line });
  }
  const m = /kernel version:\s*(\d+)\.(\d+)(?:\.(\d+))?(-rc\d+)?/.exec(source);
  const version = m ? releaseName(m[1]!, m[2], m[3], m[4]) : '';
  return { version, source, rows };
}

export function sortRows(rows: ExportRow[]): ExportRow[] {
  return rows.sort((a, b) =>
    a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0),
  );
}

export function formatSnapshot(snapshot: Snapshot): string {
  const head = snapshot.source ? `# ${snapshot.source}\n` : '';
  const body = sortRows([...snapshot.rows])
    .map((r) => `${r.symbol}\t${r.macro}\t${r.namespace}\t${r.file}\t${r.line}`)
    .join('\n');
  return `${head}${SNAPSHOT_COLUMNS.join('\t')}\n${body}${body ? '\n' : ''}`;
}
