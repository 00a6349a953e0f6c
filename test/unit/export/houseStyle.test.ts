/**
 * House style contrast (WCAG 2.2 AA): the defaults pass (headings 4.5:1 on white; chart colours
 * 3:1 on white and against the next colour, the last against the first as series wrap round);
 * a failing custom style is flagged with its ratio and a shade that passes; bad styles are refused.
 */
import { describe, expect, it } from 'vitest';
import { renderChartSvg } from '../../../shared/export/chartSvg.js';
import { AGE_TABLE, CLA_TABLE } from './fixtures.js';
import { contrastProblems, contrastRatio, type ContrastProblem, DEFAULT_HOUSE_STYLE, houseStyleSchema, jpegSize, luminance, tint } from '../../../shared/export/houseStyle.js';

describe('contrast', () => {
  it('works out WCAG ratios', () => {
    expect(contrastRatio('#000000', '#FFFFFF')).toBeCloseTo(21, 6);
    expect(contrastRatio('#FFFFFF', '#FFFFFF')).toBe(1);
    // #767676 is the well-known lightest grey with 4.5:1 on white; #777777 just misses it.
    expect(contrastRatio('#767676', '#FFFFFF')).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio('#777777', '#FFFFFF')).toBeLessThan(4.5);
    expect(luminance('#FF0000')).toBeCloseTo(0.2126, 4);
  });

  it('passes the defaults: headings 4.5:1, chart colours 3:1 against white and their neighbours', () => {
    const { heading, palette } = DEFAULT_HOUSE_STYLE;
    expect(contrastRatio(heading, '#FFFFFF')).toBeGreaterThanOrEqual(4.5);
    const againstWhite = palette.map((c) => contrastRatio(c, '#FFFFFF'));
    const neighbours = palette.map((c, i) => contrastRatio(c, palette[(i + 1) % palette.length]!));
    expect(Math.min(...againstWhite)).toBeGreaterThanOrEqual(3);
    expect(Math.min(...neighbours)).toBeGreaterThanOrEqual(3);
    expect(againstWhite.map((r) => r.toFixed(2))).toEqual(['10.25', '3.17', '9.77', '3.03', '10.86', '3.08']);
    expect(contrastProblems(DEFAULT_HOUSE_STYLE)).toEqual([]);
    // The header fill is a light tint: dark text on it keeps well over 4.5:1.
    expect(contrastRatio('#0B0C0C', tint(palette[0]!))).toBeGreaterThan(12);
  });

  it('flags a custom colour that fails, with its ratio and a darker shade that passes', () => {
    const problems = contrastProblems({ heading: '#999999', palette: ['#FFD700', '#12436D'] });
    expect(problems.map((p) => [p.what, p.colour, p.againstText, p.ratio, p.needed])).toEqual([
      ['heading', '#999999', 'white', 2.84, 4.5],
      [0, '#FFD700', 'white', 1.4, 3],
    ]);
    for (const p of problems) {
      expect(p.suggestion).not.toBeNull();
      expect(contrastRatio(p.suggestion!, '#FFFFFF')).toBeGreaterThanOrEqual(p.needed);
    }
    expect(problems[0]!.message).toBe(`The heading colour #999999 has 2.84:1 against white; WCAG 2.2 AA asks for 4.5:1. ${problems[0]!.suggestion} would pass.`);
  });

  it('suggests one shade per colour that mends every contrast it fails', () => {
    const problems = contrastProblems({ heading: '#0B0C0C', palette: ['#1D5C3A', '#B8860B', '#801650', '#F46A25', '#3D3D3D', '#A285D1'] });
    expect(problems.map((p) => [p.what, p.againstText, p.ratio])).toEqual([
      [0, 'chart colour 2 (#B8860B)', 2.44],
      [0, 'chart colour 6 (#A285D1)', 2.57],
    ]);
    const [a, b] = problems as [ContrastProblem, ContrastProblem];
    expect(a.suggestion).toBe(b.suggestion);
    const mended = ['#B8860B', '#A285D1'].map((c) => contrastRatio(a.suggestion!, c));
    expect(Math.min(...mended)).toBeGreaterThanOrEqual(3);
  });

  it('flags neighbours too alike, naming the darker one (darkening it parts them); none when even black will not do', () => {
    // Two mid blues: each clears white, but not each other.
    const close = contrastProblems({ heading: '#0B0C0C', palette: ['#2073BC', '#12436D'] });
    expect(close.map((p) => [p.what, p.againstText])).toEqual([[1, 'chart colour 1 (#2073BC)']]);
    expect(contrastRatio(close[0]!.suggestion!, '#2073BC')).toBeGreaterThanOrEqual(3);
    // Two darks: no darker shade helps; the message says to lighten one.
    const dark = contrastProblems({ heading: '#0B0C0C', palette: ['#12436D', '#1D4F7F'] });
    expect(dark).toHaveLength(1);
    expect(dark[0]!.suggestion).toBeNull();
    expect(dark[0]!.message).toMatch(/Choose a lighter colour for one of them\.$/);
  });

  it('refuses a style it cannot use, saying why', () => {
    expect(houseStyleSchema.safeParse({ ...DEFAULT_HOUSE_STYLE, heading: 'red' }).error?.issues[0]?.message).toBe('Give a colour as # and six hex digits, e.g. #12436D.');
    expect(houseStyleSchema.safeParse({ ...DEFAULT_HOUSE_STYLE, palette: ['#000000'] }).error?.issues[0]?.message).toBe('Give at least two chart colours.');
    expect(houseStyleSchema.safeParse({ ...DEFAULT_HOUSE_STYLE, font: 'Comic Sans; x' }).success).toBe(false);
    expect(houseStyleSchema.parse({ ...DEFAULT_HOUSE_STYLE, heading: '#abcdef' }).heading).toBe('#ABCDEF');
  });

  it('reads a JPEG logo\'s size from its frame header', () => {
    const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x00, 0x20, 0x00, 0x40, 0x03, 0, 0, 0, 0, 0, 0]);
    expect(jpegSize(jpeg)).toEqual({ width: 64, height: 32 });
    expect(jpegSize(Uint8Array.from([0x89, 0x50, 0x4e, 0x47]))).toBeNull();
  });
});

describe('house colours and font in the exported charts', () => {
  const look = { palette: ['#1D5C3A', '#B8860B', '#2B2B6B'], font: 'Verdana' };

  it('draws bars in the house colours, still with a pattern each and value labels', () => {
    const svg = renderChartSvg(AGE_TABLE, { look }).svg;
    const fills = [...svg.matchAll(/<pattern id="chart-age-p\d"[^>]*><rect width="8" height="8" fill="([^"]+)"\/>(.*?)<\/pattern>/g)];
    expect(fills.map((m) => m[1])).toEqual(look.palette);
    expect(new Set(fills.map((m) => m[2])).size).toBe(3);
    expect(svg).toContain(`font-family="'Verdana', Arial,`);
    expect(svg).toMatch(/class="value"[^>]*>230</);
  });

  it('draws lines in the house colours, wrapping round the palette, each with its own dash and marker', () => {
    const svg = renderChartSvg(CLA_TABLE, { look }).svg;
    const strokes = [...svg.matchAll(/<path class="line" [^>]*stroke="([^"]+)"/g)].map((m) => m[1]);
    expect(strokes).toEqual(CLA_TABLE.result.rows.map((_, i) => look.palette[i % 3]));
  });
});
