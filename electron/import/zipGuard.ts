/**
 * Look inside a zip (an .xlsx is one) before anything unpacks it. exceljs inflates every part in
 * memory, so a "zip bomb" (a small file that unpacks to gigabytes) renamed .xlsx would take the
 * whole machine down. Here the central directory is read by hand, its sizes are checked against
 * limits, and then every part is actually inflated with a hard output cap, so a zip whose
 * directory lies about its sizes is caught too.
 */
import { inflateRawSync } from 'node:zlib';

/** An .xlsx of a big authority's return unpacks to tens of MB; far above that is not a 903 return. */
export const MAX_UNPACKED_BYTES = 200 * 1024 * 1024;
/**
 * What one workbook may unpack to: exceljs holds the whole workbook as objects, about 13 times
 * its unpacked size on top of 130 MB (measured: 11 MB -> 282 MB peak, 44 MB -> 652 MB, 77 MB ->
 * 1,185 MB), so 50 MB keeps an import under 1 GiB. CSV has no such limit.
 */
export const MAX_WORKBOOK_BYTES = 50 * 1024 * 1024;
/** Parts in an .xlsx: a handful per sheet. */
export const MAX_ENTRIES = 10_000;
/** Spreadsheet XML compresses 5-50 times; near deflate's limit (about 1,000) it is a bomb. */
export const MAX_RATIO = 500;
/** The ratio limit is only applied to parts bigger than this (tiny parts compress oddly). */
const RATIO_FLOOR_BYTES = 5 * 1024 * 1024;

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
}

export type ZipCheck = { ok: true; entries: ZipEntry[] } | { ok: false; reason: string };

const MB = (n: number) => `${Math.round(n / (1024 * 1024)).toLocaleString('en-GB')} MB`;

export function checkZip(bytes: Uint8Array): ZipCheck {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);

  // End of central directory: 22 bytes plus a comment of up to 65,535 bytes, at the very end.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (u32(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return { ok: false, reason: 'it is damaged or incomplete (its zip directory is missing; was the download or copy cut short?)' };
  const count = u16(eocd + 10);
  const dirSize = u32(eocd + 12);
  const dirOffset = u32(eocd + 16);
  if (count === 0xffff || dirOffset === 0xffffffff || dirSize === 0xffffffff) {
    return { ok: false, reason: 'it is a ZIP64 archive (over 4 GB or 65,535 parts), far bigger than any 903 return' };
  }
  if (count > MAX_ENTRIES) return { ok: false, reason: `it has ${count.toLocaleString('en-GB')} parts inside; a workbook has a few dozen` };
  if (dirOffset + dirSize > eocd) return { ok: false, reason: 'it is damaged (its zip directory points outside the file)' };

  const entries: ZipEntry[] = [];
  let total = 0;
  let at = dirOffset;
  for (let k = 0; k < count; k++) {
    if (at + 46 > bytes.length || u32(at) !== 0x02014b50) return { ok: false, reason: 'it is damaged (its zip directory is broken)' };
    const flags = u16(at + 8);
    const method = u16(at + 10);
    const compressedSize = u32(at + 20);
    const uncompressedSize = u32(at + 24);
    const nameLength = u16(at + 28);
    const extraLength = u16(at + 30);
    const commentLength = u16(at + 32);
    const localOffset = u32(at + 42);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;

    if (flags & 1) return { ok: false, reason: 'its contents are password-protected' };
    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff) {
      return { ok: false, reason: `its part ${name} is a ZIP64 entry (over 4 GB), far bigger than any 903 return` };
    }
    total += uncompressedSize;
    if (total > MAX_UNPACKED_BYTES) {
      return { ok: false, reason: `it would unpack to more than ${MB(MAX_UNPACKED_BYTES)} (a "zip bomb", or not a 903 return)` };
    }
    if (uncompressedSize > RATIO_FLOOR_BYTES && uncompressedSize / Math.max(compressedSize, 1) > MAX_RATIO) {
      return { ok: false, reason: `its part ${name} would unpack ${Math.round(uncompressedSize / Math.max(compressedSize, 1))} times over, to ${MB(uncompressedSize)}: that is a "zip bomb", not a spreadsheet` };
    }
    if (method !== 0 && method !== 8) return { ok: false, reason: `its part ${name} is compressed in a way Excel never uses (method ${method})` };
    if (total > MAX_WORKBOOK_BYTES) {
      return {
        ok: false,
        reason: `it unpacks to more than ${MB(MAX_WORKBOOK_BYTES)}, more than one workbook can be read in within 1 GB of memory. Save its sheets as CSV (in Excel: File, Save As, CSV UTF-8) and import those`,
      };
    }

    // The data follows the local header, whose name and extra lengths may differ from the directory's.
    if (localOffset + 30 > bytes.length || u32(localOffset) !== 0x04034b50) return { ok: false, reason: `it is damaged (part ${name} is missing)` };
    const dataStart = localOffset + 30 + u16(localOffset + 26) + u16(localOffset + 28);
    if (dataStart + compressedSize > bytes.length) return { ok: false, reason: `it is damaged or cut short (part ${name} runs past the end of the file)` };
    const data = bytes.subarray(dataStart, dataStart + compressedSize);
    if (method === 0) {
      if (compressedSize !== uncompressedSize) return { ok: false, reason: `it is damaged (part ${name} has two different sizes)` };
    } else {
      // Inflate for real, capped at the size the directory claims: a lying directory cannot get past this.
      let produced: number;
      try {
        produced = inflateRawSync(data, { maxOutputLength: Math.max(uncompressedSize, 1) }).length;
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) {
          return { ok: false, reason: `its part ${name} unpacks to more than the ${uncompressedSize.toLocaleString('en-GB')} bytes its directory claims (a disguised "zip bomb")` };
        }
        return { ok: false, reason: `it is damaged (part ${name} cannot be unpacked: ${(err as Error).message})` };
      }
      if (produced !== uncompressedSize) return { ok: false, reason: `it is damaged (part ${name} unpacks to a different size than its directory says)` };
    }
    entries.push({ name, method, compressedSize, uncompressedSize });
  }
  return { ok: true, entries };
}

/** What a checked zip holds, in words a person recognises. */
export function zipHolds(entries: readonly ZipEntry[]): 'workbook' | 'word' | 'powerpoint' | 'other' {
  const names = new Set(entries.map((e) => e.name.toLowerCase()));
  if (names.has('xl/workbook.xml')) return 'workbook';
  if (names.has('word/document.xml')) return 'word';
  if (names.has('ppt/presentation.xml')) return 'powerpoint';
  return 'other';
}
