// Records against the latest committed snapshot, through the export model: a record's type must be
// how that release exports the symbol on the architectures the record is about (its `arches`, or
// every architecture). Drift reports the rest (namespaces, older releases); this keeps a record from
// contradicting the code it describes, e.g. x86's withdrawn __kernel_fpu_begin against s390's own.
import { exportKind, rowArch } from '../kernel/export-model.ts';
import type { Snapshot } from '../kernel/snapshot.ts';
import type { Parsed } from '../records/parse.ts';
import type { RecordData } from '../schema.ts';
import type { Problem } from '../problems.ts';

export function checkAgainstSnapshot(records: readonly Parsed<RecordData>[], latest: Snapshot | undefined): Problem[] {
  if (!latest) return [];
  const bySymbol = new Map<string, Snapshot['rows']>();
  for (const row of latest.rows) {
    const list = bySymbol.get(row.symbol);
    if (list) list.push(row);
    else bySymbol.set(row.symbol, [row]);
  }
  const problems: Problem[] = [];
  for (const record of records) {
    const d = record.data;
    if (!d) continue;
    const rows = bySymbol.get(d.symbol) ?? [];
    const scope = d.arches ? `on ${d.arches.join(', ')}` : '';
    const relevant = rows.filter((r) => {
      const arch = rowArch(r.file);
      return arch === undefined || !d.arches || (d.arches as readonly string[]).includes(arch);
    });
    const where = (rs: typeof rows) => [...new Set(rs.map((r) => `${exportKind(r).type} in ${r.file}`))].join('; ');
    const otherArches = [...new Set(rows.filter((r) => !relevant.includes(r)).map((r) => rowArch(r.file)!))];
    const report = (message: string) =>
      problems.push({ file: record.file, ...record.locate(['type']), severity: 'error', rule: 'type-matches-snapshot', message });
    if (d.type === 'unexported') {
      if (!relevant.length) continue;
      const archOnly = relevant.every((r) => rowArch(r.file) !== undefined);
      const hint =
        archOnly && !d.arches
          ? `; if the decision concerns other architectures, name them in arches (the export is in ${[...new Set(relevant.map((r) => rowArch(r.file)))].join(', ')} code)`
          : '; record the new decision (history entry and type)';
      report(`is unexported but ${latest.version} exports ${d.symbol}${scope ? ` ${scope}` : ''}: ${where(relevant)}${hint}`);
      continue;
    }
    // A symbol the release does not export at all may be newer than it, or gone: drift reports that.
    if (!rows.length) continue;
    if (!relevant.length) {
      report(
        `is ${d.type} but ${latest.version} exports ${d.symbol} only in ${otherArches.join(', ')} code, not ${scope}; set arches to the architectures the decision concerns`,
      );
      continue;
    }
    if (!relevant.some((r) => exportKind(r).type === d.type)) {
      report(
        `is ${d.type} but ${latest.version} exports ${d.symbol}${scope ? ` ${scope}` : ''} as ${where(relevant)}; update type (with a history entry), or set arches if the decision concerns other architectures`,
      );
    }
  }
  return problems;
}
