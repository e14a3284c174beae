// Issue 17, class 8: wrong input is recognised. check-module reads a .ko's undefined symbols itself
// (ELF32/ELF64, either byte order; weak undefined ones are not required) and refuses other binaries
// saying what to run; scheme-relative links in record bodies are off-site links.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readElfUndefinedSymbols, ElfError } from '../../src/lib/elf-symbols.ts';
import { ModuleInputError, readModuleInput } from '../../src/lib/check-module.ts';
import { parseRecordFile } from '../../src/lib/records/parse.ts';
import { sitePaths } from '../../src/lib/urls.ts';
import { runScriptHere, tempDir } from '../validate/helpers.ts';
import { validRecord, E } from '../validate/corpus-rows.ts';
import { writeElf, type ElfSymbolSpec } from './elf-writer.ts';

const SYMBOLS: ElfSymbolSpec[] = [
  { name: 'module_local', bind: 0, shndx: 0 },
  { name: 'kmalloc_caches', bind: 1, shndx: 0 },
  { name: 'init_module', bind: 1, shndx: 2 },
  { name: 'weak_hook', bind: 2, shndx: 0 },
  { name: 'snapshot_only', bind: 1, shndx: 0 },
  { name: 'defined_weak', bind: 2, shndx: 3 },
];

describe('ELF modules', () => {
  it.each([
    [64, 'little'],
    [64, 'big'],
    [32, 'little'],
    [32, 'big'],
  ] as const)('ELF%i %s-endian: the global undefined symbols, as nm -u lists U', (elfClass, endian) => {
    const elf = readElfUndefinedSymbols(writeElf({ class: elfClass, endian, symbols: SYMBOLS }));
    expect(elf).toMatchObject({ type: 'relocatable', class: elfClass, endian, weak: 1 });
    expect(elf.undefined).toEqual([
      { name: 'kmalloc_caches', index: 2 },
      { name: 'snapshot_only', index: 5 },
    ]);
    const input = readModuleInput(writeElf({ class: elfClass, endian, symbols: SYMBOLS }), 'foo.ko');
    expect(input.symbols.map((s) => s.symbol)).toEqual(['kmalloc_caches', 'snapshot_only']);
    expect(input.symbols[0]!.reported).toEqual([{ form: 'elf', line: 2 }]);
  });

  it('a truncated or corrupt ELF file is an error naming what is wrong, never a wrong read', () => {
    const good = writeElf({ class: 64, endian: 'little', symbols: SYMBOLS });
    for (const cut of [10, 40, 70, good.length - 10]) expect(() => readElfUndefinedSymbols(good.slice(0, cut))).toThrow(ElfError);
    const corrupt = good.slice();
    new DataView(corrupt.buffer).setBigUint64(0x28, 0xffffffffffn, true); // e_shoff far outside
    expect(() => readElfUndefinedSymbols(corrupt)).toThrow(/outside the file/);
    expect(() => readModuleInput(corrupt, 'foo.ko')).toThrow(ModuleInputError);
  });

  it('npm run check-module -- foo.ko checks the module file itself', async () => {
    const dir = tempDir();
    const ko = path.join(dir, 'foo.ko');
    fs.writeFileSync(ko, writeElf({ class: 64, endian: 'little', symbols: SYMBOLS }));
    const result = await runScriptHere('scripts/check-module.ts', [ko, '--root', path.resolve('tests/fixtures/repo'), '--format', 'json']);
    const json = JSON.parse(result.stdout) as { input: string; symbols: { symbol: string }[] };
    expect(json.input).toBe('the module file');
    expect(json.symbols.map((s) => s.symbol)).toEqual(['kmalloc_caches', 'snapshot_only']);
  });
});

describe('other binaries are refused with what to run instead (exit 2)', () => {
  const HOW = 'run nm -u foo.ko and pass its output (or pass the .ko module itself)';
  it.each([
    [
      'an ELF executable',
      writeElf({ class: 64, endian: 'little', type: 2, symbols: SYMBOLS }),
      `is an ELF executable, not a kernel module (a .ko is a relocatable object); ${HOW}`,
    ],
    [
      'an ELF shared object',
      writeElf({ class: 64, endian: 'little', type: 3, symbols: SYMBOLS }),
      `is an ELF shared object, not a kernel module (a .ko is a relocatable object); ${HOW}`,
    ],
    [
      'an xz-compressed module',
      Uint8Array.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 1, 2, 3]),
      `is xz-compressed; decompress it first (xz -dk foo.ko.xz) or ${HOW}`,
    ],
    [
      'a zstd-compressed module',
      Uint8Array.from([0x28, 0xb5, 0x2f, 0xfd, 1, 2]),
      `is zstd-compressed; decompress it first (zstd -d foo.ko.zst) or ${HOW}`,
    ],
    [
      'a gzip-compressed module',
      Uint8Array.from([0x1f, 0x8b, 8, 0]),
      `is gzip-compressed; decompress it first (gzip -dk foo.ko.gz) or ${HOW}`,
    ],
    ['binary data', Uint8Array.from([0x55, 0x20, 0x6b, 0x00, 0x01, 0xff]), `is a binary file, not text; ${HOW}`],
    ['invalid UTF-8', Uint8Array.from([0x55, 0x20, 0xc3, 0x28]), `is a binary file, not text; ${HOW}`],
  ])('%s', async (_, bytes, message) => {
    expect(() => readModuleInput(bytes, 'input.bin')).toThrow(`input.bin ${message}`);
    const dir = tempDir();
    const file = path.join(dir, 'input.bin');
    fs.writeFileSync(file, bytes);
    const result = await runScriptHere('scripts/check-module.ts', [file]);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toBe(`check-module: ${file} ${message}\n`);
  });

  it('/bin/ls (the mistake of passing a program) says what to run', async () => {
    if (!fs.existsSync('/bin/ls')) return;
    const result = await runScriptHere('scripts/check-module.ts', ['/bin/ls']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^check-module: \/bin\/ls is an ELF (executable|shared object), not a kernel module .*nm -u foo\.ko/);
  });
});

describe('scheme-relative links in record bodies are off-site links', () => {
  it.each(['//evil.example/path', '/\\evil.example/path', 'https://example.org/', 'HTTP://example.org/'])(
    '%s gets the external rel',
    (url) => {
      const parsed = parseRecordFile(
        `${E}/links.mdx`,
        Buffer.from(validRecord('links', `## What was decided\n\nSee [there](${url}).\n`)),
        sitePaths('/'),
      );
      expect(parsed.problems).toEqual([]);
      expect(parsed.html).toMatch(/<a href="[^"]*" rel="nofollow noopener">there<\/a>/);
    },
  );

  it('a site-relative link stays internal', () => {
    const parsed = parseRecordFile(
      `${E}/links.mdx`,
      Buffer.from(validRecord('links', '## What was decided\n\nSee [home](/symbols/).\n')),
      sitePaths('/'),
    );
    expect(parsed.html).toContain('<a href="/symbols/">home</a>');
  });
});
