/**
 * Seeded synthetic SSDA903 returns.
 *
 *   npx tsx sample-data/generate.ts [--out DIR] [--seed N] [--children N] [--las N [--combined]]
 *                                   [--years 2019-2024] [--xlsx-year 2024|none] [--xlsx-out DIR]
 *
 * With no arguments it rewrites the bundled sample: sample-data/returns/2019 ... 2024 (CSV) and
 * sample-data/returns-xlsx/2024.xlsx. The same options always write byte-identical files.
 * --las N writes DIR/la-NN/YEAR/ (ids prefixed L001...); with --combined all LAs go into one set of
 * DIR/YEAR/ files (a national-scale "return"). National scale, e.g.:
 *   --las 150 --children 530 --years 2016-2025 --out /tmp/national [--combined]
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSample, type LaSummary } from './generator/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const DEFAULT_OUT = join(here, 'returns');
const DEFAULT_XLSX_OUT = join(here, 'returns-xlsx');

const OPTIONS = new Set(['out', 'seed', 'children', 'las', 'years', 'xlsx-year', 'xlsx-out']);
const FLAGS = new Set(['combined']);

function parseArgs(argv: string[]) {
  const opts: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--help' || a === '-h') opts.help = '1';
    else if (FLAGS.has(a.slice(2))) opts[a.slice(2)] = '1';
    else if (a.startsWith('--')) {
      const [k, v] = a.includes('=') ? [a.slice(2, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a.slice(2), argv[++i]];
      if (!OPTIONS.has(k!)) throw new Error(`Unknown option --${k} (see --help)`);
      if (v === undefined) throw new Error(`Missing value for --${k}`);
      opts[k] = v;
    } else throw new Error(`Unexpected argument: ${a}`);
  }
  return opts;
}

function int(name: string, v: string | undefined, dflt: number, min: number, max: number): number {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} must be a whole number from ${min} to ${max}`);
  return n;
}

function printSummary(summaries: LaSummary[], multi: boolean): void {
  const years = summaries[0]!.years.map((y) => y.year);
  const kinds = Object.keys(summaries[0]!.years[summaries[0]!.years.length - 1]!.rows);
  const pad = (s: string | number, n: number) => String(s).padStart(n);
  console.log(`${multi ? `${summaries.length} LAs, totals` : 'Rows per file'} (CLA = looked after at 31 March, excluding short breaks)`);
  const short: Record<string, string> = { placed_for_adoption: 'pfa', previous_permanence: 'prevperm', sw_episodes: 'sw_eps' };
  console.log(['year', 'CLA', 'start', 'cease', ...kinds].map((k, i) => (i === 0 ? k.padEnd(6) : pad(short[k] ?? k, 9))).join(''));
  for (const [i, year] of years.entries()) {
    const sum = (f: (y: LaSummary['years'][number]) => number) => summaries.reduce((s, la) => s + f(la.years[i]!), 0);
    console.log(
      [
        String(year).padEnd(6),
        pad(sum((y) => y.cla31March), 9),
        pad(sum((y) => y.started), 9),
        pad(sum((y) => y.ceased), 9),
        ...kinds.map((k) => pad(sum((y) => y.rows[k] ?? 0), 9)),
      ].join(''),
    );
  }
}

async function main(): Promise<void> {
  const a = parseArgs(process.argv.slice(2));
  if (a.help) {
    console.log(
      'Usage: npx tsx sample-data/generate.ts [--out DIR] [--seed N] [--children N] [--las N [--combined]] [--years 2019-2024] [--xlsx-year 2024|none] [--xlsx-out DIR]',
    );
    return;
  }
  const yearsArg = a.years ?? '2019-2024';
  const m = /^(\d{4})(?:-(\d{4}))?$/.exec(yearsArg);
  if (!m) throw new Error('--years must look like 2019-2024 or 2024');
  const firstYear = Number(m[1]);
  const lastYear = Number(m[2] ?? m[1]);
  if (firstYear > lastYear || firstYear < 2000 || lastYear > 2030) throw new Error('--years must run forwards, within 2000-2030');
  const out = a.out ? resolve(a.out) : DEFAULT_OUT;
  const las = a.las === undefined ? null : int('las', a.las, 1, 1, 999);
  if (a.combined && las === null) throw new Error('--combined needs --las N');
  const isDefault = out === DEFAULT_OUT && las === null;
  let xlsxYear: number | null = isDefault && firstYear <= 2024 && lastYear >= 2024 ? 2024 : null;
  if (a['xlsx-year'] !== undefined) xlsxYear = a['xlsx-year'] === 'none' ? null : int('xlsx-year', a['xlsx-year'], 0, firstYear, lastYear);
  const xlsxOut = a['xlsx-out'] ? resolve(a['xlsx-out']) : out === DEFAULT_OUT ? DEFAULT_XLSX_OUT : join(out, 'xlsx');

  const summaries = await generateSample({
    out,
    seed: int('seed', a.seed, 903, 0, 2 ** 32 - 1),
    children: int('children', a.children, 450, 1, 100000),
    las,
    combined: a.combined === '1',
    firstYear,
    lastYear,
    xlsxYear,
    xlsxOut,
  });
  console.log(`Wrote ${out}${xlsxYear !== null ? ` and ${xlsxOut}` : ''}`);
  printSummary(summaries, las !== null);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
