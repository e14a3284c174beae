// The module checker's input: a module's undefined symbols as `nm -u foo.ko` prints them, as a plain
// list, as modpost's (or the module loader's) complaints, or read from the .ko itself (ELF). Bounded:
// the input's size, its lines, each line's length and the distinct symbols have limits, each refused
// with a ModuleInputError naming the line; every pattern runs in time linear in the line (a literal
// is found first, then short anchored matches). No Node imports: the /check-module/ page uses it too.
import { readElfUndefinedSymbols, ElfError, isElf } from './elf-symbols.ts';

export type ReportForm =
  | 'nm' // `nm -u foo.ko`: "                 U kmalloc_caches"
  | 'list' // one symbol per line
  | 'modpost-gpl' // ERROR: modpost: GPL-incompatible module foo.ko uses GPL-only symbol 'bar'
  | 'modpost-namespace' // ERROR: modpost: module foo uses symbol baz from namespace DMA_BUF, but does not import it.
  | 'modpost-undefined' // ERROR: modpost: "sym" [path/foo.ko] undefined!
  | 'loader-namespace' // foo: module uses symbol (baz) from namespace DMA_BUF, but does not import it.
  | 'loader-unknown' // foo: Unknown symbol bar (err -2)
  | 'elf'; // the module file itself: an undefined global symbol of its .symtab

/** What one line of the input said about a symbol. */
export interface Reported {
  form: ReportForm;
  /** 1-based line of the input (for 'elf', the symbol's index in .symtab). */
  line: number;
  module?: string;
  /** The namespace modpost or the loader named. */
  namespace?: string;
}

export interface ModuleInput {
  /** Each symbol once, in the order first seen. */
  symbols: { symbol: string; reported: Reported[] }[];
  /** Non-empty lines that named no symbol (build chatter in a pasted log). */
  ignored: number;
}

/**
 * Far above what a module or a build log needs (a module links against hundreds of symbols, the
 * kernel exports about 40,000), far below what makes the check or the page slow.
 */
export const MODULE_INPUT_LIMITS = {
  /** Characters of text (a .ko file may be larger: only its symbol table is read). */
  chars: 16 * 1024 * 1024,
  /** Bytes of a .ko file. */
  elfBytes: 256 * 1024 * 1024,
  lines: 100_000,
  lineChars: 65_536,
  symbols: 50_000,
} as const;

/** Input that cannot be checked: too large, binary, a long line. `line` when one line is the reason. */
export class ModuleInputError extends Error {
  readonly line?: number;
  constructor(message: string, line?: number) {
    super(message);
    this.name = 'ModuleInputError';
    this.line = line;
  }
}

const n = (count: number) => count.toLocaleString('en-US');

const SYMBOL = String.raw`[A-Za-z_$][A-Za-z0-9_$.]*`;
const SYMBOL_ONLY = new RegExp(`^${SYMBOL}$`);
/** Sticky patterns: tried only where a literal was found. */
const sticky = (source: string) => new RegExp(source, 'y');

type Pick = { symbol: string; module?: string; namespace?: string };

/** The whitespace-free token that ends right before `end` (where `line.slice(0, end)` ends). */
function tokenBefore(line: string, end: number): string | undefined {
  let start = end;
  while (start > 0 && !/\s/.test(line[start - 1]!)) start--;
  return start < end ? line.slice(start, end) : undefined;
}

/** Where a token ending at `end` starts. */
function tokenStart(line: string, end: number): number {
  let start = end;
  while (start > 0 && !/\s/.test(line[start - 1]!)) start--;
  return start;
}

/** "<module>: " right before `at`, as the loader and dmesg write it. */
function moduleBeforeColon(line: string, at: number): string | undefined {
  if (line.slice(at - 2, at) !== ': ') return undefined;
  return tokenBefore(line, at - 2);
}

const GPL_AFTER = sticky(String.raw`(${SYMBOL})'`);
const NS_AFTER = sticky(String.raw`(${SYMBOL}) from namespace (\S+?),? but does not import it`);
const LOADER_NS_AFTER = sticky(String.raw`(${SYMBOL})\) from namespace (\S+?),? but does not import it`);
const UNKNOWN_AFTER = sticky(String.raw`(${SYMBOL})(?: \(err [^)]*\))?\s*$`);
const NM_LINE = new RegExp(String.raw`^\s*(?:[0-9a-fA-F]+\s+)?U\s+(${SYMBOL})\s*$`);
const LIST_LINE = new RegExp(String.raw`^(?:${SYMBOL})(?:[\s,]+${SYMBOL})*,?$`);

const matchAt = (pattern: RegExp, line: string, at: number) => {
  pattern.lastIndex = at;
  return pattern.exec(line);
};

