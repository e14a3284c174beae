// The listings behind the type, namespace and A–Z pages and the home page's counts, on small
// made-up snapshots: every exported symbol is listed where a reader looks for it, with where and
// when, and never with raw `${…}` or `a|b` notation.
import { describe, expect, it } from 'vitest';
import { describeModules } from '../../src/lib/kernel/export-model.ts';
import { parseSnapshot, type Snapshot } from '../../src/lib/kernel/snapshot.ts';
import {
  azIndex,
  buildListings,
  importLines,
  moduleGroupTitle,
  namespaceListings,
  paginate,
  sortBySymbol,
  typeCountTable,
  typeListings,
  whereText,
} from '../../src/lib/site/listings.ts';
import type { SiteMechanism, SiteRecord } from '../../src/lib/site/model.ts';
import { compareSymbols } from '../../src/lib/symbols.ts';
import type { MechanismData, RecordData } from '../../src/lib/schema.ts';
import { sitePaths } from '../../src/lib/urls.ts';

/** Rows as "symbol macro [namespace] file line", the namespace left out when empty. */
function snapshot(version: string, rows: string[]): Snapshot {
  const tsv = rows.map((r) => {
    const fields = r.split(/ +/);
    if (fields.length === 4) fields.splice(2, 0, '');
    return fields.join('\t');
  });
  return parseSnapshot(`# made up | kernel version: ${version}\nsymbol\tmacro\tnamespace\tfile\tline\n${tsv.join('\n')}\n`);
}

const OLD = snapshot('6.1.0', [
  'dma_buf_get EXPORT_SYMBOL_NS_GPL DMA_BUF drivers/dma-buf/dma-buf.c 10',
  'old_only EXPORT_SYMBOL_NS OLD_NS lib/old.c 1',
]);

const LATEST = snapshot('6.19.0', [
  'pm_power_off EXPORT_SYMBOL arch/arm/kernel/reboot.c 20',
  'pm_power_off EXPORT_SYMBOL_GPL arch/arm64/kernel/process.c 30',
  'pm_power_off EXPORT_SYMBOL arch/x86/kernel/reboot.c 40',
  'kernel_fpu_end EXPORT_SYMBOL_GPL arch/x86/kernel/fpu/core.c 520',
  'irq_stat EXPORT_SYMBOL_GPL arch/s390/kernel/irq.c 5',
  'irq_stat EXPORT_SYMBOL kernel/softirq.c 50',
  'dma_buf_get EXPORT_SYMBOL_NS_GPL DMA_BUF drivers/dma-buf/dma-buf.c 700',
  'dma_buf_put EXPORT_SYMBOL_NS_GPL DMA_BUF drivers/dma-buf/dma-buf.c 710',
  'fw_table_parse EXPORT_SYMBOL_FWTBL_LIB ACPI|CXL lib/fw_table.c 10',
  'kvm_vcpu_thing EXPORT_SYMBOL_FOR_KVM module:kvm,${KVM_SUB_MODULES}|module:kvm virt/kvm/kvm_main.c 100',
  'kvm_only EXPORT_SYMBOL_FOR_MODULES module:kvm arch/x86/kvm/x86.c 7',
  '__kmalloc_node EXPORT_SYMBOL mm/slub.c 4300',
  'vmalloc EXPORT_SYMBOL mm/vmalloc.c 3950',
  '9p_fid_ref EXPORT_TRACEPOINT_SYMBOL net/9p/client.c 3',
]);

const everyPage = () => true;

function record(data: Partial<RecordData> & Pick<RecordData, 'symbol' | 'type' | 'status'>): SiteRecord {
  return {
    data: { summary: 's', subsystem: 'mm', date: '2024-01-01', threads: [], ...data } as RecordData,
    html: '',
    sourcePath: `content/exports/${data.symbol}.mdx`,
  };
}

function mechanism(id: string, data: Partial<MechanismData>): SiteMechanism {
  return {
    id,
    data: { title: id, summary: 's', types: [], status: 'stable', date: '2019-09-09', threads: [], ...data } as MechanismData,
    html: '',
    sourcePath: `content/mechanisms/${id}.mdx`,
  };
}

