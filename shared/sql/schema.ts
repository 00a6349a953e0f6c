/**
 * DDL of a workspace: one table per 903 file kind (lower-case column names, provenance columns
 * first), the imports log, and the registry of plain local tables. Created idempotently on open.
 */
import { FILE_KINDS, duckdbType, type ColumnSpec, type FileKind } from '../domain/fileKinds.js';
import { quoteIdent } from '../engine.js';

export const SCHEMA_VERSION = 1;

/**
 * How DuckDB stores a text column, where we know it better than its guess. Left to itself, DuckDB
 * tries every string compression on every part of every text column when an import is written
 * (most of an import's commit). A code column (a handful of distinct codes, and the file name)
 * ends up as a dictionary, a child's identifier (nearly one value per child) as FSST, and the other
 * text columns as their spec says (ColumnSpec.storedAs); saying so up front skips the trial of the
 * others. The values stored are the same. On the national bench (issue 18, ten years): import
 * 14.5 -> 13.2 s, 1.59x -> 1.45x DuckDB's own load of the files; workspace file about the same
 * (four years 55.6 -> 55.1 MB). Applies to tables made from now on: an existing workspace keeps
 * DuckDB's own choice (the same values, slower imports).
 */
const STORED_AS = { dictionary: ' USING COMPRESSION dictionary', fsst: ' USING COMPRESSION fsst' } as const;
function storedAs(column: ColumnSpec): string {
  if (column.type === 'code') return STORED_AS.dictionary;
  if (column.type === 'child') return STORED_AS.fsst;
  return column.storedAs ? STORED_AS[column.storedAs] : '';
}

export function kindTableDdl(kind: FileKind): string {
  const cols = [
    'return_year INTEGER NOT NULL',
    'import_id INTEGER NOT NULL',
    `source_file VARCHAR NOT NULL${STORED_AS.dictionary}`,
    'source_row INTEGER NOT NULL',
    ...kind.columns.map((c) => `${quoteIdent(c.name.toLowerCase())} ${duckdbType(c.type)}${storedAs(c)}`),
    // Columns the file had beyond the spec, kept aside as a JSON object (never dropped).
    'extras JSON',
  ];
  return `CREATE TABLE IF NOT EXISTS ${quoteIdent(kind.id)} (\n  ${cols.join(',\n  ')}\n)`;
}

export const WORKSPACE_DDL: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS workspace_meta (key VARCHAR PRIMARY KEY, value VARCHAR)`,
  `CREATE SEQUENCE IF NOT EXISTS import_id_seq START 1`,
  `CREATE TABLE IF NOT EXISTS imports (
     import_id INTEGER PRIMARY KEY,
     return_year INTEGER NOT NULL,
     imported_at TIMESTAMP NOT NULL,
     messages JSON
   )`,
  `CREATE TABLE IF NOT EXISTS import_files (
     import_id INTEGER NOT NULL,
     return_year INTEGER NOT NULL,
     file_name VARCHAR NOT NULL,
     kind VARCHAR NOT NULL,
     table_name VARCHAR NOT NULL,
     sha256 VARCHAR NOT NULL,
     row_count INTEGER NOT NULL,
     extra_columns JSON
   )`,
  // Values that could not be read and were left blank because the user chose "import anyway":
  // kept here, as they were in the file, and listed among the data-quality findings.
  `CREATE TABLE IF NOT EXISTS import_findings (
     return_year INTEGER NOT NULL,
     import_id INTEGER NOT NULL,
     source_file VARCHAR NOT NULL,
     source_row INTEGER NOT NULL,
     child VARCHAR,
     column_name VARCHAR NOT NULL,
     value VARCHAR,
     problem VARCHAR NOT NULL
   )`,
  `CREATE TABLE IF NOT EXISTS activity_log (
     "at" TIMESTAMP NOT NULL,
     action VARCHAR NOT NULL,
     detail JSON
   )`,
  // Local packs: tables of the service's own data, defined by a person in the app (shared/packs/local.ts).
  `CREATE TABLE IF NOT EXISTS local_packs (
     id VARCHAR PRIMARY KEY,
     spec JSON NOT NULL,
     saved_at TIMESTAMP NOT NULL
   )`,
  // The draft report's outline (shared/export/reportOutline.ts): one row, kept for next year.
  `CREATE TABLE IF NOT EXISTS report_outline (
     id VARCHAR PRIMARY KEY,
     outline JSON NOT NULL
   )`,
  // The house style (shared/export/houseStyle.ts): one row; the logo as base64 text.
  `CREATE TABLE IF NOT EXISTS house_style (
     id VARCHAR PRIMARY KEY,
     style JSON NOT NULL,
     logo VARCHAR
   )`,
  ...FILE_KINDS.map(kindTableDdl),
];
