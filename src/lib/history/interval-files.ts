// One shard of intervals as two files that line up line for line:
//   exports/<shard>.tsv  symbol, macro, namespace, first, last, file  (what is exported, and when)
//   lines/<shard>.tsv    symbol, lines                                (where in the file, per release)
// Line numbers move with almost every edit of a file, so they live apart: a pull request that adds a
// release shows export changes in exports/ only, and lines/ (marked generated in .gitattributes) holds
// the positions. `last` is empty when the interval reaches the newest release, so a newer release
// leaves the rows that carry on untouched (the file comes after it so that no line ends in a tab, which
// editors and `git diff --check` treat as trailing whitespace). `lines` is the line in `first`, then `line@release` for each
// release of the interval where it moved: "120 124@v4.4.178 131@v5.10.89". No Node imports.
import { HistoryError, type ExportInterval, type LineChange } from './model.ts';
import { isStorablePath, shardOf } from './shards.ts';

export const EXPORT_COLUMNS = ['symbol', 'macro', 'namespace', 'first', 'last', 'file'] as const;
export const LINE_COLUMNS = ['symbol', 'lines'] as const;

export function formatLines(lines: readonly LineChange[]): string {
  return lines.map((c, i) => (i === 0 ? String(c.line) : `${c.line}@${c.release}`)).join(' ');
}

/**
 * Sorted by file, symbol and first release (in the store's order), then the rest, so the same store
 * always writes the same bytes.
 */
export function intervalOrder(positions: ReadonlyMap<string, number>): (a: ExportInterval, b: ExportInterval) => number {
  const text = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return (a, b) =>
    text(a.file, b.file) ||
    text(a.symbol, b.symbol) ||
    positions.get(a.first)! - positions.get(b.first)! ||
    text(a.macro, b.macro) ||
    text(a.namespace, b.namespace) ||
    positions.get(a.last)! - positions.get(b.last)! ||
    text(formatLines(a.lines), formatLines(b.lines));
}

/** The two files of one shard; `intervals` already sorted. */
export function formatShard(intervals: readonly ExportInterval[], newest: string): { exports: string; lines: string } {
  let exports = `${EXPORT_COLUMNS.join('\t')}\n`;
  let lines = `${LINE_COLUMNS.join('\t')}\n`;
  for (const i of intervals) {
    exports += `${i.symbol}\t${i.macro}\t${i.namespace}\t${i.first}\t${i.last === newest ? '' : i.last}\t${i.file}\n`;
    lines += `${i.symbol}\t${formatLines(i.lines)}\n`;
  }
  return { exports, lines };
}

const MACRO = /^\w+$/;

interface ShardFile {
  name: string;
  text: string;
}

const DIGITS = /^\d+$/;
const NO_SPACE = /^\S+$/;

/** Reads one shard's pair of files, checking each field against the releases (by position). */
export function parseShard(
  shard: string,
  exportsFile: ShardFile,
  linesFile: ShardFile,
  positions: ReadonlyMap<string, number>,
  newest: string,
): ExportInterval[] {
  const exportLines = dataLines(exportsFile, EXPORT_COLUMNS);
  const lineLines = dataLines(linesFile, LINE_COLUMNS);
  const intervals: ExportInterval[] = [];
  // Most files export many symbols: each path is checked once.
  const checkedFiles = new Set<string>();
  for (let k = 0; k < exportLines.length; k++) {
    const { line: at, cols } = exportLines[k]!;
    const fail = (field: string, message: string) => new HistoryError(exportsFile.name, at, `${field}: ${message}`);
    const [symbol, macro, namespace, first, lastColumn, file] = cols as [string, string, string, string, string, string];
    if (symbol === '') throw fail('symbol', 'is empty');
    if (!MACRO.test(macro)) throw fail('macro', `must be a macro name such as EXPORT_SYMBOL_GPL (got "${macro}")`);
    if (!checkedFiles.has(file)) {
      if (!isStorablePath(file)) throw fail('file', `must be a relative source path (got "${file}")`);
      if (shardOf(file) !== shard) throw fail('file', `${file} belongs in the shard ${shardOf(file)}, not ${shard}`);
      checkedFiles.add(file);
    }
    if (!positions.has(first)) throw fail('first', `"${first}" is not a release of releases.tsv`);
    const last = lastColumn === '' ? newest : lastColumn;
    if (!positions.has(last)) throw fail('last', `"${last}" is not a release of releases.tsv`);
    if (positions.get(last)! < positions.get(first)!) throw fail('last', `${last} comes before first ${first}`);

    const pair = lineLines[k];
    if (!pair)
      throw new HistoryError(
        linesFile.name,
        (lineLines.at(-1)?.line ?? 1) + 1,
        `lines: missing; ${exportsFile.name}:${at} has no line here (the two files must line up)`,
      );
    const failLines = (message: string) => new HistoryError(linesFile.name, pair.line, `lines: ${message}`);
    if (pair.cols[0] !== symbol)
      throw new HistoryError(
        linesFile.name,
        pair.line,
        `symbol: "${pair.cols[0]}" does not match ${exportsFile.name}:${at} ("${symbol}"; the two files must line up)`,
      );
    const lines: LineChange[] = [];
    const lastPosition = positions.get(last)!;
    let previousPosition = -1;
    const tokens = pair.cols[1]!.split(' ');
    for (let n = 0; n < tokens.length; n++) {
      const token = tokens[n]!;
      const at = token.indexOf('@');
      const digits = n === 0 ? token : at > 0 ? token.slice(0, at) : '';
      const release = n === 0 ? first : token.slice(at + 1);
      if (!DIGITS.test(digits) || Number(digits) < 1 || (n > 0 && !NO_SPACE.test(release)))
        throw failLines(
          n === 0
            ? `must start with the line number in ${first} (got "${token}")`
            : `"${token}" must be line@release, such as 124@v4.4.178`,
        );
      const position = positions.get(release);
      if (position === undefined) throw failLines(`"${release}" is not a release of releases.tsv`);
      if (position <= previousPosition) throw failLines(`${token}: releases must increase, each after ${lines.at(-1)!.release}`);
      if (position > lastPosition) throw failLines(`${token}: ${release} is after the interval's last release ${last}`);
      lines.push({ release, line: Number(digits) });
      previousPosition = position;
    }
    intervals.push({ symbol, macro, namespace, file, first, last, lines });
  }
  if (lineLines.length > exportLines.length) {
    throw new HistoryError(
      linesFile.name,
      lineLines[exportLines.length]!.line,
      `lines: extra line; ${exportsFile.name} has ${exportLines.length} intervals (the two files must line up)`,
    );
  }
  return intervals;
}

function dataLines(file: ShardFile, columns: readonly string[]): { line: number; cols: string[] }[] {
  const lines = file.text.split('\n');
  if (lines[0] !== columns.join('\t')) throw new HistoryError(file.name, 1, `header must be "${columns.join('\\t')}" (got "${lines[0]}")`);
  const out: { line: number; cols: string[] }[] = [];
  for (let i = 1; i < lines.length; i++) {
    if (lines[i] === '') continue;
    const cols = lines[i]!.split('\t');
    if (cols.length !== columns.length)
      throw new HistoryError(
        file.name,
        i + 1,
        `expected ${columns.length} tab-separated columns (${columns.join(', ')}), got ${cols.length}`,
      );
    out.push({ line: i + 1, cols });
  }
  return out;
}