const RECORDS = [
  record({ symbol: 'vmalloc', type: 'EXPORT_SYMBOL', status: 'stable' }),
  record({ symbol: 'dma_buf_get', type: 'EXPORT_SYMBOL_NS_GPL', namespace: 'DMA_BUF', status: 'testing' }),
  record({ symbol: 'gone_now', type: 'unexported', status: 'removed' }),
  record({ symbol: 'kvm_rec', type: 'EXPORT_SYMBOL_FOR_MODULES', namespace: 'kvm', status: 'testing' }),
];

describe('the rows were read as written', () => {
  it('has the namespace column empty for plain exports and set for the others', () => {
    expect(LATEST.rows.find((r) => r.symbol === 'vmalloc')!.namespace).toBe('');
    expect(LATEST.rows.find((r) => r.symbol === 'fw_table_parse')!.namespace).toBe('ACPI|CXL');
    expect(LATEST.rows).toHaveLength(14);
  });
});

describe('typeListings', () => {
  const types = typeListings(LATEST, everyPage);
  const of = (type: string) => types.find((t) => t.type === type)!.symbols;
  const names = (type: string) => of(type).map((s) => s.symbol);
  const entry = (type: string, symbol: string) => of(type).find((s) => s.symbol === symbol)!;

  it('lists every exported symbol under the type exportKind gives its rows, A–Z ignoring leading underscores', () => {
    expect(names('EXPORT_SYMBOL')).toEqual(['9p_fid_ref', 'irq_stat', '__kmalloc_node', 'pm_power_off', 'vmalloc']);
    expect(names('EXPORT_SYMBOL_GPL')).toEqual(['irq_stat', 'kernel_fpu_end', 'pm_power_off']);
    // The GPL wrapper EXPORT_SYMBOL_FWTBL_LIB is NS_GPL (the export model knows its definition).
    expect(names('EXPORT_SYMBOL_NS_GPL')).toEqual(['dma_buf_get', 'dma_buf_put', 'fw_table_parse']);
    expect(names('EXPORT_SYMBOL_FOR_MODULES')).toEqual(['kvm_only', 'kvm_vcpu_thing']);
    expect(names('EXPORT_SYMBOL_NS')).toEqual([]);
    const all = new Set(LATEST.rows.map((r) => r.symbol));
    expect(new Set(types.flatMap((t) => t.symbols.map((s) => s.symbol)))).toEqual(all);
  });

  it('lists a symbol with different types in different places under each, marked with where', () => {
    expect(entry('EXPORT_SYMBOL', 'pm_power_off').notes).toEqual(['arm and x86 only']);
    expect(entry('EXPORT_SYMBOL_GPL', 'pm_power_off').notes).toEqual(['arm64 only']);
    expect(entry('EXPORT_SYMBOL', 'irq_stat').notes).toEqual(['generic code']);
    expect(entry('EXPORT_SYMBOL_GPL', 'irq_stat').notes).toEqual(['s390 only']);
  });

  it('says "depends on configuration" when generic code exports a symbol two ways', () => {
    const two = typeListings(
      snapshot('6.19.0', [
        'both_ways EXPORT_SYMBOL drivers/a/one.c 1',
        'both_ways EXPORT_SYMBOL_GPL drivers/b/two.c 2',
        'both_ways EXPORT_SYMBOL_GPL arch/x86/c.c 3',
      ]),
      everyPage,
    );
    const notes = (type: string) => two.find((t) => t.type === type)!.symbols[0]!.notes;
    expect(notes('EXPORT_SYMBOL')).toEqual(['generic code', 'depends on configuration']);
    expect(notes('EXPORT_SYMBOL_GPL')).toEqual(['generic code, x86', 'depends on configuration']);
  });

  it('marks a symbol only architecture code exports, and nothing on generic exports', () => {
    expect(entry('EXPORT_SYMBOL_GPL', 'kernel_fpu_end').notes).toEqual(['x86 only']);
    expect(entry('EXPORT_SYMBOL', 'vmalloc').notes).toEqual([]);
  });

  it('gives namespaces and module lists as places, alternatives each, with "depends on configuration"', () => {
    expect(entry('EXPORT_SYMBOL_NS_GPL', 'fw_table_parse')).toMatchObject({
      namespaces: ['ACPI', 'CXL'],
      notes: ['depends on configuration'],
    });
    expect(entry('EXPORT_SYMBOL_NS_GPL', 'dma_buf_get')).toMatchObject({ namespaces: ['DMA_BUF'], notes: [] });
    expect(entry('EXPORT_SYMBOL_FOR_MODULES', 'kvm_vcpu_thing')).toMatchObject({
      namespaces: [],
      moduleGroups: ['module:kvm,${KVM_SUB_MODULES}'],
      notes: [],
    });
    expect(entry('EXPORT_SYMBOL_FOR_MODULES', 'kvm_only')).toMatchObject({ moduleGroups: ['module:kvm'], notes: ['x86 only'] });
  });

  it('says whether a symbol has a page', () => {
    const some = typeListings(LATEST, (s) => s !== 'vmalloc');
    expect(some.find((t) => t.type === 'EXPORT_SYMBOL')!.symbols.find((s) => s.symbol === 'vmalloc')!.page).toBe(false);
  });

  it('lists nothing without a snapshot', () => {
    expect(typeListings(undefined, everyPage).every((t) => t.symbols.length === 0)).toBe(true);
  });
});

