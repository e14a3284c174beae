// Builds a fake kernel tree from snapshot rows: each row's export is written at its file and line among
// filler C, with the wrapper #defines and DEFAULT_SYMBOL_NAMESPACE lines needed to give back the same
// macro and namespace. Used to test the scanner against real data and to benchmark it at full size.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isCoreMacro, namespaceSource } from './core-macros.ts';
import type { KernelVersion } from './makefile-version.ts';
import type { ExportRow } from './snapshot.ts';

export interface SyntheticTreeOptions {
  rows: readonly ExportRow[];
  kernelVersion: KernelVersion;
  /** Namespaces as bare tokens, as before 6.13. */
  bareNamespaces?: boolean;
  /** Extra files without exports, spread over the same directories. */
  fillerFiles?: number;
  /** Mean size of an extra file in bytes (sizes vary log-normally around it). */
  meanFillerBytes?: number;
  /** Files that are not C (Kconfig, Makefile, .dts, .rst, .yaml), as a real tree has beside its sources. */
  otherFiles?: number;
  seed?: number;
}

export interface SyntheticTree {
  files: number;
  bytes: number;
  /** Rows the tree cannot reproduce (a file mixing namespaced and plain EXPORT_SYMBOLs, say). */
  unreproducible: ExportRow[];
}

const WRAPPER_HEADER = 'include/synthetic/export-wrappers.h';
// Like include/linux/pgtable.h's DECLARE_VM_GET_PAGE_PROT, a generator the scanner must look for everywhere.
const GENERATOR =
  '#define DECLARE_SYNTHETIC_GENERATOR \\\nint synthetic_generated(void) { return 0; } \\\nEXPORT_SYMBOL(synthetic_generated);';

// One-line constructs only, so an export line can replace any line without landing inside a comment.
const FILLER = [
  '#include <linux/kernel.h>',
  '/* Filler: keep the lexer honest with comments, "strings" and \'c\'haracters. */',
  'static int synthetic_counter;',
  '',
  'static int synthetic_probe(struct device *dev, unsigned long flags)',
  '{',
  '\tint ret = 0;',
  '\tif (!dev)',
  '\t\treturn -ENODEV;',
  '\tpr_info("probing %s (flags %#lx)\\n", dev_name(dev), flags);',
  "\tif (flags & 0x3f) ret = '\"';",
  '\tfor (int i = 0; i < 16; i++)',
  '\t\tsynthetic_counter += i * 2; // accumulate',
  '\treturn ret;',
  '}',
  '#define SYNTHETIC_MASK 0x3f',
  'struct synthetic_ops {',
  '\tint (*open)(void *priv);',
  '\tvoid (*release)(void *priv);',
  '};',
  '/* A longer comment, closed on the same line. */',
];

// Lines for files that are not C; none mentions an export.
const OTHER_FILLER = [
  'config SYNTHETIC_DRIVER',
  '\ttristate "Synthetic driver"',
  '\tdepends on PCI && HAS_IOMEM',
  '\thelp',
  '\t  Say Y here to build a driver that does not exist.',
  'obj-$(CONFIG_SYNTHETIC_DRIVER) += synthetic.o',
  '\tcompatible = "vendor,synthetic-device";',
  '\treg = <0x0 0x10000000 0x0 0x1000>;',
  'Synthetic documentation paragraph, wrapped at about seventy columns.',
  '  properties:',
  '    description: A property of a device that is not real.',
];
const OTHER_NAMES = ['Kconfig.synthetic', 'Makefile.synthetic', '.dts', '.dtsi', '.rst', '.yaml', '.txt'];

