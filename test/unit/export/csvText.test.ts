/**
 * CSV written by the app never carries a live formula (issue 19 item 4): the CLI's pack tables,
 * Explore's results and child-level rows all go through csvText.
 */
import { describe, expect, it } from 'vitest';
import { csvField, csvText } from '../../../shared/export/csvText.js';
import { packResultToCsv } from '../../../shared/packs/csv.js';
import type { PackResult } from '../../../shared/packs/result.js';
import { rowsToCsv } from '../../../renderer/src/lib/tableText.js';

describe('csvField', () => {
  it('starts text a spreadsheet would read as a formula with a quote, and quotes what needs quoting', () => {
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('+44 20')).toBe("'+44 20");
    expect(csvField('-2')).toBe("'-2");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\tx')).toBe("'\tx");
    expect(csvField('=HYPERLINK("http://example.invalid","Click")')).toBe(`"'=HYPERLINK(""http://example.invalid"",""Click"")"`);
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('C2')).toBe('C2');
  });

  it('leaves numbers, negative ones too, as numbers, and null as empty', () => {
    expect(csvField(-2.5)).toBe('-2.5');
    expect(csvField(0)).toBe('0');
    expect(csvField(null)).toBe('');
    expect(csvText(['=a', 'n'], [['=b', -1]])).toBe("'=a,n\r\n'=b,-1\r\n");
  });
});

describe('every CSV the app writes', () => {
  it('neutralises formula-like codes and labels in a pack table (the CLI\'s pack --format csv)', () => {
    const result: PackResult = {
      pack: 'placement',
      title: 'Placements',
      definition: '',
      years: [2024],
      rows: [
        { key: '=1+1', label: '=HYPERLINK("http://example.invalid/x","Click")', group: '@group', values: { '2024': { count: 3, percent: 60 } } },
        { key: 'R1', label: 'Residential', group: null, values: { '2024': { count: 2, percent: 40 } } },
      ],
      total: { '2024': { count: 5, percent: 100 } },
      notes: [],
    };
    const lines = packResultToCsv(result).split('\r\n');
    expect(lines[1]).toBe(`'=1+1,"'=HYPERLINK(""http://example.invalid/x"",""Click"")",'@group,3,60`);
    expect(lines[2]).toBe('R1,Residential,,2,40');
    expect(lines.slice(1).every((l) => !/(^|,)[=+@]/.test(l))).toBe(true);
  });

  it('neutralises the page\'s downloads (Explore results, child-level rows)', () => {
    expect(rowsToCsv(['child', '=x'], [{ child: '=cmd|/c calc', '=x': -3 }])).toBe("child,'=x\r\n'=cmd|/c calc,-3\r\n");
  });
});