describe('whereText', () => {
  it('names architectures, or generic code with the architectures that also export it', () => {
    expect(whereText([{ file: 'arch/x86/a.c' }])).toBe('x86 only');
    expect(whereText([{ file: 'arch/x86/a.c' }, { file: 'arch/arm64/a.c' }, { file: 'arch/s390/b.c' }])).toBe('arm64, s390 and x86 only');
    expect(whereText([{ file: 'mm/a.c' }])).toBe('generic code');
    expect(whereText([{ file: 'mm/a.c' }, { file: 'arch/powerpc/a.c' }])).toBe('generic code, powerpc');
  });
});

describe('namespaceListings', () => {
  const mechanisms = [
    mechanism('dma-buf', { namespace: 'DMA_BUF', types: ['EXPORT_SYMBOL_NS_GPL'] }),
    mechanism('generic', { namespace: 'module:<list>' }),
  ];
  const list = namespaceListings([OLD, LATEST], RECORDS, mechanisms, everyPage);
  const byName = (name: string) => list.find((n) => n.name === name)!;

  it('has every namespace of the latest snapshot, alternatives each, then the module groups', () => {
    expect(list.map((n) => n.name)).toEqual(['ACPI', 'CXL', 'DMA_BUF', 'module:kvm,${KVM_SUB_MODULES}', 'module:kvm']);
    expect(list.map((n) => n.kind)).toEqual(['namespace', 'namespace', 'namespace', 'modules', 'modules']);
    // A namespace only an older snapshot has gets no page.
    expect(byName('OLD_NS')).toBeUndefined();
  });

  it('lists each namespace symbol with its licence, and alternatives with "depends on configuration"', () => {
    expect(byName('DMA_BUF').symbols.map((s) => [s.symbol, s.notes])).toEqual([
      ['dma_buf_get', ['GPL-only']],
      ['dma_buf_put', ['GPL-only']],
    ]);
    for (const ns of ['ACPI', 'CXL'])
      expect(byName(ns).symbols.map((s) => [s.symbol, s.notes])).toEqual([['fw_table_parse', ['GPL-only', 'depends on configuration']]]);
  });

  it('groups module-restricted exports by module list, with their records and where', () => {
    const kvm = byName('module:kvm');
    expect(kvm.modules).toEqual(['kvm']);
    expect(kvm.slug).toBe('module-kvm');
    expect(kvm.symbols.map((s) => [s.symbol, s.notes])).toEqual([['kvm_only', ['x86 only']]]);
    expect(kvm.records.map((r) => r.data.symbol)).toEqual(['kvm_rec']);
    const sub = byName('module:kvm,${KVM_SUB_MODULES}');
    expect(sub.modules).toEqual(['kvm', '${KVM_SUB_MODULES}']);
    expect(sub.symbols.map((s) => s.symbol)).toEqual(['kvm_vcpu_thing']);
    expect(sub.imports).toEqual([]);
    // The page's words, never the placeholder.
    expect(moduleGroupTitle(sub.modules!)).toBe(
      "Exports restricted to KVM and its vendor modules (the modules that KVM_SUB_MODULES lists in the build's configuration)",
    );
    expect(moduleGroupTitle(kvm.modules!)).toBe('Exports restricted to the module kvm');
    expect(describeModules(['${KVM_SUB_MODULES}'])).toBe("the modules that KVM_SUB_MODULES lists in the build's configuration");
    expect(describeModules(['kvm', 'kvm-amd', 'kvm-intel'])).toBe('KVM and its vendor modules (kvm-amd, kvm-intel)');
  });

  it('links records and identifier-named mechanisms to their namespace', () => {
    expect(byName('DMA_BUF').records.map((r) => r.data.symbol)).toEqual(['dma_buf_get']);
    expect(byName('DMA_BUF').mechanisms.map((m) => m.id)).toEqual(['dma-buf']);
  });

  it("gives the MODULE_IMPORT_NS line in each committed release's syntax where the namespace exists", () => {
    expect(byName('DMA_BUF').imports).toEqual([
      { release: 'v6.1', line: 'MODULE_IMPORT_NS(DMA_BUF);' },
      { release: 'v6.19', line: 'MODULE_IMPORT_NS("DMA_BUF");' },
    ]);
    expect(byName('CXL').imports).toEqual([{ release: 'v6.19', line: 'MODULE_IMPORT_NS("CXL");' }]);
    expect(importLines('FOO')).toEqual([
      { since: 'v6.13', line: 'MODULE_IMPORT_NS("FOO");' },
      { since: 'before v6.13', line: 'MODULE_IMPORT_NS(FOO);' },
    ]);
  });

  it('keeps a namespace only a record names, with no symbols', () => {
    const withRecord = namespaceListings(
      [LATEST],
      [...RECORDS, record({ symbol: 'x', type: 'EXPORT_SYMBOL_NS', namespace: 'REC_ONLY', status: 'testing' })],
      [],
      everyPage,
    );
    const ns = withRecord.find((n) => n.name === 'REC_ONLY')!;
    expect(ns.symbols).toEqual([]);
    expect(ns.imports).toEqual([]);
    expect(ns.records.map((r) => r.data.symbol)).toEqual(['x']);
  });

  it('builds pages whose URLs match the links record pages make', () => {
    const paths = sitePaths('/');
    for (const ns of list) expect(paths.namespace(ns.name)).toBe(`/namespaces/${ns.slug}/`);
    expect(paths.namespace('module:kvm')).toBe('/namespaces/module-kvm/');
  });

  it('refuses two namespaces that would share a page', () => {
    const clash = snapshot('6.19.0', ['a EXPORT_SYMBOL_NS_GPL FOO_BAR x.c 1', 'b EXPORT_SYMBOL_NS_GPL foo_bar y.c 1']);
    expect(() => namespaceListings([clash], [], [], everyPage)).toThrow(
      /namespaces (FOO_BAR and foo_bar|foo_bar and FOO_BAR) would share the page \/namespaces\/foo_bar\//,
    );
  });
});

