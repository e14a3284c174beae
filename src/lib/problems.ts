// A problem found in a record, located like a compiler diagnostic.
import { printable, truncateText } from './printable.ts';

export interface Problem {
  file: string;
  line: number;
  column: number;
  severity: 'error' | 'warning';
  rule: string;
  message: string;
}

/** A message longer than this is cut (a hostile input must not make a megabyte error line). */
export const MAX_MESSAGE_LENGTH = 1000;

/** One line, whatever the file name and message hold: control characters escaped, the message bounded. */
export function formatProblem(p: Problem): string {
  return `${printable(p.file)}:${p.line}:${p.column}: ${p.severity}: ${truncateText(printable(p.message), MAX_MESSAGE_LENGTH)} [${printable(p.rule)}]`;
}

export function formatProblemsJson(problems: readonly Problem[]): string {
  return JSON.stringify(problems, null, 2);
}

/** A GitHub Actions workflow command, so CI shows the problem on the line it is about. */
export function formatGithubAnnotation(p: Problem): string {
  // Workflow-command escaping: data escapes % CR LF; property values also escape : and ,.
  // Other control characters are shown escaped first, so nothing reaches the log raw.
  const data = (text: string) => printable(text, { keepNewlines: true }).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const prop = (text: string) => data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
  const severity = p.severity === 'warning' ? 'warning' : 'error';
  return `::${severity} file=${prop(p.file)},line=${Number(p.line) || 1},col=${Number(p.column) || 1},title=${prop(`[${p.rule}]`)}::${data(truncateText(p.message, MAX_MESSAGE_LENGTH))}`;
}

/** Problems as written by `--format json`; throws with a plain message when the input is not that. */
export function parseProblemsJson(text: string): Problem[] {
  const data: unknown = JSON.parse(text);
  const isProblem = (p: unknown): p is Problem => {
    const q = p as Partial<Problem> | null;
    return (
      typeof q === 'object' &&
      q !== null &&
      typeof q.file === 'string' &&
      typeof q.line === 'number' &&
      typeof q.column === 'number' &&
      (q.severity === 'error' || q.severity === 'warning') &&
      typeof q.rule === 'string' &&
      typeof q.message === 'string'
    );
  };
  if (!Array.isArray(data) || !data.every(isProblem)) throw new Error('expected the JSON array that validate --format json prints');
  return data;
}

export function compareProblems(a: Problem, b: Problem): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column;
}

/** Thrown by the build (and anything that must stop) with every problem, formatted. */
export class RecordError extends Error {
  readonly problems: readonly Problem[];
  constructor(problems: readonly Problem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'RecordError';
    this.problems = problems;
  }
}
