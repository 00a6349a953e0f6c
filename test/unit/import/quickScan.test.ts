/**
 * quickScanCsv is the import's fast path for plain files: whenever it answers, it must answer
 * exactly what scanCsv would (and say truly whether any value needs trimming).
 */
import { describe, expect, it } from 'vitest';
import { quickScanCsv, scanCsv } from '../../../shared/import/csv.js';

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const PAD = /^[ \t\u00a0]|[ \t\u00a0]$/;

function check(text: string, delimiter: string): boolean {
  const quick = quickScanCsv(text, delimiter);
  if (!quick) return false;
  const full = scanCsv(text, delimiter, { collect: true });
  const { padded, ...rest } = quick;
  const { rows, ...fullRest } = full;
  expect(rest, JSON.stringify(text)).toEqual(fullRest);
  // Never "not padded" when a value is: the import would then skip trimming it.
  if ((rows ?? []).some((r) => r.fields.some((f) => PAD.test(f)))) expect(padded, JSON.stringify(text)).toBe(true);
  return true;
}

describe('quickScanCsv', () => {
  it('reads a plain file as scanCsv does', () => {
    expect(check('CHILD,DOB\n1,01/02/2020\n2,03/04/2021\n', ',')).toBe(true);
    expect(check('CHILD,DOB\r\n1,01/02/2020\r\n2,03/04/2021', ',')).toBe(true);
    expect(check('CHILD;DOB\n1;01/02/2020\n\n\n', ';')).toBe(true);
    expect(check('CHILD,DOB\n 1,01/02/2020\n', ',')).toBe(true);
    expect(check('CHILD,DOB\n1,01/02/2020\u00a0\n', ',')).toBe(true);
    expect(check('CHILD,DOB\n', ',')).toBe(true);
    expect(quickScanCsv('CHILD,DOB\n1,01/02/2020\n2,3\n', ',')?.padded).toBe(false);
    expect(quickScanCsv('CHILD,DOB\n1,01/02/2020 \n', ',')?.padded).toBe(true);
    expect(quickScanCsv('CHILD,DOB\n1,01/02/2020\n2, 3', ',')?.padded).toBe(true);
  });

  it('leaves anything irregular to scanCsv', () => {
    for (const text of [
      'CHILD,DOB\n"1",01/02/2020\n', // quotes
      'CHILD,DOB\n1,01/02/2020\r\n2,x\n', // mixed endings
      'CHILD,DOB\r1,01/02/2020\r', // CR only
      'CHILD,DOB\n\n1,01/02/2020\n', // blank line inside
      'CHILD,DOB\n1,01/02/2020\n,\n', // a line of delimiters
      'CHILD,DOB\n1,01/02/2020\n  \n', // a line of spaces
      'CHILD,DOB\n1\n', // too few values
      'CHILD,DOB\n1,2,3\n', // too many
      '\nCHILD,DOB\n1,2\n', // header not on the first line
      ',\n1,2\n', // header of empty names
      'CHILD,DOB\n1,0\u0000\n', // NUL
    ]) {
      expect(quickScanCsv(text, ','), JSON.stringify(text)).toBeNull();
    }
  });

  it('agrees with scanCsv on random text whenever it answers', () => {
    const rand = prng(903);
    let answered = 0;
    for (const d of [',', ';', '\t']) {
      const alphabet = ['a', 'b', '1', d, d, d, ',', ' ', '\t', '\u00a0', '\n', '\n', '\r\n', '\r', '"', '\u0000'];
      for (let k = 0; k < 10000; k++) {
        const len = 1 + Math.floor(rand() * 30);
        let text = `A${d}B${d}C${rand() < 0.3 ? '\r\n' : '\n'}`;
        for (let j = 0; j < len; j++) text += alphabet[Math.floor(rand() * alphabet.length)]!;
        if (check(text, d)) answered++;
      }
    }
    // Regular rows of three values, some padded, some with CRLF or empty lines at the end.
    for (let k = 0; k < 2000; k++) {
      const eol = rand() < 0.5 ? '\n' : '\r\n';
      const rows = Array.from({ length: 1 + Math.floor(rand() * 4) }, () =>
        Array.from({ length: 3 }, () => ['x', ' x', 'x ', '', '\tx', 'x\u00a0', 'a b'][Math.floor(rand() * 7)]).join(','),
      );
      const text = ['A,B,C', ...rows].join(eol) + eol.repeat(Math.floor(rand() * 3));
      if (check(text, ',')) answered++;
    }
    expect(answered).toBeGreaterThan(1000);
  });

  it('counts the values of a line with any delimiter, one a regular expression treats specially too, and any number of columns', () => {
    for (const d of [',', ';', '\t', '|', '^', ']', '\\', '-', '.', '*', '$', 'x']) {
      for (const columns of [1, 2, 13]) {
        const row = (k: number) => Array.from({ length: k }, (_, i) => `v${i}`).join(d);
        const head = Array.from({ length: columns }, (_, i) => `C${i}`).join(d);
        for (const eol of ['\n', '\r\n']) {
          expect(check([head, row(columns), row(columns)].join(eol) + eol, d), `${d} ${columns}`).toBe(true);
          expect(check([head, row(columns), row(columns)].join(eol), d), `${d} ${columns} no last line end`).toBe(true);
          expect(quickScanCsv([head, row(columns), row(columns + 1)].join(eol), d), `${d} ${columns} one too many`).toBeNull();
          if (columns > 1) expect(quickScanCsv([head, row(columns - 1), row(columns)].join(eol) + eol, d), `${d} ${columns} one too few`).toBeNull();
        }
      }
    }
  });
});