describe('azIndex', () => {
  const letters = azIndex(LATEST, RECORDS, everyPage);

  it('has every symbol of the latest snapshot and every record, by letter, leading underscores ignored', () => {
    expect(letters.map((l) => l.letter)).toEqual(['D', 'F', 'G', 'I', 'K', 'P', 'V', '#']);
    expect(letters.find((l) => l.letter === 'K')!.entries.map((e) => e.symbol)).toEqual([
      'kernel_fpu_end',
      '__kmalloc_node',
      'kvm_only',
      'kvm_rec',
      'kvm_vcpu_thing',
    ]);
    expect(letters.at(-1)!.entries.map((e) => e.symbol)).toEqual(['9p_fid_ref']);
    const listed = new Set(letters.flatMap((l) => l.entries.map((e) => e.symbol)));
    for (const row of LATEST.rows) expect(listed.has(row.symbol), row.symbol).toBe(true);
    for (const r of RECORDS) expect(listed.has(r.data.symbol), r.data.symbol).toBe(true);
  });

  it('marks records with their tier, and gives each symbol its export types', () => {
    const all = letters.flatMap((l) => l.entries);
    const get = (s: string) => all.find((e) => e.symbol === s)!;
    expect(get('vmalloc')).toEqual({
      symbol: 'vmalloc',
      page: true,
      types: ['EXPORT_SYMBOL'],
      tier: 'stable',
      recordType: 'EXPORT_SYMBOL',
    });
    expect(get('gone_now')).toEqual({ symbol: 'gone_now', page: true, types: [], tier: 'removed', recordType: 'unexported' });
    expect(get('pm_power_off')).toEqual({ symbol: 'pm_power_off', page: true, types: ['EXPORT_SYMBOL', 'EXPORT_SYMBOL_GPL'] });
  });
});

