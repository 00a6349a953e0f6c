/**
 * A small RFC 4180 tokenizer. It exists for jobs DuckDB's reader cannot do for us: exact line
 * numbers for messages (DuckDB skips blank lines, so its row numbers drift), precise complaints
 * about ragged rows, quotes left open, NUL bytes and absurdly long values (DuckDB's own limit is
 * a 2 MB line, reported without a column). Clean files are then read by DuckDB itself; only
 * irregular ones (blank lines, line breaks inside quotes) are rewritten.
 */

export interface CsvProblem {
  line: number;
  /** 1-based column position, when the problem is in one value. */
  column?: number;
  text: string;
}

export interface CsvRecord {
  /** Line on which the record starts (1 = the first line of the file). */
  line: number;
  /** Character offset in the text where the record starts. */
  offset: number;
  fields: string[];
}

export interface CsvScan {
  header: string[];
  /** Line the header is on (later than the first line when blank lines come first). */
  headerLine: number;
  /** Data records (blank lines not counted). */
  records: number;
  /** Lines with nothing on them but spaces and delimiters. */
  blankLines: number;
  /** Of those, truly empty lines after the last record (a file ending in extra line breaks; DuckDB skips these). */
  emptyLinesAtEnd: number;
  /** Lines end in more than one way (CRLF, LF, CR): DuckDB's reader cannot take that. */
  mixedLineEndings: boolean;
  /** Some field holds a line break, so record numbers and line numbers differ. */
  multiline: boolean;
  /** A quote inside an unquoted field, or spaces around a quoted one: fine for us, but DuckDB's strict reader would refuse them. */
  strayQuotes: boolean;
  problems: CsvProblem[];
  /** Only when collect = true (or raw = true). */
  rows?: CsvRecord[];
}

export interface ScanOptions {
  /** Keep every record's values (rows). */
  collect?: boolean;
  /** Line number of the text's first line (2 when a "sep=" line was taken off). */
  firstLine?: number;
  /** No header: every non-blank record goes to rows, nothing is checked (for peeking at a file's top). */
  raw?: boolean;
  /** Stop after this many non-blank records (raw mode). */
  limit?: number;
  /** Called with each data record (values kept), instead of holding them all in rows. */
  onRecord?: (record: CsvRecord) => void;
}

const MAX_PROBLEMS = 50;
/** Longer values are refused: no 903 value is more than a few dozen characters. */
export const MAX_FIELD_CHARS = 1_000_000;
/** Longer lines are refused (DuckDB's reader is given a line limit above this). */
export const MAX_RECORD_CHARS = 1_000_000;
/** Wider files are refused: a 903 file has at most 13 columns, Excel at most 16,384. */
export const MAX_COLUMNS = 2_000;

/** Pick the delimiter the header line uses most: , ; tab or |. */
export function detectDelimiter(text: string): string {
  const end = text.search(/\r|\n/);
  const first = end < 0 ? text : text.slice(0, end);
  const counts = [',', ';', '\t', '|'].map((d) => ({ d, n: first.split(d).length - 1 }));
  const best = counts.reduce((a, b) => (b.n > a.n ? b : a));
  return best.n > 0 ? best.d : ',';
}

/**
 * Tokenize text (already decoded, BOM removed). Without collect it only counts and checks,
 * slicing nothing but the header, so scanning a large clean file is cheap.
 */
