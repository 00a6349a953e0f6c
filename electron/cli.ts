/**
 * The command line over the same core as the app (see ../shared/domain/packs.md):
 *   import --workspace W --year Y FILE_OR_FOLDER...   status|tables   remove-year   packs   pack ID   export   quality
 * JSON on stdout, messages for people on stderr, non-zero exit on failure.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { ImportMessage } from '../shared/api.js';
import { isReturnYear } from '../shared/domain/years.js';
import { benchmarkCsv, benchmarkTable, sampleDataNote } from '../shared/ees/benchmarkTable.js';
import { PUBLISHED_FILE_COLUMNS, publishedFileCsvRows, publishedFileRows } from '../shared/ees/publishedFiles.js';
import { csvText } from '../shared/export/csvText.js';
import { findingsCsv } from '../shared/quality/export.js';
import { defaultWorkspacePath } from './workspace/paths.js';
import { openAppWorkspace } from './workspace/appWorkspace.js';
import { WorkspaceInUse } from './workspace/workspace.js';

/** Exit codes: 0 done, 1 refused or failed, 2 wrong usage, 3 the workspace is open elsewhere. */
export const EXIT_IN_USE = 3;

const USAGE = `Usage: npm run --silent cli -- COMMAND [options]
  import --workspace W.duckdb --year 2023 FILE_OR_FOLDER... [--import-anyway]
                                                               import (or replace) one year's return; --import-anyway
                                                               leaves values that cannot be read blank (each a finding)
  quality --workspace W.duckdb [--year 2023] [--format json|csv] [--mask-ids]
                                                               data-quality findings: {rule, year, file, row, child, fields, message}
  status --workspace W.duckdb                                  years, files and row counts (alias: tables)
  remove-year --workspace W.duckdb --year 2023                 remove a year
  packs --workspace W.duckdb                                   list the query packs
  pack ID --workspace W.duckdb [--format json|csv] [--suppress N] [--option key=value] [--by gender]
  export --workspace W.duckdb --out report.xlsx|report.docx [--packs a,b] [--suppress N] [--by gender]
  export --workspace W.duckdb --out chart.svg|chart.png --packs ID [--suppress N]   one pack's chart
  load-published --workspace W.duckdb FILE...                  load DfE explore-education-statistics CSVs (newer releases)
  published --workspace W.duckdb [--format json|csv]           the DfE files loaded: file, measures, years, rows, source and licence
  local-packs [list | save PACK.json | remove ID] --workspace W.duckdb   local packs (tables of the service's own data)
  report --workspace W.duckdb --out draft.docx|draft.xlsx [--suppress N]   the draft IRO report in the saved outline's order
  benchmarks --workspace W.duckdb [--la NAME_OR_CODE] [--comparators A,B,...] [--year Y] [--format json|csv] [--out how-we-compare.xlsx|.docx]
                                                               how the authority compares (--la sets it, kept in the workspace)
Without --workspace, the workspace in your data folder is used.`;

/** The snapshot of DfE's published figures and the synthetic returns shipped beside the code. */
const BUNDLED_PUBLISHED = fileURLToPath(new URL('../sample-data/ees', import.meta.url));
const BUNDLED_SAMPLE_RETURNS = fileURLToPath(new URL('../sample-data/returns', import.meta.url));

export class CliError extends Error {}

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

