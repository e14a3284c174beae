// The committed history store (content/history/, 36 releases rescanned with the current scanner, see its
// README): it reads without error, and the timelines issue 13 names read as the snapshots have them.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { symbolHistory } from '../../src/lib/history/reconstruct.ts';
import { HISTORY_DIR } from '../../src/lib/history/store-files.ts';
import { readStore } from '../../src/lib/history/store-io.ts';
import { REPO_ROOT } from '../../src/lib/project.ts';

const store = readStore(path.join(REPO_ROOT, HISTORY_DIR), HISTORY_DIR);

/** "v3.10.105–v5.4.286 EXPORT_SYMBOL_GPL" for each run of releases with the same rows. */
function timeline(symbol: string): string[] {
  const runs: { first: string; last: string; what: string }[] = [];
  for (const { release, rows } of symbolHistory(store, symbol)) {
    const what = rows.map((r) => `${r.macro}${r.namespace ? `(${r.namespace})` : ''} ${r.file}`).join(' + ') || 'not exported';
    const run = runs.at(-1);
    if (run?.what === what) run.last = release.release;
    else runs.push({ first: release.release, last: release.release, what });
  }
  return runs.map((r) => `${r.first}–${r.last} ${r.what}`);
}

describe('the committed history store', () => {
  it('holds the 36 releases with their row counts, and no release date it does not know', () => {
    expect(store.releases).toHaveLength(36);
    expect([store.releases[0]!.release, store.releases.at(-1)!.release]).toEqual(['v3.10.105', 'v6.19']);
    expect(store.releases.find((r) => r.release === 'v6.1.20')).toMatchObject({
      line: '6.1',
      date: '',
      repository: 'github:c1336658570/linux-6.1.20',
      commit: 'bba118ae072307cd5527c908808d598b3e3d1f70',
      rows: 36184,
    });
    expect(store.releases.reduce((n, r) => n + r.rows, 0)).toBe(1_211_842);
    expect(new Set(store.intervals.map((i) => i.symbol)).size).toBe(55_155);
  });

  it('tells when kallsyms_lookup_name and find_module stopped being exported', () => {
    expect(timeline('kallsyms_lookup_name')).toEqual([
      'v3.10.105–v5.4.286 EXPORT_SYMBOL_GPL kernel/kallsyms.c',
      'v5.7.14–v6.19 not exported',
    ]);
    expect(timeline('find_module')).toEqual(['v3.10.105–v5.10.89 EXPORT_SYMBOL_GPL kernel/module.c', 'v5.12.9–v6.19 not exported']);
  });

  it('shows dma_buf_get moving files and gaining its namespace, cr4_update_irqsoff becoming KVM-only', () => {
    expect(timeline('dma_buf_get')).toEqual([
      'v3.10.105–v3.16 EXPORT_SYMBOL_GPL drivers/base/dma-buf.c',
      'v3.18.140–v5.12.9 EXPORT_SYMBOL_GPL drivers/dma-buf/dma-buf.c',
      'v6.0.8–v6.19 EXPORT_SYMBOL_NS_GPL(DMA_BUF) drivers/dma-buf/dma-buf.c',
    ]);
    expect(timeline('cr4_update_irqsoff')).toEqual([
      'v3.10.105–v5.7.14 not exported',
      'v5.8.18–v6.18.2 EXPORT_SYMBOL arch/x86/kernel/cpu/common.c',
      'v6.19–v6.19 EXPORT_SYMBOL_FOR_KVM(module:kvm,kvm-amd,kvm-intel|module:kvm) arch/x86/kernel/cpu/common.c',
    ]);
  });

  it('holds the retpoline thunks the X-macros export, by their linker names, only where retpolines exist', () => {
    // Backported to 4.4.y, 4.9.y and 4.14.y after the releases 4.10.17–4.14.5 we hold.
    expect(timeline('__x86_indirect_thunk_rax')).toEqual([
      'v3.10.105–v4.1.52 not exported',
      'v4.4.178–v4.9.154 EXPORT_THUNK arch/x86/lib/retpoline.S',
      'v4.10.17–v4.14.5 not exported',
      'v4.14.67–v6.1.158 EXPORT_THUNK arch/x86/lib/retpoline.S',
      'v6.2.1–v6.19 __EXPORT_THUNK arch/x86/lib/retpoline.S',
    ]);
    expect(store.intervals.filter((i) => i.symbol.startsWith('__x86_indirect_thunk__'))).toEqual([]);
  });
});
