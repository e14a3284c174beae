// The undefined symbols of an ELF object, read from its section headers, .symtab and .strtab: what
// `nm -u` lists for a kernel module (.ko). ELF32 and ELF64, little- and big-endian. Global undefined
// symbols are what the module needs; weak undefined ones are not required (the loader leaves them
// NULL), as the nm parsing treats "w". Every offset is checked against the file, so a truncated or
// hostile file is an ElfError, never a wrong read. No Node imports: plain Uint8Array and DataView.

export class ElfError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ElfError';
  }
}

export type ElfType = 'relocatable' | 'executable' | 'shared object' | 'core dump' | 'file of unknown type';

export interface ElfSymbols {
  type: ElfType;
  class: 32 | 64;
  endian: 'little' | 'big';
  /** Undefined global symbols, in symbol table order; `index` is the symbol's index in .symtab. */
  undefined: { name: string; index: number }[];
  /** How many undefined weak symbols were left out. */
  weak: number;
}

const MAGIC = [0x7f, 0x45, 0x4c, 0x46]; // \x7fELF
const SHT_SYMTAB = 2;
const SHN_UNDEF = 0;
const STB_GLOBAL = 1;
const STB_WEAK = 2;
/** Symbol tables larger than this are not a module's. */
const MAX_SYMBOLS = 4_000_000;
const MAX_SECTIONS = 1_000_000;

export function isElf(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && MAGIC.every((b, i) => bytes[i] === b);
}

const TYPES: Record<number, ElfType> = { 1: 'relocatable', 2: 'executable', 3: 'shared object', 4: 'core dump' };

export function readElfUndefinedSymbols(bytes: Uint8Array): ElfSymbols {
  if (!isElf(bytes)) throw new ElfError('not an ELF file');
  if (bytes.length < 52) throw new ElfError('truncated ELF header');
  const elfClass = bytes[4] === 1 ? 32 : bytes[4] === 2 ? 64 : undefined;
  const endian = bytes[5] === 1 ? 'little' : bytes[5] === 2 ? 'big' : undefined;
  if (!elfClass) throw new ElfError(`unknown ELF class ${bytes[4]}`);
  if (!endian) throw new ElfError(`unknown ELF data encoding ${bytes[5]}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const little = endian === 'little';
  const is64 = elfClass === 64;
  const check = (offset: number, size: number, what: string) => {
    if (!Number.isSafeInteger(offset) || offset < 0 || offset + size > bytes.length)
      throw new ElfError(`truncated or malformed ELF file (${what} lies outside the file)`);
  };
  const u16 = (offset: number) => (check(offset, 2, 'a field'), view.getUint16(offset, little));
  const u32 = (offset: number) => (check(offset, 4, 'a field'), view.getUint32(offset, little));
  const addr = (offset: number) => {
    if (!is64) return u32(offset);
    check(offset, 8, 'a field');
    const value = view.getBigUint64(offset, little);
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new ElfError('truncated or malformed ELF file (an offset is out of range)');
    return Number(value);
  };
  if (is64 && bytes.length < 64) throw new ElfError('truncated ELF header');
  const type = TYPES[u16(16)] ?? 'file of unknown type';
  const shoff = addr(is64 ? 0x28 : 0x20);
  const shentsize = u16(is64 ? 0x3a : 0x2e);
  let shnum = u16(is64 ? 0x3c : 0x30);
  const result: ElfSymbols = { type, class: elfClass, endian, undefined: [], weak: 0 };
  if (shoff === 0) return result; // no section headers: no symbol table
  if (shentsize < (is64 ? 64 : 40)) throw new ElfError(`malformed ELF file (section header size ${shentsize})`);
  // Extended numbering: more than 0xff00 sections keep their count in section 0's sh_size.
  if (shnum === 0) shnum = addr(shoff + (is64 ? 32 : 20));
  if (shnum > MAX_SECTIONS) throw new ElfError(`malformed ELF file (${shnum} sections)`);
  check(shoff, shnum * shentsize, 'the section header table');

  const section = (index: number) => {
    const base = shoff + index * shentsize;
    return is64
      ? { type: u32(base + 4), offset: addr(base + 24), size: addr(base + 32), link: u32(base + 40), entsize: addr(base + 56) }
      : { type: u32(base + 4), offset: u32(base + 16), size: u32(base + 20), link: u32(base + 24), entsize: u32(base + 36) };
  };
  for (let i = 0; i < shnum; i++) {
    const symtab = section(i);
    if (symtab.type !== SHT_SYMTAB) continue;
    const entsize = symtab.entsize || (is64 ? 24 : 16);
    if (entsize < (is64 ? 24 : 16)) throw new ElfError(`malformed ELF file (symbol size ${entsize})`);
    if (symtab.link >= shnum) throw new ElfError('malformed ELF file (the symbol table names no string table)');
    const strtab = section(symtab.link);
    check(symtab.offset, symtab.size, 'the symbol table');
    check(strtab.offset, strtab.size, 'the string table');
    const count = Math.floor(symtab.size / entsize);
    if (count > MAX_SYMBOLS) throw new ElfError(`malformed ELF file (${count} symbols)`);
    const name = (offset: number) => {
      if (offset >= strtab.size) throw new ElfError('truncated or malformed ELF file (a symbol name lies outside the string table)');
      const start = strtab.offset + offset;
      const limit = strtab.offset + strtab.size;
      let end = start;
      while (end < limit && bytes[end] !== 0) end++;
      return new TextDecoder('latin1').decode(bytes.subarray(start, end));
    };
    for (let k = 1; k < count; k++) {
      const base = symtab.offset + k * entsize;
      const info = is64 ? bytes[base + 4]! : bytes[base + 12]!;
      const shndx = u16(base + (is64 ? 6 : 14));
      if (shndx !== SHN_UNDEF) continue;
      const bind = info >> 4;
      if (bind === STB_WEAK) {
        result.weak++;
        continue;
      }
      if (bind !== STB_GLOBAL) continue;
      const symbol = name(u32(base));
      if (symbol !== '') result.undefined.push({ name: symbol, index: k });
    }
    break; // an object has one .symtab
  }
  return result;
}
