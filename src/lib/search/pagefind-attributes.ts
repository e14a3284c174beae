// What a record page tells Pagefind: meta for result lines (and the symbol's parts as an alias, so
// "pages vma" finds alloc_pages_vma), and filters. Pagefind reads one key:value per attribute, so
// each becomes an empty element of its own. The filters share one key (pagefind-filter.ts).
import { symbolKeys } from './keys.ts';
import { PAGEFIND_FILTER, pagefindFilterValue } from './pagefind-filter.ts';
import { effectiveNamespace } from '../symbols.ts';
import type { RecordData } from '../schema.ts';

const clean = (value: string) => value.replace(/[,:]/g, ' ');

export function pagefindAttributes(d: RecordData): { meta: string[]; filters: string[] } {
  const alias = symbolKeys(d.symbol).slice(1).concat(d.symbol.split('_').filter(Boolean)).join(' ');
  const meta = [`symbol:${d.symbol}`, `status:${d.status}`, `type:${d.type}`, `alias:${clean(alias)}`];
  const ns = effectiveNamespace(d);
  const values = [pagefindFilterValue('t', d.status), pagefindFilterValue('x', d.type), pagefindFilterValue('u', clean(d.subsystem))];
  if (ns) values.push(pagefindFilterValue('n', clean(ns)));
  const filters = values.map((v) => `${PAGEFIND_FILTER}:${v}`);
  return { meta, filters };
}