export function formatMessage(m: ImportMessage): string {
  const where = [m.file, m.row ? `row ${m.row}` : '', m.column ? `column ${m.column}` : ''].filter(Boolean).join(', ');
  return `${m.level}: ${where ? `${where}: ` : ''}${m.text}`;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      workspace: { type: 'string', short: 'w' },
      year: { type: 'string', short: 'y' },
      format: { type: 'string', default: 'json' },
      out: { type: 'string', short: 'o' },
      packs: { type: 'string' },
      suppress: { type: 'string' },
      option: { type: 'string', multiple: true },
      la: { type: 'string' },
      comparators: { type: 'string' },
      'import-anyway': { type: 'boolean' },
      'mask-ids': { type: 'boolean' },
      by: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    io.err(USAGE);
    return command || values.help ? 0 : 2;
  }
  const workspacePath = resolve(values.workspace ?? defaultWorkspacePath());
  const year = (): number => {
    const y = Number(values.year);
    if (!values.year || !isReturnYear(y)) throw new CliError('--year must be the year the return ends, e.g. --year 2023 for 2022/23');
    return y;
  };
  const suppress = (): number | null => {
    if (values.suppress === undefined) return null;
    const n = Number(values.suppress);
    if (!Number.isInteger(n) || n < 0 || n > 100) throw new CliError('--suppress must be a whole number from 0 to 100');
    return n;
  };
  const options: Record<string, string> = Object.fromEntries((values.option ?? []).map((o) => o.split('=', 2) as [string, string]));
  if (values.by !== undefined) options.by = values.by;

  const ws = await openAppWorkspace({
    path: workspacePath,
    publishedDir: BUNDLED_PUBLISHED,
    sampleReturnsDir: BUNDLED_SAMPLE_RETURNS,
    // A long import says how far it has got (on stderr: stdout is the JSON).
    onImportProgress: (p) => {
      if (p.stage === 'reading' && p.file && p.total > 1) io.err(`Reading ${p.done + 1} of ${p.total}: ${p.file}`);
    },
  });
  try {
    switch (command) {
      case 'import': {
        if (rest.length === 0) throw new CliError('import needs at least one file or folder');
        const report = await ws['workspace.import']({
          year: year(),
          // Named by the file, not the path typed: the name becomes a local table's name and appears in export notes.
          files: rest.map((p) => ({ name: basename(resolve(p)), path: resolve(p) })),
          ...(values['import-anyway'] ? { blankUnreadable: true } : {}),
        });
        for (const m of report.messages) io.err(formatMessage(m));
        io.out(JSON.stringify(report, null, 2));
        if (!report.ok) {
          io.err(`Import of ${report.year} refused: nothing was changed.`);
          if (report.blankable) io.err(`Only values that cannot be read are wrong: --import-anyway would import the return, leaving these ${report.blankable} values blank (each listed as a finding).`);
          return 1;
        }
        // The return is imported whatever happens next: a failure to check it is said, not an exit code.
        const summary = await ws['quality.summary']({}).catch((e: unknown) => e instanceof Error ? e : new Error(String(e)));
        if (summary instanceof Error) {
          io.err(`Imported ${report.year}; its data-quality findings could not be worked out (${summary.message.split('\n')[0]}). Try: quality --year ${report.year}`);
          return 0;
        }
        const found = summary.counts.filter((c) => c.year === report.year).reduce((n, c) => n + c.n, 0);
        io.err(`Imported ${report.year} with ${found.toLocaleString('en-GB')} finding${found === 1 ? '' : 's'}${found > 0 ? ` (see: quality --year ${report.year})` : ''}.`);
        return 0;
      }
      case 'quality': {
        const { findings } = await ws['quality.findings']({ ...(values.year ? { year: year() } : {}), maskIds: values['mask-ids'] === true });
        if (values.format === 'csv') io.out(findingsCsv(findings).trimEnd());
        else if (values.format === 'json') io.out(JSON.stringify(findings.map(({ rule, year: y, file, row, child, fields, message }) => ({ rule, year: y, file, row, child, fields, message })), null, 2));
        else throw new CliError('--format must be json or csv');
        return 0;
      }
      case 'status':
      case 'tables':
        io.out(JSON.stringify(await ws['workspace.status']({}), null, 2));
        return 0;
      case 'remove-year':
        io.out(JSON.stringify(await ws['workspace.removeYear']({ year: year() }), null, 2));
        return 0;
      case 'packs':
        io.out(JSON.stringify((await ws['packs.list']({})).map((p) => ({ id: p.id, title: p.title, section: p.section })), null, 2));
        return 0;
      case 'pack': {
        const id = rest[0];
        if (!id) throw new CliError('pack needs a pack id; see the packs command');
        const { result, commentary } = await ws['pack.run']({ id, suppress: suppress(), options });
        if (values.format === 'csv') io.out(ws.packToCsv(result));
        else if (values.format === 'json') io.out(JSON.stringify({ ...result, commentary }, null, 2));
        else throw new CliError('--format must be json or csv');
        return 0;
      }
      case 'export': {
        if (!values.out) throw new CliError('export needs --out report.xlsx or --out report.docx (or --out chart.svg|chart.png --packs ID)');
        const packs = values.packs ? values.packs.split(',').map((s) => s.trim()).filter(Boolean) : [];
        const byOnly = values.by !== undefined ? { options: { by: values.by } } : {};
        const written = await ws.exportToFile(resolve(values.out), { packs, suppress: suppress(), ...byOnly });
        io.out(JSON.stringify(written, null, 2));
        return 0;
      }
      case 'load-published': {
        if (rest.length === 0) throw new CliError('load-published needs at least one CSV file');
        const report = await ws['published.import']({ files: rest.map((p) => ({ name: basename(p), path: resolve(p) })) });
        for (const m of report.messages) io.err(formatMessage(m));
        io.out(JSON.stringify(report, null, 2));
        if (!report.ok) io.err('Nothing was loaded: the published figures are as they were.');
        return report.ok ? 0 : 1;
      }
      case 'published': {
        const rows = publishedFileRows((await ws['published.status']({})).files);
        if (values.format === 'csv') io.out(csvText(PUBLISHED_FILE_COLUMNS, publishedFileCsvRows(rows)).trimEnd());
        else if (values.format === 'json') io.out(JSON.stringify(rows, null, 2));
        else throw new CliError('--format must be json or csv');
        return 0;
      }
      case 'benchmarks': {
        if (values.la !== undefined || values.comparators !== undefined) {
          const comparators = values.comparators ? values.comparators.split(',').map((s) => s.trim()).filter(Boolean) : null;
          const current = (await ws['published.status']({})).settings.authority;
          const la = values.la ?? current?.code;
          if (!la) throw new CliError('benchmarks needs --la NAME_OR_CODE the first time (it is then kept in the workspace)');
          await ws['benchmarks.setAuthority']({ authority: la, comparators });
        }
        const y = values.year === undefined ? null : year();
        const report = await ws['benchmarks.get']({ year: y });
        if (!report) throw new CliError('Choose the authority with --la NAME_OR_CODE (e.g. --la Gateshead or --la E08000037)');
        if (report.sampleData) io.err(`Note: ${sampleDataNote(report)}`);
        if (values.out) {
          const ext = extname(values.out).toLowerCase();
          if (ext !== '.xlsx' && ext !== '.docx') throw new CliError('benchmarks --out must end in .xlsx or .docx');
          const file = await ws[ext === '.xlsx' ? 'benchmarks.xlsx' : 'benchmarks.docx']({ year: y });
          await writeFile(resolve(values.out), file.data, { mode: 0o600 });
          io.out(JSON.stringify({ path: resolve(values.out), bytes: file.data.byteLength }, null, 2));
          return 0;
        }
        const table = benchmarkTable(report, y);
        if (values.format === 'csv') io.out(benchmarkCsv(table));
        else if (values.format === 'json') io.out(JSON.stringify({ ...report, table: { columns: table.columns, rows: table.rows.map((r) => r.cells) } }, null, 2));
        else throw new CliError('--format must be json or csv');
        return 0;
      }
      case 'local-packs': {
        const [verb, arg] = rest;
        if (verb === 'save' && arg) {
          const saved = await ws['localPacks.save']({ spec: JSON.parse(await readFile(resolve(arg), 'utf8')) as unknown });
          io.out(JSON.stringify(saved, null, 2));
        } else if (verb === 'remove' && arg) await ws['localPacks.remove']({ id: arg });
        else if (verb === 'list' || verb === undefined) io.out(JSON.stringify(await ws['localPacks.list']({}), null, 2));
        else throw new CliError('local-packs takes list, save FILE.json or remove ID');
        return 0;
      }
      case 'report': {
        const path = values.out;
        const ext = path ? extname(path).toLowerCase() : '';
        if (!path || (ext !== '.docx' && ext !== '.xlsx')) throw new CliError('report needs --out report.docx (Word) or --out report.xlsx (Excel)');
        const out = await ws[ext === '.xlsx' ? 'report.xlsx' : 'report.docx']({ suppress: suppress() });
        await writeFile(resolve(path), out.data, { mode: 0o600 });
        io.out(JSON.stringify({ path: resolve(path), bytes: out.data.byteLength }, null, 2));
        return 0;
      }
      default:
        throw new CliError(`Unknown command "${command}".\n${USAGE}`);
    }
  } finally {
    await ws.close();
  }
}

/**
 * The process entry: runs the command, waits until everything written to stdout has been handed
 * to the OS (a pipe to a slow reader would otherwise lose what process.exit() cut off), then exits.
 */
export async function main(argv: string[]): Promise<never> {
  let code: number;
  try {
    code = await runCli(argv, { out: (t) => process.stdout.write(t + '\n'), err: (t) => process.stderr.write(t + '\n') });
  } catch (err: unknown) {
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    code = err instanceof CliError ? 2 : err instanceof WorkspaceInUse ? EXIT_IN_USE : 1;
  }
  await new Promise<void>((done) => process.stdout.write('', () => done()));
  process.exit(code);
}

// Run when executed directly (tsx electron/cli.ts ...); scripts/cli.mjs calls main() of the bundle.
if (process.argv[1] && /electron[\\/]cli\.ts$/.test(process.argv[1])) void main(process.argv.slice(2));
