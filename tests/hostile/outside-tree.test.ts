// Issue 17, class 5: nothing is written, or pointed at, outside the tree. A record's `file` is a path
// inside the kernel tree (schema, file-format rule), and `npm run new -- --file ../../../etc/passwd`
// is refused without writing anything.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TREE_PATH } from '../../src/lib/schema.ts';
import { parseRecordFile } from '../../src/lib/records/parse.ts';
import { sitePaths } from '../../src/lib/urls.ts';
import { validRecord, E } from '../validate/corpus-rows.ts';
import { runScriptHere, tempDir } from '../validate/helpers.ts';

const INSIDE = [
  'mm/slub.c',
  'arch/x86/kernel/fpu/core.c',
  'lib/crc-t10dif.c',
  'drivers/gpu/drm/drm_gem.c',
  'Makefile',
  'kernel/..hidden.c',
  'a/b.../c',
];
const OUTSIDE = [
  '../../../etc/passwd',
  '/etc/passwd',
  'mm/../../x.c',
  './mm/slub.c',
  'mm/./slub.c',
  'mm//slub.c',
  'mm/',
  '..',
  '.',
  'mm\\slub.c',
  'mm/slub.c ',
  'mm/ slub.c',
  '',
];

describe('file is a path inside the kernel tree', () => {
  it.each(INSIDE)('%j is accepted', (file) => expect(TREE_PATH.test(file)).toBe(true));
  it.each(OUTSIDE)('%j is refused', (file) => {
    expect(TREE_PATH.test(file)).toBe(false);
    const text = validRecord('path_probe').replace('date: 2024-01-15', `date: 2024-01-15\nfile: ${JSON.stringify(file)}`);
    const rules = parseRecordFile(`${E}/path_probe.mdx`, Buffer.from(text), sitePaths('/')).problems.map((p) => p.rule);
    expect(rules.some((r) => r === 'file-format' || r === 'field-value' || r === 'field-whitespace')).toBe(true);
  });
});

describe('npm run new -- --file outside the tree', () => {
  it.each(['../../../etc/passwd', '/etc/passwd', 'mm/../../../escape.c'])('%s is refused and nothing is written', async (file) => {
    const root = tempDir();
    const result = await runScriptHere('scripts/new.ts', [
      'escape_probe',
      '--root',
      root,
      '--type',
      'EXPORT_SYMBOL',
      '--subsystem',
      'mm',
      '--summary',
      'A probe.',
      '--thread',
      'a@example.org',
      '--file',
      file,
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('[file-format]');
    expect(result.stderr).toContain('file must be a path inside the kernel tree');
    expect(fs.existsSync(path.join(root, E, 'escape_probe.mdx'))).toBe(false);
    expect(fs.readdirSync(root)).toEqual([]);
  });
});
