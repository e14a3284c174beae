import { describe, expect, it } from 'vitest';
import { checkProcessLanguage, PROCESS_HINT } from '../../src/lib/body/process-language.ts';

// Phrasings found in records before the rule was extended (issue 14), and the plain wording that replaced them.
describe('process-language', () => {
  it.each([
    ['Taken by Andrew Morton as a standalone fix, most likely for 4.18.', 'most likely', 1, 45],
    ['No objection to the patch is on record.', 'on record', 1, 30],
    ['The one practical snag on record came in linux-next.', 'on record', 1, 24],
    ['when that removal happened is not established here.', 'established here', 1, 35],
    ['Follow-up fixes exist (Message-IDs not captured).', 'not captured', 1, 36],
    ['An unverified hint only.', 'unverified', 1, 4],
    ['The merge is\nnot on\nrecord.', 'on record', 2, 5],
  ])('reports %j', (text, phrase, line, column) => {
    expect(checkProcessLanguage(text)).toEqual([
      { line, column, rule: 'process-language', message: `process language "${phrase}": ${PROCESS_HINT}` },
    ]);
  });

  it.each([
    'The release that merged it is not established.',
    'The v5.7.14 export snapshot lists the export and v5.8.18 does not.',
    'No answer beyond that review is known.',
    'The recorded history stops in 2018.',
    'Here there were none left.',
  ])('accepts plain wording: %j', (text) => {
    expect(checkProcessLanguage(text)).toEqual([]);
  });
});
