// Wrappers #defined in a .c or .S file also apply to the headers it includes after the definition:
// resolves those headers' uses with the includer's wrappers and merges them into the header's results.
import path from 'node:path';
import type { FileLex, Include } from './lex.ts';
import { resolveWithIncluderWrappers, type FileExports, type ResolveContext, type Unresolved } from './resolve.ts';
import type { ExportRow } from './snapshot.ts';
import type { WrapperTable } from './wrappers.ts';

/** The lexed header an #include names: `"x.h"` next to the includer or under include/, `<x.h>` under include/. */
function includedHeader(headers: ReadonlyMap<string, FileLex>, includer: string, include: Include): FileLex | undefined {
  const candidates = [`include/${include.target}`];
  if (include.quoted) candidates.unshift(path.posix.join(path.posix.dirname(includer), include.target));
  for (const candidate of candidates) {
    const header = headers.get(path.posix.normalize(candidate));
    if (header) return header;
  }
  return undefined;
}

const rowKey = (r: ExportRow) => `${r.line}\t${r.symbol}\t${r.macro}\t${r.namespace}`;
const unresolvedKey = (u: Unresolved) => `${u.line}\t${u.reason}\t${u.raw}`;

function merge(into: FileExports, found: FileExports): void {
  const resolvedLines = new Set(found.rows.map((r) => r.line));
  // A use that looked unknown from the header alone is known now.
  into.unresolved = into.unresolved.filter((u) => !(u.reason === 'unknown-macro' && resolvedLines.has(u.line)));
  const rows = new Set(into.rows.map(rowKey));
  const unresolved = new Set(into.unresolved.map(unresolvedKey));
  into.rows.push(...found.rows.filter((r) => !rows.has(rowKey(r))));
  into.unresolved.push(...found.unresolved.filter((u) => !unresolved.has(unresolvedKey(u))));
}

export function addIncluderWrapperUses(
  exportsByFile: Map<string, FileExports>,
  headers: readonly FileLex[],
  wrappers: WrapperTable,
  contextFor: (file: string) => ResolveContext,
): void {
  const byFile = new Map(headers.map((h) => [h.file, h]));
  for (const [file, found] of exportsByFile) {
    const shared = found.sharedWrappers;
    for (const include of shared?.includes ?? []) {
      const header = includedHeader(byFile, file, include);
      if (!header || !shared) continue;
      const uses = resolveWithIncluderWrappers(header, shared.defines, wrappers, contextFor(header.file));
      merge(exportsByFile.get(header.file)!, uses);
    }
  }
}
