// Namespace values in the notation of the snapshots: quotes removed, `${NAME}` for a macro expanded
// at build time, and DEFAULT_SYMBOL_NAMESPACE read from a directory's Makefile.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Token } from './tokens.ts';

function unquote(literal: string): string {
  return literal.replace(/^"/, '').replace(/"$/, '').replace(/\\(.)/g, '$1');
}

/**
 * The namespace an argument stands for: `"USB_STORAGE"` and the older bare `USB_STORAGE` both give
 * USB_STORAGE; string literals are joined. A macro left in the tokens reads as its name, as cpp would
 * stringify an undefined one: `"kvm," __stringify(KVM_SUB_MODULES)` gives `kvm,KVM_SUB_MODULES` (never a
 * `${…}` placeholder; the scan expands such macros first and reports the ones it cannot).
 */
export function namespaceText(tokens: readonly Token[]): string {
  if (tokens.length === 1 && tokens[0]!.kind === 'ident') return tokens[0]!.text;
  let out = '';
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'string') out += unquote(t.text);
    else if (/^__stringify(_1)?$/.test(t.text) && tokens[i + 1]?.text === '(') {
      const close = tokens.findIndex((u, j) => j > i && u.text === ')');
      out += tokens
        .slice(i + 2, close < 0 ? undefined : close)
        .map((u) => u.text)
        .join('');
      if (close < 0) break;
      i = close;
    } else out += t.text;
  }
  return out;
}

/** Whether namespace tokens need cpp: anything but one string literal or one bare name. */
export function namespaceNeedsMacros(tokens: readonly Token[]): boolean {
  return tokens.some((t) => t.kind === 'ident') && !(tokens.length === 1 && tokens[0]!.kind === 'ident');
}

/**
 * One module list from the alternatives a macro gives (`kvm,kvm-amd,kvm-intel`, `kvm,kvm-amd`, …): the
 * union of their modules in first-seen order. Each alternative is one configuration's list; the union is
 * the honest answer to "which modules may use this export", since a module author cannot know the
 * configuration the kernel was built with.
 */
export function moduleListUnion(lists: readonly string[]): string {
  const modules: string[] = [];
  for (const list of lists) for (const m of list.split(',').map((x) => x.trim())) if (m && !modules.includes(m)) modules.push(m);
  return modules.join(',');
}

interface MakefileNamespaces {
  /** ccflags-y and friends: this directory only. */
  directory?: string;
  /** subdir-ccflags-y: this directory and everything below it. */
  subdirs?: string;
  /** CFLAGS_<object>.o: one object. */
  objects: Map<string, string>;
}

const DEFINE_FLAG = /-DDEFAULT_SYMBOL_NAMESPACE=(\S+)/;
const ASSIGNMENT = /^\s*([\w$().-]+)\s*[:+?]?=\s*(.*)$/;

export function parseMakefileNamespaces(text: string): MakefileNamespaces {
  const found: MakefileNamespaces = { objects: new Map() };
  for (const line of text.replace(/\\\n/g, ' ').split('\n')) {
    const flag = DEFINE_FLAG.exec(line);
    const assignment = flag && ASSIGNMENT.exec(line);
    if (!assignment) continue;
    const value = flag[1]!.replace(/\\?["']/g, '');
    const variable = assignment[1]!;
    const object = /^CFLAGS_(.+)\.o$/.exec(variable);
    if (object) found.objects.set(object[1]!, value);
    else if (variable.startsWith('subdir-ccflags')) found.subdirs = value;
    else if (/^(ccflags|asflags)-|^EXTRA_(C|A)FLAGS$/.test(variable)) found.directory = value;
  }
  return found;
}

/** Looks up the Makefile-given DEFAULT_SYMBOL_NAMESPACE of files in a tree, reading each Makefile once. */
export class MakefileNamespaceLookup {
  private readonly root: string;
  private readonly cache = new Map<string, MakefileNamespaces>();
  /** Reads a tree file by relative path (a git tree's blobs); default: the file under `root`. */
  private readonly readFile: ((file: string) => string | undefined) | undefined;

  constructor(root: string, readFile?: (file: string) => string | undefined) {
    this.root = root;
    this.readFile = readFile;
  }

  /** `file` is relative to the tree root, with `/` separators. */
  namespaceFor(file: string): string | undefined {
    const dir = path.posix.dirname(file);
    const here = this.read(dir);
    const object = path.posix.basename(file).replace(/\.[^.]*$/, '');
    const own = here.objects.get(object) ?? here.directory ?? here.subdirs;
    if (own !== undefined) return own;
    for (let d = dir; d !== '.' && d !== '/';) {
      d = path.posix.dirname(d);
      const inherited = this.read(d).subdirs;
      if (inherited !== undefined) return inherited;
    }
    return undefined;
  }

  private read(dir: string): MakefileNamespaces {
    let found = this.cache.get(dir);
    if (!found) {
      let text = '';
      for (const name of ['Makefile', 'Kbuild']) {
        if (this.readFile) {
          const found = this.readFile(path.posix.join(dir, name));
          if (found !== undefined) text += found + '\n';
          continue;
        }
        try {
          // Only a regular file: a FIFO named Makefile would block the read forever.
          const file = path.join(this.root, dir, name);
          if (statSync(file).isFile()) text += readFileSync(file, 'latin1') + '\n';
        } catch {
          // No such Makefile: nothing to inherit.
        }
      }
      found = text.includes('DEFAULT_SYMBOL_NAMESPACE') ? parseMakefileNamespaces(text) : { objects: new Map() };
      this.cache.set(dir, found);
    }
    return found;
  }
}
