import { describe, expect, it } from 'vitest';
import { demoteHeadings } from '../../src/lib/site/headings.ts';

describe('demoteHeadings', () => {
  it('moves every heading down, keeping attributes, at most to h6', () => {
    expect(demoteHeadings('<h2 id="why">Why</h2><p>x</p><h3>More</h3><h5>Deep</h5>', 2)).toBe(
      '<h4 id="why">Why</h4><p>x</p><h5>More</h5><h6>Deep</h6>',
    );
    expect(demoteHeadings('<header><hr><h2>A</h2></header>', 1)).toBe('<header><hr><h3>A</h3></header>');
    expect(demoteHeadings('<h2>A</h2>', 0)).toBe('<h2>A</h2>');
  });
});
