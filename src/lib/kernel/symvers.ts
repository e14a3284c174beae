// Module.symvers, the build's list of exported symbols, as snapshot rows.
// Each line is tab-separated: CRC, symbol, then module path, export type and namespace. Kernels 5.4–5.9
// put the namespace third (CRC, symbol, namespace, module, type); 5.10 on put it last; before 5.4 there
// is none. The column holding EXPORT_* tells the layouts apart.
// Rows: file = the module path (`vmlinux`, or the module's path without `.ko`), line = the line in
// Module.symvers, macro = the export type, namespace = as recorded (empty for none).
import type { ExportRow } from './snapshot.ts';

export class SymversError extends Error {
  constructor(file: string, line: number, message: string) {
    super(`${file}:${line}: ${message}`);
    this.name = 'SymversError';
  }
}

const EXPORT_TYPE = /^EXPORT_[A-Z_]+$/;
const CRC = /^0x[0-9a-fA-F]+$/;
const SYMBOL = /^[\w$.]+$/;

function columns(cols: readonly string[]): { module: string; type: string; namespace: string } | string {
  if (cols.length === 4)
    return EXPORT_TYPE.test(cols[3]!)
      ? { module: cols[2]!, type: cols[3]!, namespace: '' }
      : `column 4 must be the export type (EXPORT_…), got "${cols[3]}"`;
  if (EXPORT_TYPE.test(cols[3]!)) return { module: cols[2]!, type: cols[3]!, namespace: cols[4]! };
  if (EXPORT_TYPE.test(cols[4]!)) return { namespace: cols[2]!, module: cols[3]!, type: cols[4]! };
  return `no export type (EXPORT_…) in column 4 or 5 (got "${cols[3]}", "${cols[4]}")`;
}

export function parseSymvers(text: string, file = 'Module.symvers'): ExportRow[] {
  const rows: ExportRow[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, '');
    if (line === '') continue;
    const fail = (message: string) => new SymversError(file, i + 1, message);
    const cols = line.split('\t');
    if (cols.length < 4 || cols.length > 5)
      throw fail(`expected 4 or 5 tab-separated columns (CRC, symbol, module, export type, namespace), got ${cols.length}`);
    if (!CRC.test(cols[0]!)) throw fail(`CRC must be a hex number such as 0x1f2e3d4c (got "${cols[0]}")`);
    if (!SYMBOL.test(cols[1]!)) throw fail(`symbol must be an identifier (got "${cols[1]}")`);
    const layout = columns(cols);
    if (typeof layout === 'string') throw fail(layout);
    if (!layout.module) throw fail('module path is empty (vmlinux or a module path expected)');
    rows.push({ symbol: cols[1]!, macro: layout.type, namespace: layout.namespace, file: layout.module, line: i + 1 });
  }
  return rows;
}

export function symversSource(file: string): string {
  return `source: ${file} (Module.symvers) | file = module path (vmlinux for the kernel image), line = line in Module.symvers, macro = export type`;
}
