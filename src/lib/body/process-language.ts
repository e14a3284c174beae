// How a record's facts were gathered ("our notes", "rated partial") is not documentation: a record
// states facts and their sources, and says plainly what is not known. Checked in the body and in the
// frontmatter's prose (summary, reason, thread notes, history changes), as written in the file.

/** Phrases that describe the writer's process rather than the decision; matched case-insensitively. */
export const PROCESS_PHRASES: readonly string[] = [
  'our notes',
  'our research',
  'research notes',
  'rated partial',
  'rated verified',
  'confidence:',
  // Hedges and archive-search talk: a guess is not a fact, and "on record" / "here" speak of the
  // writer's search rather than of the kernel.
  'most likely',
  'on record',
  'established here',
  'not captured',
  'unverified',
];

export interface ProseProblem {
  /** 1-based, relative to the text checked. */
  line: number;
  column: number;
  rule: 'process-language';
  message: string;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// Words of a phrase may be split over lines (Markdown prose is wrapped).
const PATTERN = new RegExp(`\\b(?:${PROCESS_PHRASES.map((p) => p.split(' ').map(escape).join('\\s+')).join('|')})`, 'gi');

export const PROCESS_HINT =
  'state the fact and its source, or say plainly what is not known (e.g. "the release that merged it is not established")';

export function checkProcessLanguage(text: string): ProseProblem[] {
  const problems: ProseProblem[] = [];
  for (const match of text.matchAll(PATTERN)) {
    const before = text.slice(0, match.index);
    const line = before.split('\n').length;
    const column = match.index - (before.lastIndexOf('\n') + 1) + 1;
    const phrase = match[0].replace(/\s+/g, ' ');
    problems.push({ line, column, rule: 'process-language', message: `process language "${phrase}": ${PROCESS_HINT}` });
  }
  return problems;
}
