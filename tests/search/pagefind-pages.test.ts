// The Pagefind step indexes a built site's record pages, named by the API's list of records,
// without walking the symbol folders; a page Pagefind would index whole is never handed over.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordPages } from '../../src/lib/search/pagefind.ts';
import { pagefindAttributes } from '../../src/lib/search/pagefind-attributes.ts';
import type { RecordData } from '../../src/lib/schema.ts';

let site: string;
const listRecords = (...symbols: string[]) =>
  write('api/v1/exports.json', JSON.stringify({ records: symbols.map((symbol) => ({ symbol })) }));
const write = (rel: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(site, rel)), { recursive: true });
  fs.writeFileSync(path.join(site, rel), text);
};
beforeEach(() => {
  site = fs.mkdtempSync(path.join(os.tmpdir(), 'pagefind-pages-'));
});
afterEach(() => fs.rmSync(site, { recursive: true, force: true }));

describe('recordPages', () => {
  it('lists the record pages the API names, in order, and no undocumented symbol page', () => {
    listRecords('kmalloc', '__get_vm_area');
    // Every symbol has an API file; only the listed records are record pages.
    write('api/v1/symbols/kmalloc.json', '{}');
    write('api/v1/symbols/__get_vm_area.json', '{}');
    write('api/v1/symbols/vmalloc.json', '{}');
    write('symbols/kmalloc/index.html', '<article class="record" data-pagefind-body><h1>kmalloc</h1></article>');
    write('symbols/__get_vm_area/index.html', '<article class="record" data-pagefind-body><h1>__get_vm_area</h1></article>');
    write('symbols/vmalloc/index.html', '<main><h1>vmalloc</h1> no record</main>');
    expect(recordPages(site).map((p) => p.sourcePath)).toEqual(['symbols/__get_vm_area/index.html', 'symbols/kmalloc/index.html']);
  });

  it('skips a page without the record mark (Pagefind would index all of it)', () => {
    listRecords('kmalloc');
    write('symbols/kmalloc/index.html', '<main><h1>kmalloc</h1></main>');
    expect(recordPages(site)).toEqual([]);
  });

  it('names the missing page when the API lists a record the site has no page for', () => {
    listRecords('kmalloc');
    expect(() => recordPages(site)).toThrow(/symbols\/kmalloc\/index\.html: missing, but .*exports\.json lists kmalloc as a record/);
  });

  it('finds nothing in a site without records', () => {
    expect(recordPages(site)).toEqual([]);
  });
});

describe('pagefindAttributes', () => {
  it('puts every filter under one key, valued like the search page filter fields', () => {
    const d = { symbol: 'kernel_fpu_begin', status: 'stable', type: 'EXPORT_SYMBOL_GPL', subsystem: 'x86/fpu' } as RecordData;
    expect(pagefindAttributes(d).filters).toEqual(['f:t=stable', 'f:x=EXPORT_SYMBOL_GPL', 'f:u=x86/fpu']);
  });
});
