/**
 * Our authority and its comparators, kept in the workspace (workspace_meta), and the comparison
 * report built from the published figures and the authority's own returns.
 */
import type { BenchmarkSettings, PublishedStatus } from '../../shared/api.js';
import type { SqlEngine } from '../../shared/engine.js';
import { buildBenchmarks, type Area, type BenchmarkReport, type MeasureValue } from '../../shared/ees/benchmarks.js';
import { MEASURES, type OwnSource } from '../../shared/ees/measures.js';
import type { PackRunResult } from '../../shared/api.js';
import { ensurePublishedTables, publishedFiles } from '../import/ees.js';

const AUTHORITY_KEY = 'benchmarks.authority';
const COMPARATORS_KEY = 'benchmarks.comparators';
const SAMPLE_YEARS_KEY = 'benchmarks.sample_years';

/** Inner and Outer London are statistical sub-regions: an authority's region is London. */
const LONDON = { code: 'E12000007', name: 'London' };

export class BenchmarkRefused extends Error {
  readonly code = 'invalid-request';
}

async function getMeta(engine: SqlEngine, key: string): Promise<string | null> {
  const rows = await engine.all<{ value: string | null }>('SELECT value FROM workspace_meta WHERE key = $key', { key });
  return rows[0]?.value ?? null;
}

async function setMeta(engine: SqlEngine, key: string, value: string | null): Promise<void> {
  await engine.run('DELETE FROM workspace_meta WHERE key = $key', { key });
  if (value !== null) await engine.run('INSERT INTO workspace_meta VALUES ($key, $value)', { key, value });
}

/** Every authority in the published figures, as its latest file names it. */
export async function publishedAuthorities(engine: SqlEngine): Promise<Area[]> {
  await ensurePublishedTables(engine);
  const rows = await engine.all<{ code: string; name: string; old: string | null; region_code: string | null; region_name: string | null }>(
    `SELECT area_code AS code, arg_max(area_name, time_period) AS name, arg_max(old_la_code, time_period) AS old,
            arg_max(region_code, time_period) AS region_code, arg_max(region_name, time_period) AS region_name
     FROM published WHERE lower(geographic_level) = 'local authority' GROUP BY area_code ORDER BY name`,
  );
  return rows.map((r) => {
    const london = r.region_code?.startsWith('E13') ?? false;
    return {
      code: r.code,
      name: r.name,
      ...(r.old ? { oldLaCode: r.old } : {}),
      ...(r.region_code ? { regionCode: london ? LONDON.code : r.region_code, regionName: london ? LONDON.name : (r.region_name ?? '') } : {}),
    };
  });
}

function simplify(name: string): string {
  return name
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/\b(city of|council|county|borough|metropolitan|london borough of|royal borough of)\b/g, '')
    .replace(/[^a-z0-9]/g, '');
}

/** The authority a person means by a name or a code (new E-code or old three-digit code). */
export function resolveAuthority(text: string, authorities: Area[]): Area {
  const t = text.trim();
  const lower = t.toLowerCase();
  const exact =
    authorities.find((a) => a.code.toLowerCase() === lower || a.oldLaCode === t || a.name.toLowerCase() === lower) ??
    authorities.find((a) => simplify(a.name) === simplify(t));
  if (exact) return exact;
  const near = authorities.filter((a) => simplify(a.name).includes(simplify(t))).slice(0, 5);
  if (near.length === 1) return near[0]!;
  throw new BenchmarkRefused(
    authorities.length === 0
      ? 'No published figures are loaded, so no authority can be chosen. Load the DfE files first.'
      : `No authority called "${t}" is in the published figures.${near.length ? ` Did you mean ${near.map((a) => a.name).join(', ')}?` : ' Give its name as DfE spells it, or its code (E08000037 or 390).'}`,
  );
}

/** An authority has been chosen: without one no pack shows comparators, and the published files need not be loaded. */
export async function authorityChosen(engine: SqlEngine): Promise<boolean> {
  return (await getMeta(engine, AUTHORITY_KEY)) !== null;
}

