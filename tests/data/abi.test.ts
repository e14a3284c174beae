// The Documentation/ABI format: exact rendering, parsing of kernel-style text, round trips.
import { describe, expect, it } from 'vitest';
import { AbiParseError, parseAbi, recordAbiEntry, renderAbi, renderAbiEntry, tierAbi, type AbiEntry } from '../../src/lib/abi.ts';
import { loadRecords } from '../../src/lib/records/load.ts';
import { REPO_ROOT } from '../../src/lib/project.ts';
import { sitePaths } from '../../src/lib/urls.ts';
import { TIERS } from '../../src/lib/vocabulary.ts';
import type { RecordData } from '../../src/lib/schema.ts';

const realRecords = (): RecordData[] =>
  loadRecords(REPO_ROOT, sitePaths('/')).map((p) => {
    expect(p.problems, p.file).toEqual([]);
    return p.data!;
  });

describe('rendering an ABI entry', () => {
  it('aligns tags with tabs, starts Description on its own line and indents values with two tabs', () => {
    const entry: AbiEntry = {
      what: ['sym_a', 'sym_b'],
      date: '2020-02-21',
      kernelVersion: '5.7',
      contact: 'linux-mm@kvack.org',
      description: 'First line.\nSecond line.\n\nNew paragraph.\n  indented detail',
      users: 'tool one\ntool two',
    };
    expect(renderAbiEntry(entry)).toBe(
      'What:\t\tsym_a\nWhat:\t\tsym_b\nDate:\t\t2020-02-21\nKernelVersion:\t5.7\nContact:\tlinux-mm@kvack.org\n' +
        'Description:\n\t\tFirst line.\n\t\tSecond line.\n\n\t\tNew paragraph.\n\t\t  indented detail\n' +
        'Users:\t\ttool one\n\t\ttool two\n',
    );
    expect(renderAbi([])).toBe('');
  });

  it('refuses values it could not give back unchanged', () => {
    expect(() => renderAbiEntry({ what: [] })).toThrow('at least one What:');
    expect(() => renderAbiEntry({ what: ['a b\nc'] })).toThrow('What: must be one non-empty line');
    expect(() => renderAbiEntry({ what: ['a'], description: 'trailing \nspace' })).toThrow(
      'Description: lines must not end with blank space',
    );
    expect(() => renderAbiEntry({ what: ['a'], users: 'x\n  y' })).toThrow('Users: continuation lines must not be indented');
    expect(() => renderAbiEntry({ what: ['a'], contact: ' x' })).toThrow('Contact: value must not start or end with blank space');
  });

  it('writes a record with its facts, history, threads and page', () => {
    const [record] = realRecords().filter((r) => r.symbol === 'alloc_pages_vma');
    const entry = recordAbiEntry(record!, 'https://example.org/symbols/alloc_pages_vma/');
    expect(entry.what).toEqual(['alloc_pages_vma']);
    expect(entry.date).toBe('2019-06-26');
    expect(entry.kernelVersion).toBe('5.3');
    expect(entry.description).toContain(
      '\n\nExport: unexported. Not available to modules.\nTier: removed. The function was deleted in 5.19;',
    );
    expect(entry.description).toContain('Use instead: vma_alloc_folio.');
    expect(entry.description).toContain('\n\nThreads:\n- https://lore.kernel.org/r/20190613094326.24093-6-hch@lst.de (patch)\n');
    expect(entry.description!.endsWith('\n\nRecord: https://example.org/symbols/alloc_pages_vma/')).toBe(true);
    for (const line of entry.description!.split('\n')) if (!line.includes('https://')) expect(line.length, line).toBeLessThanOrEqual(66);
  });
});