export function scanCsv(text: string, delimiter: string, collectOrOptions: boolean | ScanOptions = false): CsvScan {
  const opts: ScanOptions = typeof collectOrOptions === 'boolean' ? { collect: collectOrOptions } : collectOrOptions;
  const raw = opts.raw === true;
  const collect = opts.collect === true || raw || opts.onRecord !== undefined;
  const keep = opts.collect === true || raw;
  const limit = opts.limit ?? Number.POSITIVE_INFINITY;
  const problems: CsvProblem[] = [];
  const rows: CsvRecord[] = [];
  const delim = delimiter.charCodeAt(0);
  const QUOTE = 34;
  const CR = 13;
  const LF = 10;
  const SPACE = 32;
  const TAB = 9;
  const NUL = 0;
  let header: string[] | null = raw ? [] : null;
  let headerLine = opts.firstLine ?? 1;
  let expected = 0;
  let records = 0;
  let rawRecords = 0;
  let blankLines = 0;
  let trailingEmpty = 0;
  let endings = 0; // bit 1 LF, 2 CRLF, 4 CR
  let multiline = false;
  let strayQuotes = false;
  let nulSeen = false;
  let stop = false;

  let line = opts.firstLine ?? 1;
  let recordLine = line;
  let recordStart = 0;
  let recordHasProblem = false;
  let fields: string[] = [];
  let fieldCount = 0;
  let field = '';
  let fieldStart = 0;
  let segStart = 0;
  let quoted = false;
  /** Only spaces so far in this field (a quote after them still opens a quoted value). */
  let fieldSpaces = true;
  let inQuotes = false;
  let afterQuote = false;
  let quoteLine = 0;
  let quoteColumn = 0;
  /** Nothing but spaces and delimiters so far on this record. */
  let recordBlank = true;
  const n = text.length;
  const needValues = () => collect || header === null;
  const problem = (p: CsvProblem) => {
    recordHasProblem = true;
    if (problems.length < MAX_PROBLEMS) problems.push(p);
  };

  const endField = (pos: number) => {
    const length = pos - fieldStart;
    if (length > MAX_FIELD_CHARS) {
      problem({
        line: recordLine,
        column: fieldCount + 1,
        text: `holds a value of ${length.toLocaleString('en-GB')} characters; values longer than ${MAX_FIELD_CHARS.toLocaleString('en-GB')} characters are refused (is the file damaged, or a quote left open?)`,
      });
      if (needValues()) fields.push('');
    } else if (needValues()) {
      fields.push(quoted ? field + text.slice(segStart, pos) : text.slice(fieldStart, pos));
    }
    fieldCount++;
    field = '';
    quoted = false;
    fieldSpaces = true;
    afterQuote = false;
  };
  const endRecord = (pos: number) => {
    if (recordBlank && header === null && !raw && fieldCount > 1) {
      // A first line of bare delimiters is a header with empty names (the caller says so), not a blank line.
      header = fields;
      headerLine = recordLine;
      expected = fields.length;
    } else if (recordBlank) {
      if (header !== null && !raw) blankLines++;
      trailingEmpty = pos === recordStart ? trailingEmpty + 1 : 0;
    } else if (header === null) {
      header = fields;
      headerLine = recordLine;
      expected = fields.length;
      if (expected > MAX_COLUMNS) {
        problem({ line: recordLine, text: `has ${expected.toLocaleString('en-GB')} columns; at most ${MAX_COLUMNS.toLocaleString('en-GB')} can be read` });
        stop = true;
      }
    } else if (raw) {
      rows.push({ line: recordLine, offset: recordStart, fields });
      if (++rawRecords >= limit) stop = true;
    } else {
      records++;
      if (!recordHasProblem && pos - recordStart > MAX_RECORD_CHARS) {
        problem({ line: recordLine, text: `is ${(pos - recordStart).toLocaleString('en-GB')} characters long; lines longer than ${MAX_RECORD_CHARS.toLocaleString('en-GB')} characters are refused` });
      }
      if (fieldCount !== expected) {
        problem({
          line: recordLine,
          text: `has ${fieldCount} values but the header has ${expected} columns${fieldCount < expected ? ' (a value or a comma is missing)' : ' (an extra comma, or a value with a comma that is not in quotes)'}`,
        });
      }
      const record = { line: recordLine, offset: recordStart, fields };
      if (keep) rows.push(record);
      opts.onRecord?.(record);
    }
    if (!recordBlank) trailingEmpty = 0;
    fields = [];
    fieldCount = 0;
    recordBlank = true;
    recordHasProblem = false;
  };

  let i = 0;
  while (i < n && !stop) {
    const c = text.charCodeAt(i);
    if (c === NUL && !nulSeen) {
      nulSeen = true;
      problem({ line, column: fieldCount + 1, text: 'holds a NUL character (a zero byte), which a CSV file cannot contain: the file may be damaged, or not a CSV file' });
    }
    if (inQuotes) {
      if (c === QUOTE) {
        if (i + 1 < n && text.charCodeAt(i + 1) === QUOTE) {
          if (needValues()) field += text.slice(segStart, i + 1);
          i += 2;
          segStart = i;
          continue;
        }
        if (needValues()) field += text.slice(segStart, i);
        inQuotes = false;
        afterQuote = true;
        i++;
        segStart = i;
        continue;
      }
      if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) {
        line++;
        multiline = true;
      }
      i++;
      continue;
    }
    if (c === delim) {
      endField(i);
      i++;
      fieldStart = i;
      segStart = i;
      continue;
    }
    if (c === CR || c === LF) {
      endField(i);
      endRecord(i);
      if (c === CR && text.charCodeAt(i + 1) === LF) {
        endings |= 2;
        i++;
      } else {
        endings |= c === LF ? 1 : 4;
      }
      i++;
      line++;
      recordLine = line;
      recordStart = i;
      fieldStart = i;
      segStart = i;
      continue;
    }
    const space = c === SPACE || c === TAB;
    if (!space) recordBlank = false;
    if (c === QUOTE && !quoted && fieldSpaces) {
      // ' "a, b"' is read as "a, b": spaces before an opening quote are dropped (DuckDB's strict reader would refuse them).
      if (i !== fieldStart) strayQuotes = true;
      quoted = true;
      inQuotes = true;
      quoteLine = line;
      quoteColumn = fieldCount + 1;
      i++;
      segStart = i;
      continue;
    }
    if (afterQuote) {
      if (space) {
        // '"a" ,' : spaces after a closing quote are dropped, not part of the value.
        strayQuotes = true;
        if (needValues()) field += text.slice(segStart, i);
        i++;
        segStart = i;
        continue;
      }
      problem({ line, column: fieldCount + 1, text: 'has text after a closing quote (a quote inside a value must be doubled: "")' });
      afterQuote = false;
    }
    if (!space) fieldSpaces = false;
    if (c === QUOTE) strayQuotes = true;
    i++;
  }
  if (stop) {
    // Stopped early on purpose: nothing more to read.
  } else if (inQuotes) {
    problems.push({ line: quoteLine, column: quoteColumn, text: 'opens a quote that is never closed, so the rest of the file would be read as one value' });
  } else if (fieldCount > 0 || !recordBlank || fieldStart < n) {
    endField(n);
    endRecord(n);
  }
  return {
    header: header ?? [],
    headerLine,
    records,
    blankLines,
    emptyLinesAtEnd: trailingEmpty,
    mixedLineEndings: endings !== 0 && (endings & (endings - 1)) !== 0,
    multiline,
    strayQuotes,
    problems,
    ...(keep ? { rows } : {}),
  };
}

