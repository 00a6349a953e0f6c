/**
 * Turn a file's bytes into text the way people's exports arrive: UTF-8 (with or without BOM),
 * UTF-16 (with BOM, or without one but plainly 16-bit), or Windows-1252 from old Excel. And say
 * what a file really is, whatever it is called: text, a zip (xlsx), an OLE compound file (old
 * .xls, or a password-protected .xlsx) or some other binary file.
 */
export interface Decoded {
  text: string;
  encoding: 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';
}

export function decodeText(bytes: Uint8Array): Decoded {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  const sixteen = looksUtf16WithoutBom(bytes);
  if (sixteen) return { text: new TextDecoder(sixteen).decode(bytes), encoding: sixteen };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

/** ASCII text saved as UTF-16 has a zero in every other byte. */
function looksUtf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 200) & ~1;
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.8 && evenZeros === 0) return 'utf-16le';
  if (evenZeros > pairs * 0.8 && oddZeros === 0) return 'utf-16be';
  return null;
}

export type Container =
  | { kind: 'zip' }
  | { kind: 'ole'; holds: 'encrypted-workbook' | 'xls' | 'word' | 'unknown' }
  | { kind: 'text' }
  /** Some other binary file; what names it when we recognise it ("a PNG image"). */
  | { kind: 'binary'; what: string | null };

/** Signatures of binary files people pick by mistake, so the message can say what they picked. */
const MAGIC: { bytes: number[]; what: string }[] = [
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: 'a GIF image' },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document' },
  { bytes: [0x1f, 0x8b], what: 'a gzip-compressed file' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf], what: 'a 7-Zip archive' },
  { bytes: [0x52, 0x61, 0x72, 0x21], what: 'a RAR archive' },
  { bytes: [0x44, 0x55, 0x43, 0x4b], what: 'a DuckDB database' },
  { bytes: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65], what: 'an SQLite database' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], what: 'a program' },
  { bytes: [0x4d, 0x5a], what: 'a Windows program' },
];

const startsWith = (bytes: Uint8Array, sig: number[], at = 0) => sig.every((b, i) => bytes[at + i] === b);

/** What kind of container the bytes are, whatever the file is called. */
export function sniffContainer(bytes: Uint8Array): Container {
  // Local file header, or the end-of-central-directory record of an empty zip.
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return { kind: 'zip' };
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return { kind: 'ole', holds: oleHolds(bytes) };
  // A DuckDB file has its magic at byte 8.
  if (startsWith(bytes, [0x44, 0x55, 0x43, 0x4b], 8)) return { kind: 'binary', what: 'a DuckDB database' };
  for (const m of MAGIC) if (startsWith(bytes, m.bytes)) return { kind: 'binary', what: m.what };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { kind: 'text' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { kind: 'text' };
  if (looksUtf16WithoutBom(bytes)) return { kind: 'text' };
  // Text may hold the odd stray control character (the tokenizer names where); binary holds many.
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1a) control++;
  }
  if (n > 0 && control > Math.max(2, n * 0.02)) return { kind: 'binary', what: null };
  return { kind: 'text' };
}

/**
 * An OLE compound file names its streams in UTF-16: an encrypted .xlsx holds "EncryptedPackage",
 * an old .xls "Workbook" (or "Book"), a .doc "WordDocument".
 */
function oleHolds(bytes: Uint8Array): 'encrypted-workbook' | 'xls' | 'word' | 'unknown' {
  const has = (name: string) => indexOf(bytes, utf16le(name)) >= 0;
  if (has('EncryptedPackage') || has('EncryptionInfo')) return 'encrypted-workbook';
  if (has('WordDocument')) return 'word';
  if (has('Workbook') || has('Book')) return 'xls';
  return 'unknown';
}

function utf16le(s: string): Uint8Array {
  const out = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) out[i * 2] = s.charCodeAt(i);
  return out;
}

function indexOf(hay: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    if (hay[i] !== needle[0]) continue;
    for (let j = 1; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}
