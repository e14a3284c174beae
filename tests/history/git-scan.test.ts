// The incremental scan of a repository's tags against scanTree on a checkout of each tag: a small git
// repository built here from the fixture trees, whose commits change a wrapper-defining header, a
// Makefile's DEFAULT_SYMBOL_NAMESPACE, a header only an X-macro include reads, and an assembler macro
// header, with their users left unchanged.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GitRepository } from '../../src/lib/kernel/git-tree.ts';
import { IncrementalScanner } from '../../src/lib/kernel/incremental-scan.ts';
import { scanTree } from '../../src/lib/kernel/scan.ts';
import { REPO_ROOT } from '../../src/lib/project.ts';

const KERNEL = path.join(REPO_ROOT, 'tests/fixtures/kernel');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ked-git-scan-'));
const repo = path.join(tmp, 'linux');
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const git = (...args: string[]) =>
  execFileSync('git', ['-C', repo, ...args], {
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_DATE: '2025-01-01T00:00:00Z', GIT_COMMITTER_DATE: '2025-01-01T00:00:00Z' },
  });

function copyTree(from: string): void {
  fs.cpSync(path.join(KERNEL, from), repo, { recursive: true });
}

function edit(file: string, change: (text: string) => string): void {
  const full = path.join(repo, file);
  fs.writeFileSync(full, change(fs.readFileSync(full, 'utf8')));
}

/** Commits the work tree as kernel `version` (its top Makefile says so) and tags it. */
function release(tag: string): void {
  const [, major, minor, sub = '0', extra = ''] = /^v(\d+)\.(\d+)(?:\.(\d+))?(-rc\d+)?$/.exec(tag)!;
  fs.writeFileSync(
    path.join(repo, 'Makefile'),
    `# SPDX-License-Identifier: GPL-2.0\nVERSION = ${major}\nPATCHLEVEL = ${minor}\nSUBLEVEL = ${sub}\nEXTRAVERSION = ${extra}\nNAME = Fixture\n`,
  );
  git('add', '-A');
  git('commit', '-q', '--allow-empty', '-m', tag);
  git('tag', '-a', '-m', tag, tag);
}

const TAGS = ['v6.1', 'v6.2', 'v6.3', 'v6.4', 'v6.4.1', 'v6.5-rc1', 'v6.5', 'v6.6'];

beforeAll(() => {
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
}, 60_000);

/** scanTree on a fresh checkout of `tag`. */
async function fullScan(tag: string) {
  const dir = path.join(tmp, `checkout-${tag}`);
  fs.mkdirSync(dir);
  execFileSync('git', ['-C', repo, `--work-tree=${dir}`, 'checkout', '-q', tag, '--', '.']);
  const result = await scanTree(dir);
  fs.rmSync(dir, { recursive: true });
  return { rows: result.rows, unresolved: result.unresolved };
}

describe('incremental scan of tags', () => {
  it('gives every tag the rows and unresolved uses of a full scan of its checkout', async () => {
    const git = new GitRepository(repo);
    const blobs = git.openBlobs();
    const scanner = new IncrementalScanner(blobs);
    const resolvedPerTag: number[] = [];
    try {
      for (const tag of TAGS) {
        const scan = scanner.scan(git.listTree(git.commitOf(tag)), tag);
        resolvedPerTag.push(scan.stats.resolvedFiles);
        const full = await fullScan(tag);
        expect(full.rows.length, tag).toBeGreaterThan(0);
        expect({ tag, rows: scan.rows, unresolved: scan.unresolved }).toEqual({ tag, ...full });
      }
    } finally {
      blobs.close();
    }
    // The changes were seen where they matter (each of these differs from the tag before).
    const rowsOf = async (tag: string) => (await fullScan(tag)).rows;
    const v62 = await rowsOf('v6.2');
    const v63 = await rowsOf('v6.3');
    expect(v63.find((r) => r.file === 'drivers/usb/storage/usb.c' && r.symbol === 'usb_stor_fn')?.namespace).toBe('USB_STORAGE_NEW');
    expect(v63.find((r) => r.symbol === 'traps_plain_pm_ops')?.namespace).toBe('PM_PLAIN');
    expect(v62.find((r) => r.symbol === 'traps_plain_pm_ops')?.namespace).toBe('');
    const v65 = await rowsOf('v6.5');
    expect(v65.find((r) => r.symbol === 'misc_fixture_fn')).toMatchObject({ macro: 'EXPORT_SYMBOL_FIXTURE', namespace: 'MISC' });
    expect((await rowsOf('v6.4')).find((r) => r.symbol === 'misc_fixture_fn')).toBeUndefined();
    // The first tag resolved everything; a stable point release that changed one header resolved few.
    expect(resolvedPerTag[4]).toBeLessThan(resolvedPerTag[1]! / 2);
  }, 120_000);
});