function random(seed: number): () => number {
  // mulberry32: small, fast, reproducible.
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A namespace value back to the C that gives it: `kvm,${X}` → `"kvm," __stringify(X)`. */
function namespaceExpression(value: string, bare: boolean): string {
  if (bare && /^[A-Za-z_]\w*$/.test(value)) return value;
  const parts = value.split(/(\$\{\w+\})/).filter(Boolean);
  if (!parts.length) return '""';
  return parts.map((p) => (p.startsWith('${') ? `__stringify(${p.slice(2, -1)})` : `"${p}"`)).join(' ');
}

/** The core export that gives `namespace` without depending on DEFAULT_SYMBOL_NAMESPACE. */
function exportWithNamespace(symbol: string, namespace: string): string {
  if (namespace.startsWith('module:')) return `EXPORT_SYMBOL_FOR_MODULES(${symbol}, ${namespaceExpression(namespace.slice(7), false)})`;
  return `EXPORT_SYMBOL_NS_GPL(${symbol}, ${namespaceExpression(namespace, false)})`;
}

interface WrapperPlan {
  /** The namespace is an argument of each use (EXPORT_NS_*_DEV_PM_OPS). */
  perUse: boolean;
  definition: string;
}

function planWrapper(macro: string, namespaces: ReadonlySet<string>): WrapperPlan {
  const tokenLike = [...namespaces].every((ns) => /^\w*$/.test(ns));
  if (namespaces.size > 1 && tokenLike) return { perUse: true, definition: `#define ${macro}(sym, ns) EXPORT_SYMBOL_NS_GPL(sym, #ns)` };
  const alternatives = [...namespaces][0]!.split('|');
  if (alternatives.length === 1)
    return { perUse: false, definition: `#define ${macro}(sym) ${exportWithNamespace('sym', alternatives[0]!)}` };
  // `a|b`: conditional definitions that disagree, in this order.
  const branches = alternatives.map(
    (ns, i) => `${i === 0 ? '#if' : '#elif'} defined(SYNTHETIC_ALTERNATIVE_${i})\n#define ${macro}(sym) ${exportWithNamespace('sym', ns)}`,
  );
  return { perUse: false, definition: `${branches.join('\n')}\n#endif` };
}

function coreUse(row: ExportRow, bare: boolean): string {
  const source = namespaceSource(row.macro, 2);
  if (source.from !== 'arg') return `${row.macro}(${row.symbol});`;
  const value = row.namespace.slice(source.prefix.length);
  return `${row.macro}(${row.symbol}, ${namespaceExpression(value, bare && !source.prefix)});`;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

function write(root: string, file: string, text: string): number {
  const target = path.join(root, file);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, text);
  return Buffer.byteLength(text);
}

/** One exporting file: each row's use at its line, a DEFAULT_SYMBOL_NAMESPACE line if needed, filler elsewhere. */
function exportingFileText(
  rows: readonly ExportRow[],
  plans: ReadonlyMap<string, WrapperPlan>,
  bare: boolean,
  rand: () => number,
  unreproducible: ExportRow[],
): string {
  const lines = new Map<number, string[]>();
  const byDefaultNamespace = new Map<string, ExportRow[]>();
  for (const row of rows) {
    const plan = plans.get(row.macro);
    let use: string;
    if (plan) use = plan.perUse ? `${row.macro}(${row.symbol}, ${row.namespace});` : `${row.macro}(${row.symbol});`;
    else {
      use = coreUse(row, bare);
      if (namespaceSource(row.macro, 1).from === 'default')
        byDefaultNamespace.set(row.namespace, [...(byDefaultNamespace.get(row.namespace) ?? []), row]);
    }
    lines.set(row.line, [...(lines.get(row.line) ?? []), use]);
  }
  // DEFAULT_SYMBOL_NAMESPACE: one per file, before its first plain export; rows that disagree are lost.
  const [namespace, covered] = [...byDefaultNamespace].sort((a, b) => b[1].length - a[1].length)[0] ?? ['', []];
  for (const [ns, nsRows] of byDefaultNamespace) if (ns !== namespace) unreproducible.push(...nsRows);
  if (namespace) {
    const first = Math.min(...covered.map((r) => r.line));
    const free = Array.from({ length: first - 1 }, (_, i) => i + 1).find((l) => !lines.has(l));
    if (free === undefined) unreproducible.push(...covered);
    else lines.set(free, [`#define DEFAULT_SYMBOL_NAMESPACE ${bare ? namespace : `"${namespace}"`}`]);
  }
  const last = Math.max(...lines.keys());
  const total = last + Math.floor(rand() * last * 0.3) + 1;
  const offset = Math.floor(rand() * FILLER.length);
  const text: string[] = [];
  for (let l = 1; l <= total; l++) text.push(lines.get(l)?.join(' ') ?? FILLER[(offset + l) % FILLER.length]!);
  return text.join('\n') + '\n';
}

/** Sizes of exportless files: log-normal around `mean` (most small, a few large, as in a real tree). */
function logNormalSizes(mean: number): (rand: () => number) => number {
  const sigma = 1.2;
  const mu = Math.log(mean) - (sigma * sigma) / 2;
  return (rand) => {
    const normal = Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand()); // Box-Muller
    return Math.min(2_000_000, Math.max(200, Math.round(Math.exp(mu + sigma * normal))));
  };
}

/** 4,096 lines of `lines`, repeated: exportless text to cut files from. */
const fillerSource = (lines: readonly string[]) => Array.from({ length: 4096 }, (_, i) => lines[i % lines.length]).join('\n') + '\n';

/** The first `size` characters of `source` repeated, cut back to a whole line. */
function fillerBody(source: string, size: number): string {
  let body = source;
  while (body.length < size) body += source;
  return body.slice(0, body.lastIndexOf('\n', size) + 1);
}

/** The top-level Makefile of a tree of this kernel version. */
const makefileText = (v: KernelVersion) =>
  `VERSION = ${v.version}\nPATCHLEVEL = ${v.patchlevel}\nSUBLEVEL = ${v.sublevel}\nEXTRAVERSION = ${v.extraversion}\nNAME = Synthetic\n`;

