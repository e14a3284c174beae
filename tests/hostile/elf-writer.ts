// A tiny ELF writer for tests: a relocatable object (like a .ko) with a .symtab, its .strtab and a
// .shstrtab, in either class and byte order. Nothing from the kernel: just the bytes readelf expects.

export interface ElfSymbolSpec {
  name: string;
  /** 0 local, 1 global, 2 weak. */
  bind: 0 | 1 | 2;
  /** 0 (SHN_UNDEF) for an undefined symbol; otherwise a defined one. */
  shndx: number;
}

export function writeElf(options: { class: 32 | 64; endian: 'little' | 'big'; type?: number; symbols: ElfSymbolSpec[] }): Uint8Array {
  const is64 = options.class === 64;
  const little = options.endian === 'little';
  const ehsize = is64 ? 64 : 52;
  const shentsize = is64 ? 64 : 40;
  const symsize = is64 ? 24 : 16;
  const enc = new TextEncoder();
  // .strtab: "\0name\0name\0…"
  const strtabParts = [0];
  const nameOffsets: number[] = [];
  for (const s of options.symbols) {
    nameOffsets.push(strtabParts.length);
    strtabParts.push(...enc.encode(s.name), 0);
  }
  const strtab = Uint8Array.from(strtabParts);
  const shstrtab = enc.encode('\0.symtab\0.strtab\0.shstrtab\0');
  const symtabSize = symsize * (options.symbols.length + 1);
  const symtabOffset = ehsize;
  const strtabOffset = symtabOffset + symtabSize;
  const shstrtabOffset = strtabOffset + strtab.length;
  const shoff = (shstrtabOffset + shstrtab.length + 7) & ~7;
  const shnum = 4; // null, .symtab, .strtab, .shstrtab
  const bytes = new Uint8Array(shoff + shnum * shentsize);
  const view = new DataView(bytes.buffer);
  const u16 = (o: number, v: number) => view.setUint16(o, v, little);
  const u32 = (o: number, v: number) => view.setUint32(o, v, little);
  const word = (o: number, v: number) => (is64 ? view.setBigUint64(o, BigInt(v), little) : view.setUint32(o, v, little));
  bytes.set([0x7f, 0x45, 0x4c, 0x46, is64 ? 2 : 1, little ? 1 : 2, 1], 0);
  u16(16, options.type ?? 1); // ET_REL
  u16(18, is64 ? 62 : 3); // x86-64 / i386
  u32(20, 1);
  word(is64 ? 0x28 : 0x20, shoff);
  u16(is64 ? 0x34 : 0x28, ehsize);
  u16(is64 ? 0x3a : 0x2e, shentsize);
  u16(is64 ? 0x3c : 0x30, shnum);
  u16(is64 ? 0x3e : 0x32, 3);
  options.symbols.forEach((s, i) => {
    const base = symtabOffset + (i + 1) * symsize;
    u32(base, nameOffsets[i]!);
    const info = (s.bind << 4) | 0; // STT_NOTYPE
    if (is64) {
      bytes[base + 4] = info;
      u16(base + 6, s.shndx);
    } else {
      bytes[base + 12] = info;
      u16(base + 14, s.shndx);
    }
  });
  bytes.set(strtab, strtabOffset);
  bytes.set(shstrtab, shstrtabOffset);
  const section = (index: number, name: number, type: number, offset: number, size: number, link: number, entsize: number) => {
    const base = shoff + index * shentsize;
    u32(base, name);
    u32(base + 4, type);
    if (is64) {
      word(base + 24, offset);
      word(base + 32, size);
      u32(base + 40, link);
      word(base + 56, entsize);
    } else {
      u32(base + 16, offset);
      u32(base + 20, size);
      u32(base + 24, link);
      u32(base + 36, entsize);
    }
  };
  section(1, 1, 2, symtabOffset, symtabSize, 2, symsize); // .symtab -> .strtab
  section(2, 9, 3, strtabOffset, strtab.length, 0, 0); // .strtab
  section(3, 17, 3, shstrtabOffset, shstrtab.length, 0, 0); // .shstrtab
  return bytes;
}
