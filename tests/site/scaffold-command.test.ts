// Every symbol page offers an `npm run new` command and a GitHub link with the record's facts filled
// in. Generated for every symbol of the committed latest snapshot, each command must parse with the
// scaffolder's own flags and give a record the schema accepts once a real thread replaces the
// placeholder; the GitHub skeleton must be refused until then.
import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadSnapshots } from '../../src/lib/records/load.ts';
import { parseRecordFile } from '../../src/lib/records/parse.ts';
import { recordData, scaffoldFlags } from '../../src/lib/scaffold.ts';
import { C_IDENTIFIER, recordSchema } from '../../src/lib/schema.ts';
import { canHaveRecord, prefilledRecord, scaffoldCommand, undocumentedSymbols } from '../../src/lib/site/undocumented.ts';
import { REPO_ROOT } from '../../src/lib/project.ts';
import { sitePaths } from '../../src/lib/urls.ts';

/** Splits a command line as a POSIX shell would for the quoting scaffoldCommand uses ('…' and '\''). */
function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unclosed quote in ${line}`);
      word = (word ?? '') + line.slice(i + 1, end);
      i = end;
    } else if (c === '\\') word = (word ?? '') + line[++i];
    else if (c === ' ') {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else word = (word ?? '') + c;
  }
  if (word !== undefined) words.push(word);
  return words;
}

const latest = loadSnapshots(REPO_ROOT).at(-1)!;
const symbols = undocumentedSymbols(latest, new Set());
const options = Object.fromEntries(scaffoldFlags().map((f) => [f.flag, { type: 'string' as const, multiple: f.multiple }]));

describe('the prefilled npm run new command of every symbol page', () => {
  it(`parses and gives a valid record for all ${symbols.length} symbols of ${latest.version}`, () => {
    expect(symbols.length).toBeGreaterThan(30_000);
    const failures: string[] = [];
    const verdicts = new Map<string, string>();
    for (const s of symbols.filter((u) => canHaveRecord(u.symbol))) {
      const command = scaffoldCommand(s.symbol, s.rows);
      if (/\$\{|\|/.test(command)) failures.push(`${s.symbol}: raw notation in ${command}`);
      const words = shellWords(command);
      // A plain comparison, not expect(): 40,000 expect() calls cost seconds.
      if (words[0] !== 'npm' || words[1] !== 'run' || words[2] !== 'new') failures.push(`${s.symbol}: ${command} is not npm run new`);
      const { values, positionals } = parseArgs({ args: words.slice(4), allowPositionals: true, options });
      if (positionals.join() !== s.symbol) failures.push(`${s.symbol}: positionals ${positionals.join()}`);
      const data = recordData(s.symbol, { ...values, thread: ['20240101000000.1-1-a@example.org'], summary: 'A fixture summary.' });
      // A module list the scanner could not resolve is left for the scaffolder to ask for.
      if (s.rows.some((r) => r.namespace.includes('${')) && !values.namespace) continue;
      // The schema accepts any C identifier as the symbol and no rule it runs here compares the symbol
      // with another field, so records alike but for the name get one verdict (about 7,000 schema runs, not 40,000).
      const key = JSON.stringify({ ...data, symbol: C_IDENTIFIER.test(s.symbol) ? '' : s.symbol });
      let problems = verdicts.get(key);
      if (problems === undefined) {
        const parsed = recordSchema.safeParse(data);
        problems = parsed.success ? '' : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
        verdicts.set(key, problems);
      }
      if (problems) failures.push(`${s.symbol}: ${command}\n  ${problems}`);
    }
    expect(failures.slice(0, 10)).toEqual([]);
    expect(verdicts.size).toBeGreaterThan(1000);
  });

  it('the GitHub skeleton has the facts and a thread placeholder the validator refuses', () => {
    const kvm = symbols.find((s) => s.rows.some((r) => r.macro === 'EXPORT_SYMBOL_FOR_KVM'))!;
    const text = prefilledRecord(kvm.symbol, kvm.rows, '2026-01-02');
    expect(text).not.toMatch(/\$\{|\|/);
    expect(text).toContain('type: EXPORT_SYMBOL_FOR_MODULES');
    const parsed = parseRecordFile(`content/exports/${kvm.symbol}.mdx`, Buffer.from(text), sitePaths('/'));
    expect(parsed.problems.map((p) => p.rule)).toEqual(expect.arrayContaining(['thread-message-id']));
  });
});