/** Each structured form: a literal it must contain, and how to read the line around it. */
const STRUCTURED: { form: ReportForm; literal: string; read: (line: string, at: number) => Pick | undefined }[] = [
  {
    form: 'modpost-gpl',
    literal: "uses GPL-only symbol '",
    read: (line, at) => {
      const m = matchAt(GPL_AFTER, line, at + "uses GPL-only symbol '".length);
      if (!m) return undefined;
      // "module foo.ko uses …" (the module is optional).
      const end = at - 1;
      const token = line[end] === ' ' ? tokenBefore(line, end) : undefined;
      const module = token && line.slice(0, tokenStart(line, end)).endsWith('module ') ? token.replace(/\.ko$/, '') : undefined;
      return { symbol: m[1]!, module };
    },
  },
  {
    form: 'loader-namespace',
    literal: 'module uses symbol (',
    read: (line, at) => {
      const m = matchAt(LOADER_NS_AFTER, line, at + 'module uses symbol ('.length);
      return m ? { symbol: m[1]!, module: moduleBeforeColon(line, at), namespace: m[2] } : undefined;
    },
  },
  {
    form: 'modpost-namespace',
    literal: ' uses symbol ',
    read: (line, at) => {
      const m = matchAt(NS_AFTER, line, at + ' uses symbol '.length);
      const module = tokenBefore(line, at);
      if (!m || !module || !line.slice(0, tokenStart(line, at)).endsWith('module ')) return undefined;
      return { symbol: m[1]!, module, namespace: m[2] };
    },
  },
  {
    form: 'modpost-undefined',
    literal: '] undefined!',
    read: (line, at) => {
      const open = line.lastIndexOf(' [', at);
      if (open < 2 || line[open - 1] !== '"' || open + 2 >= at) return undefined;
      const module = line.slice(open + 2, at);
      const quote = line.lastIndexOf('"', open - 2);
      const symbol = quote < 0 ? '' : line.slice(quote + 1, open - 1);
      return SYMBOL_ONLY.test(symbol) && !module.includes(']') ? { symbol, module } : undefined;
    },
  },
  {
    form: 'loader-unknown',
    literal: 'Unknown symbol ',
    read: (line, at) => {
      const m = matchAt(UNKNOWN_AFTER, line, at + 'Unknown symbol '.length);
      return m ? { symbol: m[1]!, module: moduleBeforeColon(line, at) } : undefined;
    },
  },
  {
    // nm -u prints "U name" (plain nm the same after an empty address). Weak undefined symbols ("w")
    // need no export: the loader leaves them NULL, so they are not taken.
    form: 'nm',
    literal: 'U',
    read: (line) => {
      const m = NM_LINE.exec(line);
      return m ? { symbol: m[1]!.replace(/\.(?:cold|part\.\d+|isra\.\d+|constprop\.\d+)$/, '') } : undefined;
    },
  },
];

/** A line holds a literal at most this many times before it is taken for noise. */
const MAX_TRIES_PER_LINE = 4;

function readStructured(line: string): { form: ReportForm; pick: Pick } | undefined {
  for (const { form, literal, read } of STRUCTURED) {
    let at = line.indexOf(literal);
    for (let tries = 0; at >= 0 && tries < MAX_TRIES_PER_LINE; tries++) {
      const pick = read(line, at);
      if (pick) return { form, pick };
      if (form === 'nm') break; // anchored at the start: one try
      at = line.indexOf(literal, at + 1);
    }
  }
  return undefined;
}

/**
 * Reads pasted text. Lines in one of the structured forms always count; plain symbol lists only when
 * nothing structured is there, so a word on its own line in a build log is not taken for a symbol.
 * Throws ModuleInputError beyond MODULE_INPUT_LIMITS.
 */
export function parseModuleInput(text: string): ModuleInput {
  if (text.length > MODULE_INPUT_LIMITS.chars) {
    throw new ModuleInputError(
      `the input is ${n(text.length)} characters; the limit is ${n(MODULE_INPUT_LIMITS.chars)} (give nm -u output or the modpost lines, not a whole build)`,
    );
  }
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  if (lines.length > MODULE_INPUT_LIMITS.lines) {
    throw new ModuleInputError(
      `the input has ${n(lines.length)} lines; the limit is ${n(MODULE_INPUT_LIMITS.lines)} (give nm -u output or the modpost lines, not a whole build)`,
    );
  }
  const structured: { symbol: string; reported: Reported }[] = [];
  const listed: { symbol: string; reported: Reported }[] = [];
  let unmatched = 0;
  lines.forEach((raw, i) => {
    if (raw.length > MODULE_INPUT_LIMITS.lineChars) {
      throw new ModuleInputError(
        `line ${n(i + 1)} is ${n(raw.length)} characters long; the limit is ${n(MODULE_INPUT_LIMITS.lineChars)}`,
        i + 1,
      );
    }
    const line = raw.trim();
    if (line === '') return;
    const found = readStructured(raw);
    if (found) {
      const { symbol, module, namespace } = found.pick;
      const reported: Reported = { form: found.form, line: i + 1 };
      if (module) reported.module = module;
      if (namespace) reported.namespace = namespace;
      structured.push({ symbol, reported });
      return;
    }
    if (LIST_LINE.test(line)) {
      for (const symbol of line.split(/[\s,]+/).filter(Boolean)) listed.push({ symbol, reported: { form: 'list', line: i + 1 } });
      return;
    }
    unmatched++;
  });
  const found = structured.length ? structured : listed;
  const ignored = unmatched + (structured.length ? new Set(listed.map((l) => l.reported.line)).size : 0);
  return { symbols: groupBySymbol(found), ignored };
}

