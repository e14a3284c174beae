// Regular expressions typed by users (npm run abi -- search '<regex>') run on RE2's linear-time
// engine (re2js, a pure JavaScript port): `(\w+)+!` costs as much as `\w+!`, never exponential time.
// RE2 has no backreferences or lookaround; a pattern it cannot run is refused with a plain message.
import { RE2JS } from 're2js';
import { printable, truncateText } from './printable.ts';

/** Longer patterns are refused: a symbol search needs a few dozen characters. */
export const MAX_PATTERN_LENGTH = 1000;

export class UserPatternError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserPatternError';
  }
}

export interface UserPattern {
  source: string;
  test(text: string): boolean;
}

export function compileUserPattern(pattern: string): UserPattern {
  const shown = truncateText(printable(pattern), 80);
  if (pattern.length > MAX_PATTERN_LENGTH)
    throw new UserPatternError(`the pattern is ${pattern.length} characters long; the limit is ${MAX_PATTERN_LENGTH}`);
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(pattern);
  } catch (error) {
    const reason = printable((error as Error).message || String(error));
    throw new UserPatternError(
      `cannot use /${shown}/: ${truncateText(reason, 200)} (patterns run on a linear-time engine, RE2: no backreferences such as \\1 and no lookaround such as (?=…))`,
    );
  }
  return { source: pattern, test: (text) => compiled.test(text) };
}
