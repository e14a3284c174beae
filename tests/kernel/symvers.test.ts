import { describe, expect, it } from 'vitest';
import { formatSnapshot, parseSnapshot } from '../../src/lib/kernel/snapshot.ts';
import { parseSymvers } from '../../src/lib/kernel/symvers.ts';

describe('parseSymvers', () => {
  it('reads the current layout, namespace last (5.10 on), empty namespaces included', () => {
    const text = [
      '0x6b8bd1ad\tprintk\tvmlinux\tEXPORT_SYMBOL\t',
      '0x1fa3b2c1\tusb_stor_suspend\tdrivers/usb/storage/usb-storage\tEXPORT_SYMBOL_GPL\tUSB_STORAGE',
      '0x00000000\tkvm_helper\tvmlinux\tEXPORT_SYMBOL_GPL\tmodule:kvm,kvm-intel',
      '',
    ].join('\n');
    expect(parseSymvers(text)).toEqual([
      { symbol: 'printk', macro: 'EXPORT_SYMBOL', namespace: '', file: 'vmlinux', line: 1 },
      {
        symbol: 'usb_stor_suspend',
        macro: 'EXPORT_SYMBOL_GPL',
        namespace: 'USB_STORAGE',
        file: 'drivers/usb/storage/usb-storage',
        line: 2,
      },
      { symbol: 'kvm_helper', macro: 'EXPORT_SYMBOL_GPL', namespace: 'module:kvm,kvm-intel', file: 'vmlinux', line: 3 },
    ]);
  });

  it('reads the 5.4–5.9 layout, namespace third', () => {
    const text = '0x1\tfoo_probe\tFOO_NS\tdrivers/foo/foo\tEXPORT_SYMBOL_GPL\r\n0x2\tbar\t\tvmlinux\tEXPORT_SYMBOL\r\n';
    expect(parseSymvers(text)).toEqual([
      { symbol: 'foo_probe', macro: 'EXPORT_SYMBOL_GPL', namespace: 'FOO_NS', file: 'drivers/foo/foo', line: 1 },
      { symbol: 'bar', macro: 'EXPORT_SYMBOL', namespace: '', file: 'vmlinux', line: 2 },
    ]);
  });

  it('reads the layout before namespaces (four columns)', () => {
    expect(parseSymvers('0xdeadbeef\told_fn\tfs/ext4/ext4\tEXPORT_SYMBOL_GPL_FUTURE\n')).toEqual([
      { symbol: 'old_fn', macro: 'EXPORT_SYMBOL_GPL_FUTURE', namespace: '', file: 'fs/ext4/ext4', line: 1 },
    ]);
  });

  it('gives rows that format and parse back as a snapshot', () => {
    const rows = parseSymvers('0x1\tb_fn\tvmlinux\tEXPORT_SYMBOL\t\n0x2\ta_fn\tdrivers/a/a\tEXPORT_SYMBOL_GPL\tA_NS\n');
    const text = formatSnapshot({ version: '', source: 'source: test', rows });
    expect(text).toBe(
      '# source: test\nsymbol\tmacro\tnamespace\tfile\tline\na_fn\tEXPORT_SYMBOL_GPL\tA_NS\tdrivers/a/a\t2\nb_fn\tEXPORT_SYMBOL\t\tvmlinux\t1\n',
    );
    expect(parseSnapshot(text).rows).toEqual([rows[1], rows[0]]);
  });

  it.each([
    ['0x1\tfoo\tvmlinux', 'Module.symvers:2: expected 4 or 5 tab-separated columns (CRC, symbol, module, export type, namespace), got 3'],
    [
      '0x1 foo vmlinux EXPORT_SYMBOL',
      'Module.symvers:2: expected 4 or 5 tab-separated columns (CRC, symbol, module, export type, namespace), got 1',
    ],
    ['crc\tfoo\tvmlinux\tEXPORT_SYMBOL\t', 'Module.symvers:2: CRC must be a hex number such as 0x1f2e3d4c (got "crc")'],
    ['0x1\tfoo bar\tvmlinux\tEXPORT_SYMBOL\t', 'Module.symvers:2: symbol must be an identifier (got "foo bar")'],
    ['0x1\tfoo\tvmlinux\tGPL\tNS', 'Module.symvers:2: no export type (EXPORT_…) in column 4 or 5 (got "GPL", "NS")'],
    ['0x1\tfoo\tvmlinux\tGPL', 'Module.symvers:2: column 4 must be the export type (EXPORT_…), got "GPL"'],
    ['0x1\tfoo\t\tEXPORT_SYMBOL\t', 'Module.symvers:2: module path is empty (vmlinux or a module path expected)'],
  ])('rejects %j with its line number', (bad, message) => {
    expect(() => parseSymvers(`0x1\tok\tvmlinux\tEXPORT_SYMBOL\t\n${bad}\n`)).toThrow(message);
  });
});
