// npm run abi -- search <regex>: the terminal search over the records.
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../src/lib/project.ts';
import { FIXTURE_SITE } from '../helpers/site.ts';

const script = path.join(REPO_ROOT, 'scripts/abi.ts');
const run = (...args: string[]) => spawnSync(process.execPath, [script, ...args], { encoding: 'utf8' });

describe('npm run abi -- search', () => {
  it('prints each matching record like get_abi.py search', () => {
    const out = execFileSync(process.execPath, [script, 'search', '^gamma', '--root', FIXTURE_SITE], { encoding: 'utf8' });
    expect(out).toBe(
      [
        'gamma_removed',
        '-------------',
        '',
        'Tier:\t\t\tremoved',
        'Type:\t\t\tunexported',
        'Kernel version:\t\tnot established',
        'Date:\t\t\t2020-02-21',
        'Subsystem:\t\tx86/fpu',
        'Replaced by:\t\talpha_stable',
        'Defined on file(s):\tcontent/exports/gamma_removed.mdx',
        'Threads:\t\thttps://lore.kernel.org/r/gamma@example.invalid',
        '',
        'Description:',
        '',
        'An export that was withdrawn.',
        '',
        'No modular users were left.',
        '',
        'History:',
        '  2018-01-01 v4.15 EXPORT_SYMBOL stable: Exported.',
        '  2020-02-21 v5.7 unexported removed: Export withdrawn.',
        '',
      ].join('\n'),
    );
  });

  it('prints several matches A–Z, with namespace, release and every thread', () => {
    const result = run('search', '_', '--root', FIXTURE_SITE);
    expect(result.status).toBe(0);
    expect([...result.stdout.matchAll(/^(\w+)\n-+\n/gm)].map((m) => m[1])).toEqual([
      'alloc_pages_vma',
      'alpha_stable',
      'beta_ns',
      'delta_mods',
      'epsilon_ns',
      'gamma_removed',
    ]);
    expect(result.stdout).toContain('Type:\t\t\tEXPORT_SYMBOL_NS_GPL (namespace FIXTURE_NS)\nKernel version:\t\tnot established\n');
    expect(result.stdout).toContain('Kernel version:\t\tv5.4\n');
    expect(result.stdout).toContain('Threads:\t\thttps://lore.kernel.org/r/alpha-patch@example.invalid (patch)\n');
  });

  it('searches the repository by default, and exits 1 without a match and 2 on a bad pattern', () => {
    const real = run('search', '^kernel_fpu_begin$');
    expect(real.status).toBe(0);
    expect(real.stdout.startsWith('kernel_fpu_begin\n----------------\n\nTier:\t\t\tremoved\nType:\t\t\tunexported\n')).toBe(true);
    const none = run('search', '^nothing_like_this$', '--root', FIXTURE_SITE);
    expect([none.status, none.stdout, none.stderr]).toEqual([1, '', "abi: no record's symbol matches /^nothing_like_this$/\n"]);
    const bad = run('search', '(', '--root', FIXTURE_SITE);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('abi: cannot use /(/: ');
    expect(run('list').status).toBe(2);
  });
});
