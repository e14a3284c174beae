// Words of the domain about symbols and records that every layer uses: the A–Z order of symbols,
// and the namespace a record's export is in (module-restricted exports in the reserved module: space).
import type { RecordData } from './schema.ts';
import { EXPORT_TYPE_INFO } from './vocabulary.ts';

/** A–Z order that ignores leading underscores and case, so __kmalloc sits beside kmalloc. */
export function compareSymbols(a: string, b: string): number {
  const ka = a.replace(/^_+/, '').toLowerCase();
  const kb = b.replace(/^_+/, '').toLowerCase();
  return ka < kb ? -1 : ka > kb ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

/** The namespace a record's export is in: EXPORT_SYMBOL_FOR_MODULES's module list is the reserved module:<list>. */
export function effectiveNamespace(data: Pick<RecordData, 'type' | 'namespace'>): string | undefined {
  if (!data.namespace) return undefined;
  return EXPORT_TYPE_INFO[data.type].takesNamespace === 'modules' ? `module:${data.namespace}` : data.namespace;
}
