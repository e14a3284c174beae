// The words of the domain, with what each one promises. Pages, the validator's messages,
// CONTRIBUTING.md and the JSON API all read these, so a tier's promise is written once.

/** Words joined for a sentence: "a", "a or b", "a, b or c" (messages and docs name allowed values from these lists). */
export function orList(words: readonly string[]): string {
  return joinWords(words, 'or');
}

/** "a", "a and b", "a, b and c". */
export function andList(words: readonly string[]): string {
  return joinWords(words, 'and');
}

function joinWords(words: readonly string[], last: string): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} ${last} ${words[words.length - 1]}`;
}

export const TIERS = ['testing', 'stable', 'obsolete', 'removed'] as const;
export type Tier = (typeof TIERS)[number];

/** Promises paraphrased from the kernel's Documentation/ABI/README. */
export const TIER_PROMISES: Record<Tier, { title: string; promise: string }> = {
  testing: {
    title: 'Testing',
    promise:
      'New, or still settling. Expected to become stable, but its export type, namespace or semantics may still change; module authors should follow the thread before relying on it.',
  },
  stable: {
    title: 'Stable',
    promise:
      'Settled: the export decision has held and nobody is working to change it. The kernel still promises no stable in-kernel API, but a change would need a new decision on the list.',
  },
  obsolete: {
    title: 'Obsolete',
    promise:
      'On its way out or fenced off: the export still exists in some form but new users are refused or removal is queued. The record says why and what to use instead.',
  },
  removed: {
    title: 'Removed',
    promise:
      'Gone: the symbol is no longer exported to modules (or no longer exists). The record keeps the decision and the replacement for people porting old modules.',
  },
};

/** The ABI README's rule: an interface is only removed after it was obsolete or stable. */
export const ALLOWED_TIER_MOVES: Record<Tier, readonly Tier[]> = {
  testing: ['stable', 'obsolete'],
  stable: ['obsolete', 'removed'],
  obsolete: ['stable', 'removed'],
  removed: ['testing'],
};

export const EXPORT_TYPES = [
  'EXPORT_SYMBOL',
  'EXPORT_SYMBOL_GPL',
  'EXPORT_SYMBOL_NS',
  'EXPORT_SYMBOL_NS_GPL',
  'EXPORT_SYMBOL_FOR_MODULES',
  'unexported',
] as const;
export type ExportType = (typeof EXPORT_TYPES)[number];

export const EXPORT_TYPE_INFO: Record<ExportType, { gplOnly: boolean; takesNamespace: 'namespace' | 'modules' | null; summary: string }> = {
  EXPORT_SYMBOL: {
    gplOnly: false,
    takesNamespace: null,
    summary: 'Exported to every module, whatever its licence.',
  },
  EXPORT_SYMBOL_GPL: {
    gplOnly: true,
    takesNamespace: null,
    summary: 'Exported only to modules whose MODULE_LICENSE is GPL-compatible.',
  },
  EXPORT_SYMBOL_NS: {
    gplOnly: false,
    takesNamespace: 'namespace',
    summary: 'Exported to every module that imports the symbol namespace with MODULE_IMPORT_NS().',
  },
  EXPORT_SYMBOL_NS_GPL: {
    gplOnly: true,
    takesNamespace: 'namespace',
    summary: 'GPL-only, and only to modules that import the symbol namespace with MODULE_IMPORT_NS().',
  },
  EXPORT_SYMBOL_FOR_MODULES: {
    gplOnly: true,
    takesNamespace: 'modules',
    summary:
      'Exported only to the modules named in the export (a reserved "module:" namespace that cannot be imported); GPL-only internally.',
  },
  unexported: {
    gplOnly: false,
    takesNamespace: null,
    summary: 'Not exported to modules any more: the export was withdrawn or the symbol was deleted.',
  },
};

export const THREAD_ROLES = ['patch', 'decision', 'discussion'] as const;
export type ThreadRole = (typeof THREAD_ROLES)[number];

/**
 * Architectures as the kernel names them: the directories under arch/ in any release we hold data
 * for (avr32, blackfin, ia64 and the others that were later removed included). An export in
 * arch/<name>/ is built for that architecture only; anything outside arch/ for all of them.
 */
export const KERNEL_ARCHES = [
  'alpha',
  'arc',
  'arm',
  'arm64',
  'avr32',
  'blackfin',
  'c6x',
  'cris',
  'csky',
  'frv',
  'h8300',
  'hexagon',
  'ia64',
  'loongarch',
  'm32r',
  'm68k',
  'metag',
  'microblaze',
  'mips',
  'mn10300',
  'nds32',
  'nios2',
  'openrisc',
  'parisc',
  'powerpc',
  'riscv',
  's390',
  'score',
  'sh',
  'sparc',
  'tile',
  'um',
  'unicore32',
  'x86',
  'xtensa',
] as const;
export type KernelArch = (typeof KERNEL_ARCHES)[number];

/** Machine names users type (`uname -m`, distribution arch names) for the kernel's arch/ directory. */
export const ARCH_ALIASES: Readonly<Record<string, KernelArch>> = {
  x86_64: 'x86',
  amd64: 'x86',
  i386: 'x86',
  i486: 'x86',
  i586: 'x86',
  i686: 'x86',
  x86_32: 'x86',
  aarch64: 'arm64',
  arm64be: 'arm64',
  armv7l: 'arm',
  armv6l: 'arm',
  armhf: 'arm',
  armel: 'arm',
  ppc: 'powerpc',
  ppc64: 'powerpc',
  ppc64le: 'powerpc',
  ppc64el: 'powerpc',
  s390x: 's390',
  riscv64: 'riscv',
  riscv32: 'riscv',
  mips64: 'mips',
  mipsel: 'mips',
  mips64el: 'mips',
  loongarch64: 'loongarch',
  sparc64: 'sparc',
  parisc64: 'parisc',
  sh4: 'sh',
  m68knommu: 'm68k',
};

/** The kernel's name for an architecture a user typed (x86_64 → x86), or undefined if unknown. */
export function kernelArch(name: string): KernelArch | undefined {
  const lower = name.trim().toLowerCase();
  if ((KERNEL_ARCHES as readonly string[]).includes(lower)) return lower as KernelArch;
  return ARCH_ALIASES[lower];
}
