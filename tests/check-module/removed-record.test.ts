// A record whose tier is removed, checked against a release that still exports the symbol (one from
// before the removal): the checker says the symbol links there, and what the record says.
import { describe, expect, it } from 'vitest';
import { buildExportTable, checkModule, parseModuleInput } from '../../src/lib/check-module.ts';
import { parseSnapshot } from '../../src/lib/kernel/snapshot.ts';

const v54 = parseSnapshot(
  '# test | kernel version: 5.4.286\nsymbol\tmacro\tnamespace\tfile\tline\nkallsyms_lookup_name\tEXPORT_SYMBOL_GPL\t\tkernel/kallsyms.c\t200\n',
);

describe('a removed record on a release before the removal', () => {
  it('links, with the record named', () => {
    const table = buildExportTable(v54, [{ symbol: 'kallsyms_lookup_name', status: 'removed', type: 'unexported' }]);
    const [check] = checkModule(parseModuleInput('kallsyms_lookup_name\n'), table, { arch: 'x86' }).symbols;
    expect([check!.verdict, check!.labels]).toEqual(['action', ['GPL-only']]);
    expect(check!.notes.at(-1)).toBe(
      'Its record says the export was removed; v5.4.286 still exports a symbol of this name on x86 (a release before the removal, or another symbol of the same name).',
    );
  });
});
