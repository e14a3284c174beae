// npm run drift -- … --write: starts a `testing` record for exported symbols that have none, with
// the facts the code gives (type, namespace, file, subsystem) and the same skeleton as `npm run new`.
// It never replaces a file. Nobody knows the thread yet, so unless --thread is given every record
// gets a placeholder the validator refuses (thread-message-id): the record cannot reach the site
// until someone finds the message where the export was decided (CONTRIBUTING's facts rule).
import fs from 'node:fs';
import path from 'node:path';
import { recordData, recordPath, renderRecord, writeRecord } from './scaffold.ts';
import { parseRecordFile } from './records/parse.ts';
import { C_IDENTIFIER } from './schema.ts';
import { EXPORTS_DIR } from './project.ts';
import { sitePaths } from './urls.ts';
import { formatProblem } from './problems.ts';
import type { SubsystemCount, UndocumentedExport } from './drift/compare.ts';

import { THREAD_PLACEHOLDER } from './lore.ts';
export { THREAD_PLACEHOLDER };

export interface ScaffoldedRecord {
  symbol: string;
  file: string;
  /** False when it carries the thread placeholder (the validator refuses it until a thread is filled in). */
  valid: boolean;
}

export interface ScaffoldReport {
  written: ScaffoldedRecord[];
  skipped: { symbol: string; reason: string }[];
  /** Candidates left out by --limit. */
  notAttempted: number;
}

/** The record for one undocumented export, as `npm run new` would write it. */
export function undocumentedRecordText(u: UndocumentedExport, subsystem: string, threads: readonly string[]): string {
  const values = {
    summary: `Exported with ${u.macro} in ${u.file}; the decision behind the export is not described yet.`,
    type: u.type,
    namespace: u.namespace,
    status: 'testing',
    subsystem,
    file: u.file,
    thread: threads.length ? [...threads] : [THREAD_PLACEHOLDER],
  };
  return renderRecord(recordData(u.symbol, values));
}

export function scaffoldUndocumented(
  root: string,
  subsystems: readonly SubsystemCount[],
  options: { limit?: number; threads?: readonly string[] },
): ScaffoldReport {
  const threads = options.threads ?? [];
  const dir = path.join(root, EXPORTS_DIR);
  // Case-insensitive, as `npm run new` checks: foo.mdx and Foo.mdx must not both exist.
  const existing = new Set(fs.existsSync(dir) ? fs.readdirSync(dir).map((name) => name.toLowerCase()) : []);
  const report: ScaffoldReport = { written: [], skipped: [], notAttempted: 0 };
  const paths = sitePaths('/');
  const limit = options.limit ?? Infinity;
  for (const { subsystem, symbols } of subsystems) {
    for (const u of symbols) {
      if (report.written.length >= limit) {
        report.notAttempted++;
        continue;
      }
      if (!C_IDENTIFIER.test(u.symbol)) {
        report.skipped.push({ symbol: u.symbol, reason: 'not a C identifier, so it cannot be a record file name' });
        continue;
      }
      const file = recordPath(u.symbol);
      if (existing.has(`${u.symbol}.mdx`.toLowerCase())) {
        report.skipped.push({ symbol: u.symbol, reason: `${file} (or a name differing only in case) already exists` });
        continue;
      }
      const text = undocumentedRecordText(u, subsystem, threads);
      const problems = parseRecordFile(file, new TextEncoder().encode(text), paths).problems;
      const expected = problems.filter((p) => !threads.length && p.rule === 'thread-message-id');
      const other = problems.filter((p) => !expected.includes(p));
      if (other.length) {
        report.skipped.push({ symbol: u.symbol, reason: `the record would not be valid: ${other.map(formatProblem).join('; ')}` });
        continue;
      }
      try {
        writeRecord(root, { file, text });
      } catch (error) {
        report.skipped.push({ symbol: u.symbol, reason: `could not write ${file}: ${(error as Error).message}` });
        continue;
      }
      existing.add(`${u.symbol}.mdx`.toLowerCase());
      report.written.push({ symbol: u.symbol, file, valid: expected.length === 0 });
    }
  }
  return report;
}

export function formatScaffoldText(report: ScaffoldReport): string {
  const out: string[] = [];
  const count = (k: number, one: string, many = `${one}s`) => `${k.toLocaleString('en-US')} ${k === 1 ? one : many}`;
  out.push(`Wrote ${count(report.written.length, 'record')} (status testing, facts from the code):`);
  for (const w of report.written) out.push(`  ${w.file}`);
  const placeholders = report.written.filter((w) => !w.valid).length;
  if (placeholders) {
    out.push(
      `${count(placeholders, 'record has', 'records have')} the thread placeholder ${THREAD_PLACEHOLDER}: npm run validate (and the build) refuse them until each names the message where its export was decided; pass --thread to give one.`,
    );
  }
  if (report.skipped.length) {
    out.push(`Skipped ${count(report.skipped.length, 'symbol')}:`);
    for (const s of report.skipped) out.push(`  ${s.symbol}: ${s.reason}`);
  }
  if (report.notAttempted) out.push(`Not written (--limit): ${count(report.notAttempted, 'more symbol')}.`);
  return `${out.join('\n')}\n`;
}
