import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { gaugeAngle, gaugePoint, healthPath, healthScale, healthText, healthTicks, healthTone, xOf, yOf } from './geometry';
import { HealthChart, axisLabel } from './HealthChart';
import { HealthGauge } from './HealthGauge';

const box = { left: 0, top: 0, width: 100, height: 100 };

describe('health as a figure', () => {
  it('is cut to two decimals, never rounded up (a line at 0.999 is not “1.00”)', () => {
    expect(healthText(9_999)).toBe('0.99');
    expect(healthText(10_000)).toBe('1.00');
    expect(healthText(14_567)).toBe('1.45');
    expect(healthText(null)).toBe('no debt');
  });

  it('reads as liquidatable below 1.0, close below 1.2, healthy above, and none without debt', () => {
    expect(healthTone(9_999)).toBe('danger');
    expect(healthTone(10_000)).toBe('warn');
    expect(healthTone(12_000)).toBe('ok');
    expect(healthTone(null)).toBe('none');
  });
});

describe('the gauge', () => {
  const gauge = { cx: 100, cy: 100, r: 50, maxBps: 30_000 };
  it('puts health 0 left, the top of the scale right, and pins anything above it right', () => {
    expect(gaugeAngle(0, gauge)).toBeCloseTo(Math.PI);
    expect(gaugeAngle(15_000, gauge)).toBeCloseTo(Math.PI / 2);
    expect(gaugeAngle(90_000, gauge)).toBeCloseTo(0);
    expect(gaugePoint(15_000, gauge)).toEqual({ x: 100, y: 50 });
  });

  it('draws the needle at the line’s health and prints the figure', () => {
    const html = renderToStaticMarkup(createElement(HealthGauge, { healthBps: 8_500, caption: 'Health' }));
    expect(html).toContain('data-tone="danger"');
    expect(html).toContain('>0.85</text>');
    expect(html).toContain('gauge-needle');
  });

  it('has no needle for a line without debt', () => {
    const html = renderToStaticMarkup(createElement(HealthGauge, { healthBps: null, caption: 'Health' }));
    expect(html).not.toContain('gauge-needle');
    expect(html).toContain('no debt');
  });
});

describe('the chart over time', () => {
  const points = [
    { time: 0, healthBps: 20_000 },
    { time: 50, healthBps: 10_000 },
    { time: 100, healthBps: 15_000 },
  ];

  it('scales time across the width and health from 0 to a top of at least 2.0', () => {
    const scale = healthScale(points);
    expect(scale).toEqual({ minTime: 0, maxTime: 3600, topBps: 20_000 });
    expect(healthScale([{ time: 0, healthBps: 31_000 }]).topBps).toBe(35_000);
    expect(healthScale([{ time: 0, healthBps: 900_000 }]).topBps).toBe(50_000);
    expect(yOf(10_000, { minTime: 0, maxTime: 100, topBps: 20_000 }, box)).toBe(50);
    expect(xOf(25, { minTime: 0, maxTime: 100, topBps: 20_000 }, box)).toBe(25);
    expect(healthTicks({ minTime: 0, maxTime: 1, topBps: 20_000 })).toEqual([0, 5_000, 10_000, 15_000, 20_000]);
  });

  it('draws health as steps that hold from one entry to the next', () => {
    const path = healthPath(points, { minTime: 0, maxTime: 100, topBps: 20_000 }, box);
    expect(path).toBe('M 0 0 H 50 V 50 H 100 V 25 H 100');
  });

  it('lifts the pen where the line had no debt', () => {
    const gap = [{ time: 0, healthBps: 20_000 }, { time: 40, healthBps: null }, { time: 60, healthBps: 10_000 }];
    expect(healthPath(gap, { minTime: 0, maxTime: 100, topBps: 20_000 }, box)).toBe('M 0 0 H 40 M 60 50 H 100');
  });

  it('says every figure in its label, so the chart reads without the drawing', () => {
    const html = renderToStaticMarkup(createElement(HealthChart, { title: 'Health over time', points }));
    expect(html).toContain('aria-label="Health over time: 2.00, 1.00, 1.50"');
    expect(html).toContain('data-points="3"');
  });

  it('labels the time axis by day, with the hour when the chart spans less than two days', () => {
    expect(axisLabel(1_776_261_600, 3 * 86_400)).toBe('2026-04-15');
    expect(axisLabel(1_776_261_600, 3_600)).toBe('04-15 14:00 UTC');
  });
});
