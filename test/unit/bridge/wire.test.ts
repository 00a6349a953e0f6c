import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64, decodeWire, encodeWire } from '../../../shared/wire.js';

const ascii = (s: string) => new TextEncoder().encode(s);

describe('base64 (RFC 4648 section 10 test vectors)', () => {
  const vectors: [string, string][] = [
    ['', ''],
    ['f', 'Zg=='],
    ['fo', 'Zm8='],
    ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg=='],
    ['fooba', 'Zm9vYmE='],
    ['foobar', 'Zm9vYmFy'],
  ];
  it.each(vectors)('encodes %j as %j and back', (plain, encoded) => {
    expect(bytesToBase64(ascii(plain))).toBe(encoded);
    expect(Array.from(base64ToBytes(encoded))).toEqual(Array.from(ascii(plain)));
  });

  it('round-trips every byte value, across the chunk boundary', () => {
    const bytes = new Uint8Array(3 * 8192 + 7).map((_, i) => (i * 31 + 7) % 256);
    expect(Array.from(base64ToBytes(bytesToBase64(bytes)))).toEqual(Array.from(bytes));
    // And agrees with Node's own encoder.
    expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
  });

  it('refuses text that is not base64', () => {
    expect(() => base64ToBytes('Zm9')).toThrow(/multiple of 4/);
    expect(() => base64ToBytes('Zm9*')).toThrow(/position 4/);
  });
});

describe('wire codec', () => {
  it('carries Uint8Arrays anywhere in the value, byte for byte', () => {
    const value = {
      year: 2024,
      files: [
        { name: 'header.csv', data: ascii('CHILD,SEX\n001,1\n') },
        { name: 'empty.csv', data: new Uint8Array(0) },
      ],
      charts: { age: new Uint8Array([0, 255, 128]) },
    };
    const text = encodeWire(value);
    expect(text).toContain('"$bytes":"Q0hJTEQsU0VYCjAwMSwxCg=="');
    const back = decodeWire(text) as typeof value;
    expect(back.files[0]!.data).toBeInstanceOf(Uint8Array);
    expect(new TextDecoder().decode(back.files[0]!.data)).toBe('CHILD,SEX\n001,1\n');
    expect(back.files[1]!.data.byteLength).toBe(0);
    expect(Array.from(back.charts.age)).toEqual([0, 255, 128]);
    expect(back.year).toBe(2024);
  });

  it('leaves look-alike objects alone (other keys, or a non-string $bytes)', () => {
    const back = decodeWire('{"a":{"$bytes":"Zg==","other":1},"b":{"$bytes":5},"c":[{"$bytes":"Zg=="}]}') as Record<string, unknown>;
    expect(back.a).toEqual({ $bytes: 'Zg==', other: 1 });
    expect(back.b).toEqual({ $bytes: 5 });
    expect((back.c as unknown[])[0]).toBeInstanceOf(Uint8Array);
  });
});
