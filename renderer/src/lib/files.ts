/**
 * Files chosen by the picker or dropped on the page: guessing the collection year from names and
 * folders, walking dropped folders, and reading contents as bytes.
 */
import { isReturnYear } from '../../../shared/domain/years.js';

export interface PendingFile {
  /** Unique within the pending list. */
  id: string;
  name: string;
  /** Folder path as dropped or picked, e.g. "returns/2023/header.csv"; '' when unknown. */
  relativePath: string;
  size: number | null;
  /** Browser: the File to read. */
  file?: File;
  /** Electron menu: a path the user picked in the native dialog. */
  path?: string;
}

/**
 * The collection year a name suggests: "2022-23", "2022_23" or "202223" mean the year ending March
 * 2023; a lone "2023" means 2023. The last match wins, so a folder name beats an older one above it.
 * Null when nothing plausible is found.
 */
export function guessYear(text: string): number | null {
  let found: number | null = null;
  const re = /(?<!\d)(20\d{2})(?:[-_/ ]?(\d{2}))?(?!\d)/g;
  for (const m of text.matchAll(re)) {
    const first = Number(m[1]);
    const second = m[2] === undefined ? null : Number(m[2]);
    let year = first;
    if (second !== null) {
      if (second === (first + 1) % 100) year = first + 1;
      else continue;
    }
    if (isReturnYear(year)) found = year;
  }
  return found;
}

export function acceptedFile(name: string): boolean {
  return /\.(csv|xlsx|xlsm|txt|tsv)$/i.test(name);
}

let counter = 0;
export function pendingFromFile(file: File, relativePath = ''): PendingFile {
  counter += 1;
  const rel = relativePath || (file as File & { webkitRelativePath?: string }).webkitRelativePath || '';
  return { id: `f${counter}`, name: file.name, relativePath: rel, size: file.size, file };
}

export function pendingFromPath(name: string, path: string): PendingFile {
  counter += 1;
  return { id: `p${counter}`, name, relativePath: path, size: null, path };
}

/** Walk a drop: plain files, and every file inside dropped folders (with their folder paths). */
export async function filesFromDrop(dataTransfer: DataTransfer): Promise<PendingFile[]> {
  const items = Array.from(dataTransfer.items ?? []);
  const entries = items
    .map((item) => (item.kind === 'file' && typeof item.webkitGetAsEntry === 'function' ? item.webkitGetAsEntry() : null))
    .filter((e): e is FileSystemEntry => e !== null);
  if (entries.length === 0) return Array.from(dataTransfer.files).map((f) => pendingFromFile(f));
  const out: PendingFile[] = [];
  for (const entry of entries) await walk(entry, out);
  return out;
}

async function walk(entry: FileSystemEntry, out: PendingFile[]): Promise<void> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    out.push(pendingFromFile(file, entry.fullPath.replace(/^\//, '')));
    return;
  }
  if (entry.isDirectory) {
    const reader = (entry as FileSystemDirectoryEntry).createReader();
    // readEntries answers in batches until it returns an empty one.
    for (;;) {
      const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
      if (batch.length === 0) break;
      for (const child of batch) await walk(child, out);
    }
  }
}

/** Group pending files by the year their path suggests; files with no year go under null. */
export function groupByYear(files: PendingFile[], fallback: number | null): Map<number | null, PendingFile[]> {
  const groups = new Map<number | null, PendingFile[]>();
  for (const f of files) {
    const year = guessYear(f.relativePath || f.name) ?? fallback;
    const list = groups.get(year) ?? [];
    list.push(f);
    groups.set(year, list);
  }
  return groups;
}

export async function readBytes(file: File): Promise<Uint8Array> {
  return new Uint8Array(await file.arrayBuffer());
}