describe('parsing the ABI format', () => {
  it('reads kernel-style text: several What: lines, a Description starting on its tag line, paragraphs, wrapped Users', () => {
    const text = [
      'What:\t\t/sys/class/example/foo',
      'What:\t\t/sys/class/example/bar',
      'Date:\t\tMarch 2020',
      'KernelVersion:\t5.7',
      'Contact:\tSome One <someone@example.org>',
      'Description:\tControls the thing.',
      '\t\tWriting 1 enables it;',
      '\t\twriting 0 disables it.',
      '',
      '\t\tReads return the current state.',
      'Users:\t\texample-tool,',
      '\t\tanother-tool',
      '',
      'What:           /sys/class/example/baz',
      'Date:\t\tApril 2021',
      'Contact:\tlinux-kernel@vger.kernel.org',
      'Description:',
      '        Only a description, indented with spaces.   ',
      '',
      '',
    ].join('\n');
    expect(parseAbi(text)).toEqual([
      {
        what: ['/sys/class/example/foo', '/sys/class/example/bar'],
        date: 'March 2020',
        kernelVersion: '5.7',
        contact: 'Some One <someone@example.org>',
        description: 'Controls the thing.\nWriting 1 enables it;\nwriting 0 disables it.\n\nReads return the current state.',
        users: 'example-tool,\nanother-tool',
      },
      {
        what: ['/sys/class/example/baz'],
        date: 'April 2021',
        contact: 'linux-kernel@vger.kernel.org',
        description: 'Only a description, indented with spaces.',
      },
    ]);
  });

  it('keeps entries with only What: lines apart when a blank line separates them', () => {
    expect(parseAbi('What:\t\ta\n\nWhat:\t\tb\nWhat:\t\tc\n')).toEqual([{ what: ['a'] }, { what: ['b', 'c'] }]);
  });

  it('names the line of anything that is not the format', () => {
    const error = (text: string) => {
      try {
        parseAbi(text, 'x.txt');
      } catch (e) {
        expect(e).toBeInstanceOf(AbiParseError);
        return (e as Error).message;
      }
      throw new Error('parsed');
    };
    expect(error('Date:\t\t2020\n')).toBe('x.txt:1: Date: before the first What:');
    expect(error('What:\t\ta\nNotes:\t\tx\n')).toBe(
      'x.txt:2: expected one of What:, Date:, KernelVersion:, Contact:, Description:, Users: at the start of the line (got "Notes:\t\tx")',
    );
    expect(error('What:\t\ta\nDate:\t\t1\nDate:\t\t2\n')).toBe('x.txt:3: Date: given twice in one entry');
    expect(error('\t\tstray\n')).toBe('x.txt:1: indented text outside an entry');
    expect(error('What:\t\ta\n\t\tmore\n')).toBe('x.txt:2: What: takes one line; continuation lines are not allowed');
    expect(error('What:\t\ta\nContact:\n')).toBe('x.txt:2: Contact: has no value');
    expect(error('What:\t\ta\nunindented text\n')).toMatch(/^x\.txt:2: expected one of/);
  });
});

describe('round trips', () => {
  it('parses back exactly what it rendered, for every real record in every tier', () => {
    const records = realRecords();
    let total = 0;
    for (const tier of TIERS) {
      const entries = tierAbi(records, tier, (s) => `https://example.org/base/symbols/${s}/`);
      total += entries.length;
      const text = renderAbi(entries);
      expect(parseAbi(text, `${tier}.txt`)).toEqual(entries.map((e) => JSON.parse(JSON.stringify(e))));
      expect(renderAbi(parseAbi(text))).toBe(text);
    }
    expect(total).toBe(records.length);
  });

  it('round-trips the edge cases: several What:, blank lines and indentation inside a Description, missing fields', () => {
    const entries: AbiEntry[] = [
      { what: ['a', 'b'] },
      { what: ['c'], description: 'one\n\n\ntwo\n    code\n\tx' },
      { what: ['d'], users: 'u1\nu2', contact: 'c' },
    ];
    expect(parseAbi(renderAbi(entries))).toEqual(entries);
  });
});