/** One wrapper macro for each macro of `rows` that is not a core export macro. */
function wrapperPlans(rows: readonly ExportRow[]): Map<string, WrapperPlan> {
  const plans = new Map<string, WrapperPlan>();
  for (const [macro, used] of groupBy(
    rows.filter((r) => !isCoreMacro(r.macro)),
    (r) => r.macro,
  ))
    plans.set(macro, planWrapper(macro, new Set(used.map((r) => r.namespace))));
  return plans;
}

/** The header defining the wrappers. */
const wrapperHeaderText = (plans: ReadonlyMap<string, WrapperPlan>) =>
  `/* Wrappers for the synthetic tree. */\n#include <linux/stringify.h>\n${[...plans.values()].map((p) => p.definition).join('\n')}\n${GENERATOR}\n`;

/** Exportless files of log-normal sizes around `mean`. */
function* fillerFiles(
  count: number,
  mean: number,
  lines: readonly string[],
  names: readonly string[],
  dirs: readonly string[],
  rand: () => number,
): Generator<[string, string]> {
  const source = fillerSource(lines);
  const sizeOf = logNormalSizes(mean);
  for (let i = 0; i < count; i++) {
    const size = sizeOf(rand);
    const name = names[Math.floor(rand() * names.length)]!;
    const file = name.startsWith('.') ? `synthetic_filler_${i}${name}` : `${name}${i}`;
    yield [`${dirs[i % dirs.length]}/${file}`, fillerBody(source, size)];
  }
}

export function writeSyntheticTree(root: string, options: SyntheticTreeOptions): SyntheticTree {
  const rand = random(options.seed ?? 1);
  const tree: SyntheticTree = { files: 0, bytes: 0, unreproducible: [] };
  const add = (file: string, text: string) => {
    tree.files++;
    tree.bytes += write(root, file, text);
  };

  add('Makefile', makefileText(options.kernelVersion));
  const plans = wrapperPlans(options.rows);
  add(WRAPPER_HEADER, wrapperHeaderText(plans));

  const byFile = groupBy(options.rows, (r) => r.file);
  for (const [file, rows] of byFile) add(file, exportingFileText(rows, plans, options.bareNamespaces ?? false, rand, tree.unreproducible));
  const dirs = [...new Set([...byFile.keys()].map((f) => path.posix.dirname(f)))];
  const mean = options.meanFillerBytes ?? 14_000;
  for (const [file, text] of fillerFiles(options.fillerFiles ?? 0, mean, FILLER, ['.c', '.c', '.c', '.h', '.h', '.S'], dirs, rand))
    add(file, text);
  for (const [file, text] of fillerFiles(options.otherFiles ?? 0, mean / 2, OTHER_FILLER, OTHER_NAMES, dirs, rand)) add(file, text);
  return tree;
}

/** FNV-1a: a seed drawn from a path, so that a file's filler depends on nothing else. */
function seedOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

export interface SyntheticReleaseOptions {
  rows: readonly ExportRow[];
  kernelVersion: KernelVersion;
  /** Exportless .c/.h/.S files beside each exporting file (named after it, so they live as long as it does). */
  fillerPerFile?: number;
  meanFillerBytes?: number;
}

/** A file of a synthetic release: `key` is equal in two releases exactly when the text is. */
export interface SyntheticFile {
  key: string;
  text: () => string;
}

/**
 * The files of one release of a synthetic history: like writeSyntheticTree, but every file's filler is
 * drawn from its own path, so a file whose rows did not change is the same bytes in every release, as
 * in a repository of real releases. Callers write only the files whose key changed.
 */
export function syntheticReleaseFiles(options: SyntheticReleaseOptions): Map<string, SyntheticFile> {
  const files = new Map<string, SyntheticFile>();
  const fixed = (file: string, text: string) => files.set(file, { key: text, text: () => text });
  fixed('Makefile', makefileText(options.kernelVersion));
  const plans = wrapperPlans(options.rows);
  fixed(WRAPPER_HEADER, wrapperHeaderText(plans));

  const source = fillerSource(FILLER);
  const sizeOf = logNormalSizes(options.meanFillerBytes ?? 14_000);
  for (const [file, rows] of groupBy(options.rows, (r) => r.file)) {
    const usedPlans = [...new Set(rows.map((r) => r.macro))].map((m) => `${m}:${plans.get(m)?.perUse ?? '-'}`);
    const key = JSON.stringify([usedPlans, rows.map((r) => [r.symbol, r.macro, r.namespace, r.line])]);
    files.set(file, { key, text: () => exportingFileText(rows, plans, false, random(seedOf(file)), []) });
    const base = file.replace(/\.[chS]$/, '');
    for (let k = 0; k < (options.fillerPerFile ?? 0); k++) {
      const rand = random(seedOf(`${file}\t${k}`));
      const size = sizeOf(rand);
      const name = `${base}_filler${k}${['.c', '.c', '.c', '.h', '.h', '.S'][Math.floor(rand() * 6)]}`;
      files.set(name, {
        key: String(size),
        text: () => fillerBody(source, size),
      });
    }
  }
  return files;
}