/** Quote a value for a CSV we write ourselves (always quoted: simple and unambiguous). */
export function csvQuote(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

export interface QuickScan extends CsvScan {
  /** Some value may start or end with a space, tab or no-break space (so values need trimming); false only when none does. */
  padded: boolean;
}

/**
 * The common case, fast: a file with no quotes, no NUL, one kind of line ending, the header on
 * the first line, every row as wide as the header and no blank line except empty ones at the end.
 * For such a file it returns what scanCsv would (no problems, nothing irregular) plus whether any
 * value needs trimming, using only native string searches (several times faster than scanCsv on a
 * national return). For anything else it returns null, and the caller uses scanCsv, which says
 * exactly what is wrong.
 */
export function quickScanCsv(text: string, delimiter: string, firstLine = 1): QuickScan | null {
  const n = text.length;
  if (n === 0 || delimiter.length !== 1 || text.includes('"') || text.includes('\0')) return null;
  const delim = delimiter.charCodeAt(0);
  const crlf = text.includes('\r');
  let headerEnd = text.indexOf('\n');
  if (headerEnd < 0) headerEnd = n;
  if (crlf && (headerEnd === n || text.charCodeAt(headerEnd - 1) !== 13)) return null;
  const headerText = text.slice(0, crlf ? headerEnd - 1 : headerEnd);
  if (headerText.length > MAX_RECORD_CHARS) return null;
  const header = headerText.split(delimiter);
  if (header.length > MAX_COLUMNS || !header.some((h) => /[^ \t]/.test(h))) return null;
  const expected = header.length;

  let records = 0;
  let emptyAtEnd = 0;
  let lineEnds = headerEnd < n ? 1 : 0;
  let p = headerEnd + 1;
  // A line of exactly as many values as the header and its end (LF or the end of the text), in one
  // sticky match: it fails on a line with more or fewer. Twice as fast as finding each delimiter.
  const d = `\\u${delim.toString(16).padStart(4, '0')}`;
  const line = new RegExp(`(?:[^${d}\\n]*${d}){${expected - 1}}[^${d}\\n]*(?:\\n|$)`, 'y');
  while (p < n) {
    let e: number;
    const start = text.charCodeAt(p);
    if (start === 10) e = p;
    else if (crlf && start === 13 && text.charCodeAt(p + 1) === 10) e = p + 1;
    else {
      line.lastIndex = p;
      if (!line.test(text)) return null;
      e = text.charCodeAt(line.lastIndex - 1) === 10 ? line.lastIndex - 1 : n;
    }
    if (e < n) lineEnds++;
    const contentEnd = crlf && e < n ? e - 1 : e;
    if (crlf && e < n && (e === p || text.charCodeAt(e - 1) !== 13)) return null; // a bare LF among CRLFs
    if (contentEnd === p) {
      emptyAtEnd++; // an empty line: fine only if nothing but empty lines follows
      p = e + 1;
      continue;
    }
    if (emptyAtEnd > 0 || contentEnd - p > MAX_RECORD_CHARS) return null;
    // A line of nothing but spaces, tabs and delimiters is a blank line to scanCsv.
    const first = text.charCodeAt(p);
    if (first === 32 || first === 9 || first === delim) {
      let k = p;
      while (k < contentEnd && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9 || text.charCodeAt(k) === delim)) k++;
      if (k === contentEnd) return null;
    }
    records++;
    p = e + 1;
  }
  if (crlf) {
    // Every CR is the first half of a CRLF.
    let crs = 0;
    for (let r = text.indexOf('\r'); r >= 0; r = text.indexOf('\r', r + 1)) crs++;
    if (crs !== lineEnds) return null;
  }
  return {
    header,
    headerLine: firstLine,
    records,
    blankLines: emptyAtEnd,
    emptyLinesAtEnd: emptyAtEnd,
    mixedLineEndings: false,
    multiline: false,
    strayQuotes: false,
    problems: [],
    padded: mayBePadded(text, delim),
  };
}

const isPad = (c: number) => c === 32 || c === 9 || c === 0xa0;

/** Whether some value may begin or end with a space, tab or no-break space (true errs on the safe side). */
function mayBePadded(text: string, delim: number): boolean {
  if (isPad(text.charCodeAt(0)) || isPad(text.charCodeAt(text.length - 1))) return true;
  const d = `\\u${delim.toString(16).padStart(4, '0')}`;
  return new RegExp(`[ \\t\\u00a0][${d}\\r\\n]|[${d}\\n][ \\t\\u00a0]`).test(text);
}
