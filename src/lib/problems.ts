// A problem found in a record, located like a compiler diagnostic.

export interface Problem {
  file: string;
  line: number;
  column: number;
  severity: 'error' | 'warning';
  rule: string;
  message: string;
}

export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.severity}: ${p.message} [${p.rule}]`;
}

export function formatProblemsJson(problems: readonly Problem[]): string {
  return JSON.stringify(problems, null, 2);
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
