/**
 * Turn a file's bytes into text the way people's exports arrive: UTF-8 (with or without BOM),
 * UTF-16 (with BOM, or without one but plainly 16-bit), or Windows-1252 from old Excel. And say
 * what a file really is, whatever it is called: text, a zip (xlsx), an OLE compound file (old
 * .xls, or a password-protected .xlsx) or some other binary file.
 */
import { isAscii } from 'node:buffer';

export interface Decoded {
  text: string;
  encoding: 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';
  /**
   * The file mixes encodings: UTF-8 characters beside bytes that are not UTF-8 (an edit in another
   * program). How many such bytes, and the line (1-based) of the first. With more UTF-8 characters
   * than stray bytes the file is read as UTF-8 and each stray byte shows as U+FFFD (�).
   */
  mixed?: { strayBytes: number; utf8Characters: number; firstLine: number };
}

export function decodeText(bytes: Uint8Array): Decoded {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  const sixteen = looksUtf16WithoutBom(bytes);
  if (sixteen) return { text: new TextDecoder(sixteen).decode(bytes), encoding: sixteen };
  // Most returns are plain ASCII, which reads the same as Latin-1 and as UTF-8: a copy, not a decode.
  if (isAscii(bytes)) return { text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'), encoding: 'utf-8' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Not all UTF-8. A few stray bytes in a UTF-8 file ("é" saved by another program) must not
    // turn every "é" into "Ã©": decide by what most of the non-ASCII bytes are.
    const census = utf8Census(bytes);
    const mixed = census.utf8Characters > 0 ? { mixed: census } : {};
    if (census.utf8Characters >= census.strayBytes) return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8', ...mixed };
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252', ...mixed };
  }
}

/** Well-formed multi-byte UTF-8 characters, bytes that are not part of one, and the line of the first such byte. */
function utf8Census(bytes: Uint8Array): { strayBytes: number; utf8Characters: number; firstLine: number } {
  let strayBytes = 0;
  let utf8Characters = 0;
  let firstLine = 0;
  let line = 1;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      if (b === 0x0a) line++;
      i++;
      continue;
    }
    const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let ok = length > 0 && i + length <= bytes.length;
    for (let k = 1; ok && k < length; k++) ok = (bytes[i + k]! & 0xc0) === 0x80;
    if (ok) {
      utf8Characters++;
      i += length;
    } else {
      strayBytes++;
      if (firstLine === 0) firstLine = line;
      i++;
    }
  }
  return { strayBytes, utf8Characters, firstLine };
}

/** The warning for a file that mixes encodings (see Decoded.mixed), naming the first line to check. */
export function mixedEncodingWarning(file: string, decoded: Decoded): { level: 'warning'; file: string; row: number; text: string } {
  const m = decoded.mixed!;
  const stray = `${m.strayBytes} byte${m.strayBytes === 1 ? '' : 's'}`;
  return {
    level: 'warning',
    file,
    row: m.firstLine,
    text:
      decoded.encoding === 'utf-8'
        ? `The file is UTF-8 but holds ${stray} that ${m.strayBytes === 1 ? 'is' : 'are'} not (the first on line ${m.firstLine}); ${m.strayBytes === 1 ? 'it shows' : 'they show'} as �. Check that line and save the file as UTF-8 again.`
        : `The file mixes encodings: it was read as Windows-1252, but ${m.utf8Characters} character${m.utf8Characters === 1 ? ' is' : 's are'} written as UTF-8 and will look wrong (e.g. "Ã©" for "é"); the first non-UTF-8 byte is on line ${m.firstLine}. Save the file as UTF-8 and import it again.`,
  };
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
