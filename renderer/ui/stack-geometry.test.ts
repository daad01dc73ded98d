import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { largest, percentText, stackSpans } from './stack-geometry';
import { ProgressBar, StackedBars } from './StackedBars';

describe('stacked bar geometry', () => {
  it('lays the parts end to end, each as wide as its share of the scale', () => {
    expect(stackSpans([25n, 50n, 25n], 100n, 400)).toEqual([
      { x: 0, width: 100 },
      { x: 100, width: 200 },
      { x: 300, width: 100 },
    ]);
  });

  it('tiles the bar of the parts’ sum exactly, whatever the rounding (no pixel gained or lost)', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 0n, max: 10n ** 30n }), { minLength: 1, maxLength: 8 }), fc.bigInt({ min: 1n, max: 10n ** 31n }), fc.integer({ min: 1, max: 2000 }), (parts, scale, width) => {
        const spans = stackSpans(parts, scale, width);
        const sum = parts.reduce((a, b) => a + b, 0n);
        const whole = stackSpans([sum], scale, width)[0]!;
        let x = 0;
        for (const span of spans) {
          expect(span.x).toBe(x);
          expect(span.width).toBeGreaterThanOrEqual(0);
          x += span.width;
        }
        expect(x).toBe(whole.width);
        expect(x).toBeLessThanOrEqual(width);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps precision on supplies far beyond a float’s 53 bits', () => {
    const huge = 10n ** 30n;
    expect(stackSpans([huge / 2n + 1n, huge / 2n - 1n], huge, 1000)).toEqual([
      { x: 0, width: 500 },
      { x: 500, width: 500 },
    ]);
  });

  it('cuts parts past the scale at the bar’s end, and counts a negative part as nothing', () => {
    expect(stackSpans([80n, 50n], 100n, 100)).toEqual([
      { x: 0, width: 80 },
      { x: 80, width: 20 },
    ]);
    expect(stackSpans([-5n, 10n], 100n, 100)).toEqual([
      { x: 0, width: 0 },
      { x: 0, width: 10 },
    ]);
  });

  it('draws nothing against a zero scale (a quest with no budget, a request not yet staked)', () => {
    expect(stackSpans([0n, 0n], 0n, 300)).toEqual([
      { x: 0, width: 0 },
      { x: 0, width: 0 },
    ]);
  });

  it('scales rows of different sizes to the largest, so they compare', () => {
    expect(largest([3n, 10n, 7n])).toBe(10n);
    expect(largest([])).toBe(0n);
  });
});

describe('percent of a whole', () => {
  it('is cut, never rounded up: 99.9 % funded does not read as 100 %', () => {
    expect(percentText(999n, 1000n)).toBe('99 %');
    expect(percentText(1000n, 1000n)).toBe('100 %');
    expect(percentText(0n, 1000n)).toBe('0 %');
  });
  it('never reads above 100 %, and says “—” without a whole', () => {
    expect(percentText(1500n, 1000n)).toBe('100 %');
    expect(percentText(5n, 0n)).toBe('—');
  });
});

describe('the components', () => {
  it('draw each part of each row, on one scale, with the figures and a legend', () => {
    const html = renderToStaticMarkup(
      createElement(StackedBars, {
        title: 'Quest budgets',
        rows: [
          { label: 'Solar', parts: [{ label: 'paid', value: 100n, tone: 'accent' }, { label: 'reserved', value: 100n, tone: 'warn' }], total: 400n, display: '400 CONX' },
          { label: 'Water', parts: [{ label: 'paid', value: 0n, tone: 'accent' }, { label: 'reserved', value: 200n, tone: 'warn' }], total: 200n, display: '200 CONX' },
        ],
      }),
    );
    expect(html).toContain('aria-label="Quest budgets"');
    expect(html).toContain('400 CONX');
    // The first row's track spans the whole bar (220 px), the second half of it: one scale.
    expect(html).toMatch(/width="220"[^>]*class="stack-track"/);
    expect(html).toMatch(/width="110"[^>]*class="stack-track"/);
    expect(html).toMatch(/x="165"[^>]*width="55"[^>]*class="stack-part stack-warn"/);
    expect(html.match(/<title>reserved<\/title>/g)).toHaveLength(2);
    expect(html).toContain('>paid</text>');
  });

  it('shows progress as a share of the goal, with its words for assistive technology', () => {
    const html = renderToStaticMarkup(createElement(ProgressBar, { label: 'Staked', value: 30n, of: 120n, display: '30 of 120 CONX' }));
    expect(html).toContain('aria-label="Staked: 30 of 120 CONX"');
    expect(html).toMatch(/width="25"[^>]*class="stack-part stack-accent"/);
  });
});