export async function benchmarkSettings(engine: SqlEngine, authorities?: Area[]): Promise<BenchmarkSettings> {
  const code = await getMeta(engine, AUTHORITY_KEY);
  const comparators = await getMeta(engine, COMPARATORS_KEY);
  const list = authorities ?? (code ? await publishedAuthorities(engine) : []);
  return { authority: code ? (list.find((a) => a.code === code) ?? { code, name: code }) : null, comparators: comparators ? (JSON.parse(comparators) as string[]) : null };
}

export async function publishedStatus(engine: SqlEngine): Promise<PublishedStatus> {
  const authorities = await publishedAuthorities(engine);
  return { files: await publishedFiles(engine), authorities, settings: await benchmarkSettings(engine, authorities) };
}

export async function setAuthority(engine: SqlEngine, authority: string | null, comparators: string[] | null | undefined): Promise<void> {
  const authorities = await publishedAuthorities(engine);
  const chosen = authority === null ? null : resolveAuthority(authority, authorities);
  const custom = comparators && comparators.length ? comparators.map((c) => resolveAuthority(c, authorities).code) : null;
  await engine.transaction(async () => {
    await setMeta(engine, AUTHORITY_KEY, chosen?.code ?? null);
    await setMeta(engine, COMPARATORS_KEY, custom ? JSON.stringify(custom) : null);
    await engine.run(`INSERT INTO activity_log VALUES (now()::TIMESTAMP, 'set-authority', $detail::JSON)`, {
      detail: JSON.stringify({ authority: chosen?.code ?? null, comparators: custom }),
    });
  });
}

/** The years whose returns are the bundled synthetic sample (not the authority's real data). */
export async function sampleYears(engine: SqlEngine): Promise<number[]> {
  const v = await getMeta(engine, SAMPLE_YEARS_KEY);
  return v ? (JSON.parse(v) as number[]) : [];
}

export async function markSampleYear(engine: SqlEngine, year: number, sample: boolean): Promise<void> {
  const years = new Set(await sampleYears(engine));
  if (sample) years.add(year);
  else years.delete(year);
  await setMeta(engine, SAMPLE_YEARS_KEY, years.size ? JSON.stringify([...years].sort()) : null);
}

/** DfE's statistical neighbours of an authority, in DfE's order, as published areas. */
async function statisticalNeighbours(engine: SqlEngine, authority: Area, authorities: Area[]): Promise<Area[]> {
  if (!authority.oldLaCode) return [];
  const rows = await engine.all<{ code: string; name: string | null }>(
    `SELECT n.neighbour_old_la_code AS code, m.la_name AS name FROM statistical_neighbours n
     LEFT JOIN (SELECT DISTINCT old_la_code, la_name FROM statistical_neighbours) m ON m.old_la_code = n.neighbour_old_la_code
     WHERE n.old_la_code = $code ORDER BY n.rank`,
    { code: authority.oldLaCode },
  );
  return rows.map((r) => authorities.find((a) => a.oldLaCode === r.code) ?? { code: `old:${r.code}`, name: r.name ?? r.code, oldLaCode: r.code });
}

/** Packs the own figures come from. */
export const OWN_PACKS: readonly string[] = [...new Set(MEASURES.flatMap((m) => (m.own ? [m.own.pack] : [])))];

/** The pack run an own figure is read from: the pack alone, or with the options its measure needs. */
export function ownRunKey(own: OwnSource): string {
  const options = Object.entries(own.options ?? {});
  return options.length ? `${own.pack}?${options.map(([k, v]) => `${k}=${v}`).join('&')}` : own.pack;
}

export interface OwnRun {
  key: string;
  pack: string;
  options?: Record<string, string>;
}

/** Every pack run the own figures need, each once. */
export const OWN_RUNS: readonly OwnRun[] = [
  ...new Map(MEASURES.flatMap((m) => (m.own ? [[ownRunKey(m.own), { key: ownRunKey(m.own), pack: m.own.pack, ...(m.own.options ? { options: { ...m.own.options } } : {}) }] as const] : []))).values(),
];

/**
 * Runs every own pack in as few batches as a batch allows (each pack once per batch, with its
 * options), and returns the results by run key.
 */
