/**
 * Per-file encoding (issue 19 item 5): a UTF-8 file with a few stray bytes is read as UTF-8 with
 * a warning naming the line, not entirely as Windows-1252 ("é" became "Ã©" everywhere).
 */
import { describe, expect, it } from 'vitest';
import { decodeText, mixedEncodingWarning } from '../../../electron/import/decode.js';

const bytes = (...parts: (string | number[])[]) => {
  const out: number[] = [];
  for (const p of parts) out.push(...(typeof p === 'string' ? new TextEncoder().encode(p) : p));
  return new Uint8Array(out);
};

describe('decodeText', () => {
  it('reads ASCII (every byte below 0x80, NUL and controls too) exactly as UTF-8 does', () => {
    const all = new Uint8Array(Array.from({ length: 4096 }, (_, i) => (i * 37 + (i >> 7)) % 128));
    all[0] = 0x41; // not taken for UTF-16 (no zero in every other byte)
    expect(decodeText(all)).toEqual({ text: new TextDecoder('utf-8', { fatal: true }).decode(all), encoding: 'utf-8' });
    // A subarray of a larger buffer: only its own bytes.
    const inner = bytes('xx', 'CHILD,SEX\n1,1\n', 'yy').subarray(2, 16);
    expect(decodeText(inner)).toEqual({ text: 'CHILD,SEX\n1,1\n', encoding: 'utf-8' });
  });

  it('reads plain UTF-8 and plain Windows-1252 as before, with no mixed flag', () => {
    expect(decodeText(bytes('name\nChloé\n'))).toEqual({ text: 'name\nChloé\n', encoding: 'utf-8' });
    expect(decodeText(bytes('name,fee\nChlo', [0xe9], ',', [0xa3], '5\n'))).toEqual({ text: 'name,fee\nChloé,£5\n', encoding: 'windows-1252' });
  });

  it('reads a UTF-8 file with a stray byte as UTF-8, the byte shown as U+FFFD, and says where', () => {
    const d = decodeText(bytes('team,name\nNorth,Chloé\nEast,José\nSouth,Zo', [0xe9], '\n'));
    expect(d.encoding).toBe('utf-8');
    expect(d.text).toBe('team,name\nNorth,Chloé\nEast,José\nSouth,Zo\uFFFD\n');
    expect(d.mixed).toEqual({ strayBytes: 1, utf8Characters: 2, firstLine: 4 });
    expect(mixedEncodingWarning('teams.csv', d)).toEqual({
      level: 'warning',
      file: 'teams.csv',
      row: 4,
      text: 'The file is UTF-8 but holds 1 byte that is not (the first on line 4); it shows as \uFFFD. Check that line and save the file as UTF-8 again.',
    });
  });

  it('reads a mostly Windows-1252 file as Windows-1252, warning about the UTF-8 characters in it', () => {
    const d = decodeText(bytes('name\nZo', [0xe9], '\nRen', [0xe9], '\nAndr', [0xe9], '\nChloé\n'));
    expect(d.encoding).toBe('windows-1252');
    expect(d.text).toBe('name\nZoé\nRené\nAndré\nChloÃ©\n');
    expect(d.mixed).toEqual({ strayBytes: 3, utf8Characters: 1, firstLine: 2 });
    expect(mixedEncodingWarning('names.csv', d).text).toBe(
      'The file mixes encodings: it was read as Windows-1252, but 1 character is written as UTF-8 and will look wrong (e.g. "Ã©" for "é"); the first non-UTF-8 byte is on line 2. Save the file as UTF-8 and import it again.',
    );
  });
});
