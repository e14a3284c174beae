// The `<release>.unresolved.tsv` beside a committed snapshot: the export-macro uses the scanner could
// not turn into rows (file, line, reason, text), so that a release page can say how many exports the
// snapshot may lack and where, rather than present a hole as a fact.
import { SnapshotError } from './snapshot.ts';

export interface UnresolvedUse {
  file: string;
  line: number;
  reason: string;
  text: string;
}

const COLUMNS = ['file', 'line', 'reason', 'text'];

export function parseUnresolvedFile(text: string, name = 'unresolved.tsv'): UnresolvedUse[] {
  const lines = text.split('\n');
  let i = 0;
  while (i < lines.length && lines[i]!.startsWith('#')) i++;
  if (lines[i]?.trim() !== COLUMNS.join('\t')) throw new SnapshotError(name, i + 1, `header must be "${COLUMNS.join('\\t')}"`);
  const uses: UnresolvedUse[] = [];
  for (i++; i < lines.length; i++) {
    if (lines[i] === '') continue;
    const cols = lines[i]!.split('\t');
    const line = Number(cols[1]);
    if (cols.length !== 4 || !Number.isInteger(line) || line < 1)
      throw new SnapshotError(name, i + 1, 'expected file, line (a positive integer), reason and text, tab-separated');
    uses.push({ file: cols[0]!, line, reason: cols[2]!, text: cols[3]! });
  }
  return uses;
}