function groupBySymbol(found: readonly { symbol: string; reported: Reported }[]): ModuleInput['symbols'] {
  const bySymbol = new Map<string, Reported[]>();
  for (const { symbol, reported } of found) {
    const list = bySymbol.get(symbol);
    if (list) list.push(reported);
    else {
      if (bySymbol.size >= MODULE_INPUT_LIMITS.symbols) {
        throw new ModuleInputError(
          `the input names more than ${n(MODULE_INPUT_LIMITS.symbols)} different symbols (line ${n(reported.line)}); a module links against a few hundred`,
          reported.line,
        );
      }
      bySymbol.set(symbol, [reported]);
    }
  }
  return [...bySymbol].map(([symbol, reported]) => ({ symbol, reported }));
}

/** What kind of input it was, for a heading: "a modpost log", "nm -u output", "a list". */
export function describeInput(input: ModuleInput): string {
  const forms = new Set(input.symbols.flatMap((s) => s.reported.map((r) => r.form)));
  if ([...forms].some((f) => f.startsWith('modpost'))) return 'a modpost log';
  if ([...forms].some((f) => f.startsWith('loader'))) return 'a module loader log';
  if (forms.has('elf')) return 'the module file';
  if (forms.has('nm')) return 'nm -u output';
  return 'a symbol list';
}

// ---------------------------------------------------------------------------------------------
// Files: a .ko is read directly; other binaries are refused with what to run instead.

const HOW = 'run nm -u foo.ko and pass its output (or pass the .ko module itself)';

/** Magic numbers of the compressions kernel modules are installed with. */
const COMPRESSED: { magic: number[]; name: string; tool: string }[] = [
  { magic: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], name: 'xz', tool: 'xz -dk foo.ko.xz' },
  { magic: [0x28, 0xb5, 0x2f, 0xfd], name: 'zstd', tool: 'zstd -d foo.ko.zst' },
  { magic: [0x1f, 0x8b], name: 'gzip', tool: 'gzip -dk foo.ko.gz' },
];

const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b);

/**
 * The module's undefined symbols from what a user gave: a relocatable ELF object (the .ko) is read
 * directly; other ELF files, compressed files and other binaries are refused saying what to run;
 * text is parsed by parseModuleInput. `name` is how messages call the input.
 */
export function readModuleInput(bytes: Uint8Array, name: string): ModuleInput {
  if (isElf(bytes)) {
    if (bytes.length > MODULE_INPUT_LIMITS.elfBytes)
      throw new ModuleInputError(`${name} is an ELF file of ${n(bytes.length)} bytes; the limit is ${n(MODULE_INPUT_LIMITS.elfBytes)}`);
    let elf;
    try {
      elf = readElfUndefinedSymbols(bytes);
    } catch (error) {
      if (error instanceof ElfError) throw new ModuleInputError(`${name}: ${error.message}; ${HOW}`);
      throw error;
    }
    if (elf.type !== 'relocatable') {
      throw new ModuleInputError(`${name} is an ELF ${elf.type}, not a kernel module (a .ko is a relocatable object); ${HOW}`);
    }
    const found = elf.undefined
      .filter((s) => SYMBOL_ONLY.test(s.name))
      .map((s) => ({ symbol: s.name, reported: { form: 'elf' as const, line: s.index } }));
    return { symbols: groupBySymbol(found), ignored: 0 };
  }
  const compressed = COMPRESSED.find((c) => startsWith(bytes, c.magic));
  if (compressed)
    throw new ModuleInputError(`${name} is ${compressed.name}-compressed; decompress it first (${compressed.tool}) or ${HOW}`);
  if (bytes.length > MODULE_INPUT_LIMITS.chars) {
    throw new ModuleInputError(
      `${name} is ${n(bytes.length)} bytes; the limit for text is ${n(MODULE_INPUT_LIMITS.chars)} (give nm -u output or the modpost lines, not a whole build)`,
    );
  }
  const text = decodeText(bytes);
  if (text === undefined) throw new ModuleInputError(`${name} is a binary file, not text; ${HOW}`);
  return parseModuleInput(text);
}

/** UTF-8 text without NUL bytes, or undefined for binary data. */
function decodeText(bytes: Uint8Array): string | undefined {
  if (bytes.includes(0)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
