/**
 * Charts drawn once per process: an export made again reuses the PNGs already drawn for the same
 * SVG and scale (electron/export/chartPng.ts), and draws only the charts that changed. resvg is
 * counted here (charts drawn on this thread: fewer than four at a time).
 */
import { describe, expect, it, vi } from 'vitest';
import { svgToPng, withCharts } from '../../../electron/export/chartPng.js';
import { renderChartSvg } from '../../../shared/export/chartSvg.js';
import { AGE_TABLE, CLA_TABLE, ETHNICITY_TABLE } from './fixtures.js';

const drawn = vi.hoisted(() => ({ count: 0 }));
vi.mock('@resvg/resvg-js', async (importOriginal) => {
  const real = await importOriginal<typeof import('@resvg/resvg-js')>();
  class Counted extends real.Resvg {
    constructor(...args: ConstructorParameters<typeof real.Resvg>) {
      super(...args);
      drawn.count++;
    }
  }
  return { ...real, Resvg: Counted };
});

const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((v, i) => v === b[i]);

describe('charts drawn again', () => {
  it('are not drawn again: the same bytes, each caller its own copy; a changed chart or scale is drawn', async () => {
    const scale = 1.25; // no other test draws at this scale
    const fresh = (t: typeof AGE_TABLE) => svgToPng(renderChartSvg(t).svg, { scale });
    const expected = [fresh(AGE_TABLE), fresh(CLA_TABLE), fresh(ETHNICITY_TABLE)];

    drawn.count = 0;
    const first = await withCharts([AGE_TABLE, CLA_TABLE], { scale });
    expect(drawn.count).toBe(2);
    expect(first.map((t, i) => same(t.chartPng!, expected[i]!))).toEqual([true, true]);

    first[0]!.chartPng!.fill(0); // a caller changing its PNG changes no one else's
    const again = await withCharts([AGE_TABLE, CLA_TABLE], { scale });
    expect(drawn.count).toBe(2);
    expect(again.map((t, i) => same(t.chartPng!, expected[i]!))).toEqual([true, true]);

    const changed = await withCharts([CLA_TABLE, ETHNICITY_TABLE], { scale });
    expect(drawn.count).toBe(3);
    expect(same(changed[1]!.chartPng!, expected[2]!)).toBe(true);

    await withCharts([AGE_TABLE], { scale: 1.5 });
    expect(drawn.count).toBe(4);
  });
});