export async function runOwnPacks(
  run: (ids: string[], optionsByPack: Record<string, Record<string, string>>) => Promise<Record<string, PackRunResult>>,
): Promise<Record<string, PackRunResult>> {
  const out: Record<string, PackRunResult> = {};
  let left = [...OWN_RUNS];
  while (left.length) {
    const batch = left.filter((r, i) => left.findIndex((x) => x.pack === r.pack) === i);
    left = left.filter((r) => !batch.includes(r));
    const results = await run(
      batch.map((r) => r.pack),
      Object.fromEntries(batch.flatMap((r) => (r.options ? [[r.pack, r.options]] : []))),
    );
    for (const r of batch) if (results[r.pack]) out[r.key] = results[r.pack]!;
  }
  return out;
}

/**
 * The authority's own figure for each measure and year from its pack results (by run key): a count,
 * a percent, or a count per 10,000 children aged 0 to 17 (the ONS estimate for the authority and year).
 */
export function ownFigures(packs: Record<string, PackRunResult>, population: Map<number, number>): Record<string, Record<number, number | null>> {
  const out: Record<string, Record<number, number | null>> = {};
  for (const m of MEASURES) {
    if (!m.own) continue;
    const result = packs[ownRunKey(m.own)]?.result;
    const row = result?.rows.find((r) => r.key === m.own!.row);
    if (!result || !row) continue;
    const byYear: Record<number, number | null> = {};
    for (const y of result.years) {
      const cell = row.values[String(y)];
      const count = cell?.count ?? null;
      if (m.own.value === 'count') byYear[y] = count;
      else if (m.own.value === 'percent') byYear[y] = cell?.percent ?? null;
      else {
        const pop = population.get(y);
        byYear[y] = count !== null && pop ? (count * 10000) / pop : null;
      }
    }
    out[m.id] = byYear;
  }
  return out;
}

/**
 * The comparison report for the chosen authority, or null when none is chosen. ownResults gives the
 * authority's pack results by run key (unsuppressed: the figures are compared, not published here).
 */
export async function benchmarkReport(engine: SqlEngine, ownResults: () => Promise<Record<string, PackRunResult>>): Promise<BenchmarkReport | null> {
  const authorities = await publishedAuthorities(engine);
  const settings = await benchmarkSettings(engine, authorities);
  const authority = settings.authority;
  if (!authority) return null;
  const region = authority.regionCode ? { code: authority.regionCode, name: authority.regionName ?? authority.regionCode } : null;
  const neighbours = settings.comparators
    ? settings.comparators.map((c) => authorities.find((a) => a.code === c) ?? { code: c, name: c })
    : await statisticalNeighbours(engine, authority, authorities);
  // One value per measure, area and year: where two files publish it (the 2022 and 2025 stability
  // files overlap in 2021 and 2022), the file reaching the later year wins, as DfE's latest release.
  const values = await engine.all<{ measure: string; year: number; level: string; code: string; text: string; num: number | null; source: string }>(
    `SELECT measure, time_period AS year, lower(geographic_level) AS level, area_code AS code,
            arg_max(value_text, f.last_year) AS text, arg_max(value_num, f.last_year) AS num, arg_max(p.source, f.last_year) AS source
     FROM published p JOIN published_files f USING (source)
     WHERE measure IS NOT NULL
     GROUP BY ALL`,
  );
  const population = new Map<number, number>();
  const measureValues: MeasureValue[] = [];
  for (const v of values) {
    const level = v.level === 'national' ? 'national' : v.level === 'regional' ? 'regional' : v.level === 'local authority' ? 'la' : null;
    if (!level) continue;
    if (v.measure === 'population') {
      if (level === 'la' && v.code === authority.code && v.num !== null) population.set(v.year, v.num);
      continue;
    }
    measureValues.push({ measure: v.measure, year: v.year, level, areaCode: v.code, valueText: v.text, valueNum: v.num, source: v.source });
  }
  const own = ownFigures(await ownResults(), population);
  return buildBenchmarks({
    authority,
    region,
    neighbours,
    customComparators: settings.comparators !== null,
    values: measureValues,
    own,
    population: Object.fromEntries([...population].map(([y, n]) => [String(y), n])),
    sampleData: (await sampleYears(engine)).length > 0,
  });
}