describe('paginate', () => {
  const items = Array.from({ length: 2100 }, (_, i) => `s${String(i).padStart(4, '0')}`);

  it('splits into pages of at most the size, as even as possible, with the first and last symbol of each', () => {
    const pages = paginate(items, 1000, (s) => s);
    expect(pages.map((p) => p.items.length)).toEqual([700, 700, 700]);
    expect(pages.map((p) => [p.number, p.first, p.last])).toEqual([
      [1, 's0000', 's0699'],
      [2, 's0700', 's1399'],
      [3, 's1400', 's2099'],
    ]);
    expect(pages.flatMap((p) => p.items)).toEqual(items);
  });

  it('gives one page for a short or empty listing', () => {
    expect(paginate(items.slice(0, 3), 1000, (s) => s)).toEqual([{ number: 1, items: items.slice(0, 3), first: 's0000', last: 's0002' }]);
    expect(paginate([], 1000, (s: string) => s)).toEqual([{ number: 1, items: [], first: '', last: '' }]);
  });
});

describe('sortBySymbol', () => {
  it('sorts as compareSymbols does', () => {
    const names = ['b', '__a', 'A', '_a', 'a_b', 'Ab', '9x', '$$divI', 'a'];
    expect(sortBySymbol(names, (s) => s)).toEqual([...names].sort(compareSymbols));
  });
});

describe('the home page counts', () => {
  it('counts exported symbols per type in the latest snapshot beside the records', () => {
    const listings = buildListings([OLD, LATEST], RECORDS, [], everyPage);
    expect(listings.release).toBe('v6.19');
    expect(listings.symbolCount).toBe(11);
    expect(typeCountTable(listings.types, RECORDS)).toEqual([
      { type: 'EXPORT_SYMBOL', exported: 5, records: 1 },
      { type: 'EXPORT_SYMBOL_GPL', exported: 3, records: 0 },
      { type: 'EXPORT_SYMBOL_NS', exported: 0, records: 0 },
      { type: 'EXPORT_SYMBOL_NS_GPL', exported: 3, records: 1 },
      { type: 'EXPORT_SYMBOL_FOR_MODULES', exported: 2, records: 1 },
      { type: 'unexported', exported: undefined, records: 1 },
    ]);
  });

  it('is empty without snapshots', () => {
    const listings = buildListings([], RECORDS, [], everyPage);
    expect(listings).toMatchObject({ release: '', symbolCount: 0 });
    expect(
      listings.letters
        .flatMap((l) => l.entries)
        .map((e) => e.symbol)
        .sort(),
    ).toEqual(['dma_buf_get', 'gone_now', 'kvm_rec', 'vmalloc']);
  });
});
