/**
 * The activity log in words: each record (import, removal, export...) as when, what, who, which
 * years and which files, for the Data page's table. The raw record stays available beside it.
 */
import { flowLabel, isReturnYear, monthLabel } from '../../../shared/domain/years.js';

export interface ActivityRecord {
  at: string;
  action: string;
  detail: unknown;
}

export interface ActivityRow {
  when: string;
  what: string;
  who: string;
  years: string;
  files: string;
}

const FORMATS: Record<string, string> = { xlsx: 'Excel', docx: 'Word', csv: 'CSV', png: 'PNG', svg: 'SVG' };

/** "2024-05-03 14:07:09.123" → "03/05/2024 14:07" (the app's dd/mm/yyyy). */
export function activityTime(at: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})/.exec(at);
  return m ? `${m[3]}/${m[2]}/${m[1]} ${m[4]}:${m[5]}` : at;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function activityRow(record: ActivityRecord): ActivityRow {
  const d = (record.detail && typeof record.detail === 'object' ? record.detail : {}) as Record<string, unknown>;
  const format = typeof d.format === 'string' ? (FORMATS[d.format] ?? d.format) : '';
  const packs = Array.isArray(d.packs) ? (d.packs as string[]) : [];
  let what: string;
  switch (record.action) {
    case 'import':
      what = d.replaced ? 'Imported (replacing the earlier import)' : 'Imported';
      break;
    case 'remove-year':
      what = 'Removed a year';
      break;
    case 'export':
      if (d.childLevel) what = `Saved child-level rows (${format}${d.masked ? ', ids masked' : ', ids not masked'}): ${String(d.pack)}, ${plural(Number(d.rows), 'row')}`;
      else if (d.benchmarks) what = `Exported the comparison with published figures (${format})`;
      else if (d.query) what = `Saved a query result (${format})`;
      else what = `Exported ${packs.length === 1 ? packs[0] : plural(packs.length, 'pack')} to ${format}${typeof d.suppress === 'number' && d.suppress > 0 ? `, 1 to ${d.suppress} suppressed` : ''}`;
      break;
    case 'load-published':
      what = 'Loaded published DfE figures';
      break;
    default:
      what = record.action;
  }
  const year = typeof d.year === 'number' ? d.year : null;
  const files = Array.isArray(d.files) ? (d.files as unknown[]).map((f) => (typeof f === 'string' ? f : String((f as { name?: unknown }).name ?? ''))) : [];
  return {
    when: activityTime(record.at),
    what,
    who: typeof d.user === 'string' ? d.user : 'not recorded',
    // A local pack by month records its month (yyyymm) where others record a year.
    years: year === null ? '' : isReturnYear(year) ? flowLabel(year) : monthLabel(year),
    files: files.length > 4 ? `${files.slice(0, 3).join(', ')} and ${files.length - 3} more` : files.join(', '),
  };
}
