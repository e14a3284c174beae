// A small kernel git repository built from the fixture trees (tests/fixtures/kernel), one commit and
// tag per release, whose commits change a wrapper-defining header, a Makefile's DEFAULT_SYMBOL_NAMESPACE,
// a header only an X-macro include reads and an assembler macro header, with their users left as they
// were: the input of the incremental-scan tests.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../src/lib/project.ts';

const KERNEL = path.join(REPO_ROOT, 'tests/fixtures/kernel');

/** Every tag of the fixture repository, in the order they were made. */
export const FIXTURE_TAGS = ['v6.1', 'v6.2', 'v6.3', 'v6.4', 'v6.4.1', 'v6.5-rc1', 'v6.5', 'v6.6'];

export function gitIn(repo: string, ...args: string[]): string {
  return execFileSync('git', ['-C', repo, ...args], {
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_DATE: '2025-01-01T00:00:00Z', GIT_COMMITTER_DATE: '2025-01-01T00:00:00Z' },
  });
}

/** Writes the repository into `repo` (a folder that does not exist yet). */
export function buildFixtureRepo(repo: string): void {
  const git = (...args: string[]) => gitIn(repo, ...args);
  const copyTree = (from: string) => fs.cpSync(path.join(KERNEL, from), repo, { recursive: true });
  const edit = (file: string, change: (text: string) => string) => {
    const full = path.join(repo, file);
    fs.writeFileSync(full, change(fs.readFileSync(full, 'utf8')));
  };
  /** Commits the work tree as kernel `tag` (its top Makefile says so) and tags it. */
  const release = (tag: string) => {
    const [, major, minor, sub = '0', extra = ''] = /^v(\d+)\.(\d+)(?:\.(\d+))?(-rc\d+)?$/.exec(tag)!;
    fs.writeFileSync(
      path.join(repo, 'Makefile'),
      `# SPDX-License-Identifier: GPL-2.0\nVERSION = ${major}\nPATCHLEVEL = ${minor}\nSUBLEVEL = ${sub}\nEXTRAVERSION = ${extra}\nNAME = Fixture\n`,
    );
    git('add', '-A');
    git('commit', '-q', '--allow-empty', '-m', tag);
    git('tag', '-a', '-m', tag, tag);
  };
  fs.mkdirSync(repo);
  git('init', '-q');
  git('config', 'user.email', 'fixture@example.org');
  git('config', 'user.name', 'Fixture');
  copyTree('v6.1');
  release('v6.1');
  // Everything at once: includer wrappers, X-macros, assembler macros, namespaces from macros, generators.
  fs.rmSync(path.join(repo, 'drivers'), { recursive: true });
  fs.rmSync(path.join(repo, 'include'), { recursive: true });
  copyTree('modern');
  release('v6.2');
  // A wrapper-defining header changes (EXPORT_DEV_PM_OPS gains a namespace), and a Makefile's namespace:
  // the files using them stay as they are.
  edit('include/linux/pm.h', (t) => t.replace('_EXPORT_DEV_PM_OPS(name, "", "")', '_EXPORT_DEV_PM_OPS(name, "", "PM_PLAIN")'));
  edit('drivers/usb/storage/Makefile', (t) => t.replace('"USB_STORAGE"', '"USB_STORAGE_NEW"'));
  // Lines inserted above every wrapper of a header whose users do not change: their rows stay the same.
  edit('include/linux/kvm_types.h', (t) => `/* moved */\n/* down */\n${t}`);
  release('v6.3');
  // An X-macro user and an assembler-macro user arrive, and a use of a wrapper no header defines yet.
  edit('drivers/misc/other.c', (t) => `${t}\nEXPORT_SYMBOL_FIXTURE(misc_fixture_fn);\n`);
  copyTree('retpoline-5.10');
  copyTree('expoline-6.19');
  release('v6.4');
  // Only the headers they read change: the X-macro's list of registers, the assembler macro's export.
  edit('arch/x86/include/asm/GEN-for-each-reg.h', (t) => t.replace('GEN(r15)\n', 'GEN(r15)\nGEN(r16)\n'));
  release('v6.4.1');
  edit('arch/s390/include/asm/nospec-insn.h', (t) => t.replace(/EXPORT_SYMBOL\(\\name\)/, 'EXPORT_SYMBOL_GPL(\\name)'));
  release('v6.5-rc1');
  // A wrapper appears in a header, used by a file that was there before; a Makefile gains a namespace.
  edit('include/linux/kvm_types.h', (t) => `${t}\n#define EXPORT_SYMBOL_FIXTURE(sym) EXPORT_SYMBOL_GPL(sym)\n`);
  fs.writeFileSync(path.join(repo, 'drivers/misc/Makefile'), 'ccflags-y += -DDEFAULT_SYMBOL_NAMESPACE=\'"MISC"\'\n');
  release('v6.5');
  fs.rmSync(path.join(repo, 'drivers/misc/Makefile'));
  fs.rmSync(path.join(repo, 'arch/x86/include/asm/GEN-for-each-reg.h'));
  release('v6.6');
}
