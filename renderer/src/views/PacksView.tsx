/**
 * Packs: the IRO report's tables grouped by section. One pack shows its definition, a grid with
 * years as columns (count, %, change from last year), the commentary, and the year-on-year chart,
 * with toggles for measure, year range and suppression; copy and export; click a count to drill.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { PackRunResult, PackSummary, WorkbenchApi, WorkspaceStatus } from '../../../shared/api.js';
import { errorMessage } from '../api.js';
import { chartImage, PlotlyChart } from '../components/PlotlyChart.js';
import { copyHtmlAndText } from '../lib/clipboard.js';
import { downloadBytes, fileSlug, MIME } from '../lib/download.js';
import { NOT_COLLECTED, NOT_COLLECTED_MEANING, SUPPRESSED, suppressedMeaning, yearLabel } from '../lib/format.js';
import { buildFigureCharts, buildPackChart, latestYearSentence, withGapCaption, type PackChart } from '../lib/packChart.js';
import { useChartLook } from '../lib/houseStyle.js';
import { packHasPercent, packTable, type Measure, type PackGridRow } from '../lib/packTable.js';
import { PackComparators } from '../components/PackComparators.js';
import { PackFindingsNote } from '../components/PackFindingsNote.js';
import { PackTable } from '../components/PackTable.js';
import { packRunCache, packRunKey } from '../lib/packRunCache.js';
import { packCommentary } from '../../../shared/packs/run.js';
import { tableToHtml, tableToTsv } from '../../../shared/export/clipboard.js';
import { figurePanels } from '../../../shared/export/chartRows.js';
import { tooFewMessage, tooFewToPublish } from '../../../shared/packs/suppression.js';
import { HISTORY_SYMBOL, historyOnScreen } from '../../../shared/packs/history.js';
import { BREAKDOWNS, PART_SEPARATOR } from '../../../shared/packs/breakdown.js';
import { isLocalPackId } from '../../../shared/packs/local.js';
import { comparedYears, comparisonNote } from '../../../shared/packs/yearOnYear.js';
import { DrillDialog, type DrillTarget } from './DrillDialog.js';

export function groupBySection(packs: PackSummary[]): { section: string; packs: PackSummary[] }[] {
  const out: { section: string; packs: PackSummary[] }[] = [];
  for (const p of packs) {
    let group = out.find((g) => g.section === p.section);
    if (!group) out.push((group = { section: p.section, packs: [] }));
    group.packs.push(p);
  }
  return out;
}

/** Focus the pack's table (its current cell), or else the pack's heading when there is no table. */
function skipToTable(e: React.MouseEvent<HTMLAnchorElement>) {
  e.preventDefault();
  const target = document.querySelector<HTMLElement>('[data-testid=pack-grid] [tabindex="0"]') ?? document.querySelector<HTMLElement>('.pack-detail h2');
  if (!target) return;
  if (!target.hasAttribute('tabindex')) target.tabIndex = -1;
  target.focus();
}

export function PacksView({
  api,
  packs,
  status,
  selected,
  onSelect,
  onShowQuality,
}: {
  api: WorkbenchApi;
  packs: PackSummary[];
  status: WorkspaceStatus;
  selected: string | null;
  onSelect: (id: string) => void;
  /** Open the Data quality view on the rules that may affect a pack (from the pack's note on findings). */
  onShowQuality?: (pack: { id: string; title: string }) => void;
}) {
  const sections = useMemo(() => groupBySection(packs), [packs]);
  const summary = packs.find((p) => p.id === selected) ?? null;
  return (
    <div className="packs-layout">
      <nav className="pack-list" aria-label="Packs">
        {/* Past the list of packs straight to the table, for keyboard users (shown on focus). */}
        <a className="skip-to-table" href="#pack-table" onClick={skipToTable}>
          Skip to table
        </a>
        <h1 tabIndex={-1}>Packs</h1>
        {sections.map((s) => (
          <div key={s.section} className="pack-section">
            <h2>{s.section}</h2>
            <ul>
              {s.packs.map((p) => (
                <li key={p.id}>
                  <button type="button" aria-current={p.id === selected ? 'true' : undefined} onClick={() => onSelect(p.id)} data-pack={p.id}>
                    {p.title}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </nav>
      <div className="pack-detail">
        {status.years.length === 0 ? (
          <div className="panel">
            <h2>No data yet</h2>
            <p>Import at least one year on the Data page; every pack then covers all the years loaded.</p>
          </div>
        ) : summary ? (
          // Not keyed by pack: the detail (and its chart) stays mounted, so switching packs redraws in place.
          <>
            <PackFindingsNote api={api} pack={summary.id} status={status} {...(onShowQuality ? { onShow: () => onShowQuality({ id: summary.id, title: summary.title }) } : {})} />
            <PackDetail api={api} summary={summary} status={status} />
          </>
        ) : (
          <div className="panel">
            <h2>Choose a pack</h2>
            <p>Each pack is one table of the IRO annual report, for every year loaded, with the change from last year, a chart and commentary.</p>
          </div>
        )}
      </div>
    </div>
  );
}

/** After this long still counting, say why it can take a while. */
export const SLOW_AFTER_MS = 3000;

function PackDetail({ api, summary, status }: { api: WorkbenchApi; summary: PackSummary; status: WorkspaceStatus }) {
  const [measure, setMeasure] = useState<Measure>('both');
  const [suppressOn, setSuppressOn] = useState(false);
  const [suppressN, setSuppressN] = useState(5);
  // The last answer fetched (for whichever pack and suppression), and the error of the last ask.
  const [fetched, setFetched] = useState<{ key: string; summary: PackSummary; run: PackRunResult } | null>(null);
  const [error, setError] = useState<{ key: string; text: string } | null>(null);
  // The range of years chosen, kept apart for a local pack by month (its columns are months, yyyymm).
  const [ranges, setRanges] = useState<{ years?: { from: number; to: number }; months?: { from: number; to: number } }>({});
  const rangeOf = summary.timing === 'month' ? 'months' : 'years';
  const range = ranges[rangeOf] ?? null;
  const setRange = (r: { from: number; to: number }) => setRanges((all) => ({ ...all, [rangeOf]: r }));
  const [drill, setDrill] = useState<DrillTarget | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  // Figures marked u (incomplete history) stay out of the chart and commentary unless shown.
  const [showIncomplete, setShowIncomplete] = useState(false);
  const [by, setBy] = useState('none');
  // The pack's own options chosen, by pack (DfE's basis for care leavers, what is counted): defaults until changed.
  const [chosen, setChosen] = useState<Record<string, Record<string, string>>>({});
  const ids = { from: useId(), to: useId(), n: useId(), sup: useId(), hist: useId(), by: useId(), option: useId(), chart: useId() };
  /** Which chart Chart PNG / SVG save: 0 the counts', k the k-th figure's (a local pack's average days...). */
  const [chartChoice, setChartChoice] = useState(0);
  const suppress = suppressOn ? suppressN : null;
  // What leaves the app (copy, exports, chart images) is always suppressed, as Export does by
  // default: with the screen's suppression off, at the threshold in the N box.
  const published = suppress ?? suppressN;
  const packOptions = useMemo(() => {
    const given = chosen[summary.id] ?? {};
    return Object.fromEntries((summary.options ?? []).flatMap((o) => (given[o.id] && given[o.id] !== o.default ? [[o.id, given[o.id]!]] : [])));
  }, [chosen, summary]);
  // A breakdown is a pack option every pack takes (shared/packs/breakdown.ts).
  const options = useMemo(() => {
    const all = { ...packOptions, ...(by === 'none' ? {} : { by }) };
    return Object.keys(all).length ? all : undefined;
  }, [packOptions, by]);
  const key = packRunKey(summary.id, suppress, options);
  const cache = packRunCache(api, status);
  // This pack's figures if already known. While they come, the figures last shown stay: this
  // pack's (before the new suppression), or another pack's, hidden, so its chart is reused.
  const current = cache.get(key) ?? (fetched?.key === key ? fetched.run : null);
  const lastShown = useRef<{ summary: PackSummary; run: PackRunResult } | null>(null);
  if (current) lastShown.current = { summary, run: current };
  const run = current ?? lastShown.current?.run ?? null;
  const stale = !current && lastShown.current?.summary.id !== summary.id;
  // While hidden, the other pack's table and chart stay as they were (no redraw for nothing).
  const shownSummary = lastShown.current?.summary ?? summary;
  const failed = error?.key === key ? error.text : null;
  const loading = !current && !failed;

  useEffect(() => {
    setDrill(null);
    setMessage(null);
    setChartChoice(0);
  }, [summary.id]);

  // The first table after an import works out the views; at national scale that takes a minute.
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    if (!loading) return setSlow(false);
    const timer = setTimeout(() => setSlow(true), SLOW_AFTER_MS);
    return () => clearTimeout(timer);
  }, [loading]);

  useEffect(() => {
    if (cache.has(key)) return;
    let live = true;
    const asked = summary;
    api['pack.run']({ id: asked.id, suppress, ...(options ? { options } : {}) }).then(
      (r) => {
        cache.set(key, r);
        if (live) setFetched({ key, summary: asked, run: r });
      },
      (e: unknown) => {
        if (live) setError({ key, text: errorMessage(e) });
      },
    );
    return () => {
      live = false;
    };
  }, [api, cache, key, summary, suppress, options]);

  const result = run?.result ?? null;
  const allYears = result?.years ?? [];
  const years = useMemo(() => {
    if (!range) return allYears;
    return allYears.filter((y) => y >= range.from && y <= range.to);
  }, [allYears, range]);
  const hasPercent = result ? packHasPercent(result) : false;
  // The two years the change column compares, and a line when that is not plain (a year passed over, or no change).
  const compared = result ? comparedYears(result, years) : null;
  const changeNote = result ? comparisonNote(result, years, (y) => yearLabel(y, summary.timing)) : null;
  const table = useMemo(() => (result ? packTable(result, shownSummary, { measure, years }) : null), [result, shownSummary, measure, years]);
  const look = useChartLook();
  const chart = useMemo(
    () => (result ? buildPackChart(result, shownSummary, measure, years, showIncomplete, look) : null),
    [result, shownSummary, measure, years, showIncomplete, look],
  );
  // A local pack's figures besides the count (average days, total hours): a chart each, under the counts'.
  const figureCharts = useMemo(() => (result ? buildFigureCharts(result, shownSummary, years, look) : []), [result, shownSummary, years, look]);
  // Their titles, in the same order, for choosing which chart to save.
  const figureTitles = useMemo(() => (result ? figurePanels(result).map((p) => p.title) : []), [result]);
  const history = result ? historyOnScreen(result, years, shownSummary.timing) : null;
  // The charts drawn so far, by pack (their latest figures), for as long as the data stays the same.
  const shelves = useRef(new WeakMap<Map<string, PackRunResult>, Map<string, PackChart>>());
  let shelf = shelves.current.get(cache);
  if (!shelf) shelves.current.set(cache, (shelf = new Map()));
  if (chart && years.length > 0) shelf.set(shownSummary.id, chart);
  // Written for the years the table shows, so each figure quoted is one of the table's.
  const commentary = useMemo(() => (result ? packCommentary(result.pack, result, packOptions, years, showIncomplete) : []), [result, packOptions, years, showIncomplete]);
  // Every year shown withheld by suppression (too few to publish safely): say so instead of a table of c.
  const tooFew = result ? tooFewToPublish(result, years) : false;

  function openDrill(row: PackGridRow, year: number) {
    const cell = row.values[String(year)];
    if (!cell || cell.suppressed || typeof cell.count !== 'number' || cell.count === 0) return;
    // A part of a breakdown is named with the figure it splits ("Under 1: Male"); a local pack's
    // figure with its measure ("Average days from raised to resolved: 1 Informal").
    const named = (options && row.id.includes(PART_SEPARATOR)) || (row.group !== null && result?.local?.measures?.includes(row.group));
    const label = named && row.group ? `${row.group}: ${row.label}` : row.label;
    setDrill({ pack: summary.id, packTitle: summary.title, year, yearText: yearLabel(year, summary.timing), key: row.isTotal ? undefined : row.id, label, count: cell.count, ...(options ? { options } : {}) });
  }

  /** The figures as they may leave the app: the pack run with the publication threshold. */
  async function publishedRun(): Promise<PackRunResult> {
    const k = packRunKey(summary.id, published, options);
    const kept = cache.get(k);
    if (kept) return kept;
    const r = await api['pack.run']({ id: summary.id, suppress: published, ...(options ? { options } : {}) });
    cache.set(k, r);
    return r;
  }

  /** The chart as it may leave the app: drawn from the suppressed figures. */
  async function publishedChart(): Promise<PackChart> {
    const { result: r } = await publishedRun();
    return buildPackChart(r, summary, measure, years, showIncomplete, look);
  }

  async function copyTable() {
    if (!result) return;
    try {
      const { result: figures } = await publishedRun();
      // The same table model as the Excel and Word exports, for the years on screen.
      const shown = { ...figures, years };
      const table = { result: shown, commentary: packCommentary(figures.pack, shown, packOptions, years, showIncomplete), timing: summary.timing, chart: summary.chart, section: summary.section };
      const ok = await copyHtmlAndText(tableToHtml(table, { suppression: published }), tableToTsv(table, { suppression: published }));
      setMessage(ok ? `Table copied. Small numbers suppressed (1 to ${published} shown as c). Paste it into Word or Excel.` : 'The table could not be copied; use Export instead.');
    } catch (e) {
      setMessage(`The table could not be copied: ${errorMessage(e)}`);
    }
  }

  async function exportPack(format: 'xlsx' | 'docx') {
    if (!result || !chart) return;
    setExporting(true);
    setMessage(`Preparing the ${format === 'xlsx' ? 'Excel workbook' : 'Word document'}…`);
    try {
      // The export draws the chart, as it does for the full report (every segment of a 100% stack
      // labelled, a local pack's figures in panels under the counts), of the range of years on screen.
      const out = await api[format === 'xlsx' ? 'export.xlsx' : 'export.docx']({
        packs: [summary.id],
        suppress: published,
        chartYears: { [summary.id]: years },
        ...(showIncomplete ? { includeIncompleteHistory: true } : {}),
        ...(options ? { optionsByPack: { [summary.id]: options } } : {}),
      });
      downloadBytes(out.data, out.fileName, MIME[format]);
      setMessage(`Saved ${out.fileName}.`);
    } catch (e) {
      setMessage(`Export failed: ${errorMessage(e)}`);
    } finally {
      setExporting(false);
    }
  }

  /**
   * The chart chosen (the counts', or one of a local pack's figures), on its own as on screen (the
   * years and measure chosen), for slides.
   */
  async function downloadChart(format: 'png' | 'svg') {
    if (!chart) return;
    setExporting(true);
    try {
      const figure = chartChoice > 0 ? figureTitles[chartChoice - 1] : undefined;
      // Drawn from the published (suppressed) figures, as the screen draws them.
      const chosen = figure === undefined ? await publishedChart() : buildFigureCharts((await publishedRun()).result, summary, years, look)[chartChoice - 1];
      if (!chosen) throw new Error(`no chart of ${figure ?? 'the counts'}`);
      // With what a gap is written under the plot: the image leaves without the page's caption.
      const drawn = withGapCaption(chosen);
      // PNG at twice the size, so it stays sharp on a projected slide.
      const image = await chartImage(drawn.data, drawn.layout, format, 1000, drawn.height, format === 'png' ? 2 : 1);
      const fileName = `chart-${summary.id}${figure === undefined ? '' : `-${fileSlug(figure)}`}.${format}`;
      downloadBytes(image, fileName, MIME[format]);
      setMessage(`Saved ${fileName}.`);
    } catch (e) {
      setMessage(`The chart could not be saved: ${errorMessage(e)}`);
    } finally {
      setExporting(false);
    }
  }

  const timingText =
    summary.timing === 'snapshot' ? 'Snapshot on 31 March of each year' : summary.timing === 'month' ? 'Counted over each month' : 'Counted over each collection year (1 April to 31 March)';

  return (
    <article className="pack" aria-labelledby="pack-title" data-testid="pack-detail" data-pack={summary.id}>
      <header className="pack-head">
        <p className="eyebrow">{summary.section}</p>
        <h2 id="pack-title" className="pack-title">
          {summary.title}
        </h2>
        <p className="muted">{timingText}</p>
      </header>

      {failed && (
        <div className="outcome failure" role="alert">
          <p>{failed}</p>
        </div>
      )}
      {loading && (!result || stale) && (
        <p role="status">
          Counting…
          {slow &&
            " The first table after an import works out every child's history of care from all the years loaded; with many years, or many authorities, that can take a minute. The tables after it are quick."}
        </p>
      )}

      {result && (
        <div className="pack-body" hidden={stale || !!failed}>
          <section className="definition" aria-label="Definition">
            <h3>Definition</h3>
            <p>{result.definition}</p>
          </section>

          <div className="toolbar" role="group" aria-label="Table options">
            {hasPercent && (
              <fieldset className="segmented">
                <legend>Show</legend>
                <div className="segments">
                  {(
                    [
                      ['both', 'Both'],
                      ['count', 'Number'],
                      ['percent', '%'],
                    ] as const
                  ).map(([value, text]) => (
                    <label key={value} className={measure === value ? 'checked' : undefined}>
                      <input type="radio" name="measure" value={value} checked={measure === value} onChange={() => setMeasure(value)} />
                      {text}
                    </label>
                  ))}
                </div>
              </fieldset>
            )}
            {allYears.length > 1 && (
              <fieldset className="inline-fields">
                <legend>{summary.timing === 'month' ? 'Months' : 'Years'}</legend>
                <div className="controls">
                  <label htmlFor={ids.from} className="visually-hidden">
                    From
                  </label>
                  <select
                    id={ids.from}
                    value={years[0] ?? ''}
                    onChange={(e) => setRange({ from: Number(e.target.value), to: Math.max(Number(e.target.value), years[years.length - 1] ?? Number(e.target.value)) })}
                  >
                    {allYears.map((y) => (
                      <option key={y} value={y}>
                        {yearLabel(y, summary.timing)}
                      </option>
                    ))}
                  </select>
                  <span aria-hidden="true">to</span>
                  <label htmlFor={ids.to} className="visually-hidden">
                    To
                  </label>
                  <select id={ids.to} value={years[years.length - 1] ?? ''} onChange={(e) => setRange({ from: Math.min(years[0] ?? Number(e.target.value), Number(e.target.value)), to: Number(e.target.value) })}>
                    {allYears.map((y) => (
                      <option key={y} value={y}>
                        {yearLabel(y, summary.timing)}
                      </option>
                    ))}
                  </select>
                </div>
              </fieldset>
            )}
            {(summary.options ?? []).map((o) => (
              <div className="inline-fields" key={o.id}>
                <label htmlFor={`${ids.option}-${o.id}`}>{o.label}</label>
                <select
                  id={`${ids.option}-${o.id}`}
                  value={packOptions[o.id] ?? o.default}
                  onChange={(e) => setChosen((c) => ({ ...c, [summary.id]: { ...c[summary.id], [o.id]: e.target.value } }))}
                >
                  {o.choices.map((c) => (
                    <option key={c.value} value={c.value}>
                      {c.label}
                    </option>
                  ))}
                </select>
              </div>
            ))}
            {/* A local pack's rows are not children of the returns: no characteristic to break them down by. */}
            {!isLocalPackId(summary.id) && (
              <div className="inline-fields">
                <label htmlFor={ids.by}>Break down by</label>
                <select id={ids.by} value={by} onChange={(e) => setBy(e.target.value)}>
                  <option value="none">Nothing (the pack as published)</option>
                  {BREAKDOWNS.filter((b) => !summary.ownBreakdowns?.includes(b.id) || b.id === by).map((b) => (
                    <option key={b.id} value={b.id}>
                      {b.label}
                    </option>
                  ))}
                </select>
              </div>
            )}
            <fieldset className="inline-fields">
              <legend>Small numbers</legend>
              <div className="controls">
                <input id={ids.sup} type="checkbox" checked={suppressOn} onChange={(e) => setSuppressOn(e.target.checked)} />
                <label htmlFor={ids.sup}>Suppress 1 to</label>
                <input
                  id={ids.n}
                  type="number"
                  min={1}
                  max={100}
                  value={suppressN}
                  aria-label="Largest count to suppress"
                  onChange={(e) => setSuppressN(Math.min(100, Math.max(1, Number(e.target.value) || 1)))}
                  className="narrow"
                />
              </div>
            </fieldset>
            {history && (
              <fieldset className="inline-fields">
                <legend>Incomplete history</legend>
                <div className="controls">
                  <input id={ids.hist} type="checkbox" checked={showIncomplete} onChange={(e) => setShowIncomplete(e.target.checked)} />
                  <label htmlFor={ids.hist}>Show those years in the chart and commentary</label>
                </div>
              </fieldset>
            )}
          </div>

          <div className="table-bar">
            <p className="hint">Select a number (click it, or move to it and press Enter) to see the children behind it.</p>
            {/* Always there (its words change), so ticking suppression does not move the table. */}
            <p className="hint" data-testid="published-suppression">
              Copies, exports and chart images are suppressed (1 to {published} shown as c){suppressOn ? ', as the screen is.' : ', although the screen is not.'}
            </p>
            <div className="button-row">
              <button type="button" className="button secondary small" onClick={() => void copyTable()}>
                Copy table
              </button>
              <button type="button" className="button secondary small" onClick={() => void exportPack('xlsx')} disabled={exporting}>
                Export to Excel
              </button>
              <button type="button" className="button secondary small" onClick={() => void exportPack('docx')} disabled={exporting}>
                Export to Word
              </button>
              {/* A local pack with figures besides the count has a chart each: the one to save is chosen here (kept with its buttons when the row wraps). */}
              <span className="chart-save">
                {figureCharts.length > 0 && (
                  <span className="chart-choice">
                    <label htmlFor={ids.chart}>Chart to save</label>
                    <select id={ids.chart} value={chartChoice} onChange={(e) => setChartChoice(Number(e.target.value))}>
                      <option value={0}>Counts</option>
                      {figureTitles.map((t, i) => (
                        <option key={t} value={i + 1}>
                          {t}
                        </option>
                      ))}
                    </select>
                  </span>
                )}
                <button type="button" className="button secondary small" onClick={() => void downloadChart('png')} disabled={exporting || !chart || years.length === 0}>
                  Chart PNG
                </button>
                <button type="button" className="button secondary small" onClick={() => void downloadChart('svg')} disabled={exporting || !chart || years.length === 0}>
                  Chart SVG
                </button>
              </span>
            </div>
          </div>
          {message && (
            <p className="notice" role="status">
              {message}
            </p>
          )}
          {tooFew ? (
            <p className="notice" role="status" data-testid="too-few">
              {tooFewMessage(result.suppression!.threshold)} Turn suppression off to see it (for your own use, not for publication).
            </p>
          ) : (
            table && (
              <PackTable
                table={table}
                label={`${result.title}, by year`}
                testId="pack-grid"
                onDrill={openDrill}
                renderMark={(_row, _col, cell) =>
                  cell.history ? (
                    <span className="history-mark" title={cell.history}>
                      {' '}
                      <span aria-hidden="true">{HISTORY_SYMBOL}</span>
                      <span className="visually-hidden">{cell.history}</span>
                    </span>
                  ) : null
                }
              />
            )
          )}
          <p className="legend">
            {/* What c means, worded as in the exports: a small count, or a figure (a change) it could be worked out from. */}
            <span data-testid="suppressed-legend">
              <strong>{SUPPRESSED}</strong> {suppressedMeaning(result.suppression?.threshold ?? null)}
            </span>
            <span>
              <strong>–</strong> no figure for that year
            </span>
            {result.rows.some((r) => Object.values(r.values).some((c) => c.notCollected)) && (
              <span data-testid="not-collected-legend">
                <strong>{NOT_COLLECTED}</strong> {NOT_COLLECTED_MEANING}
              </span>
            )}
            {history && (
              <span data-testid="history-legend">
                <strong>{HISTORY_SYMBOL}</strong> {history}
              </span>
            )}
            {hasPercent && measure === 'both' && <span>Each year: the number, with its percentage beneath</span>}
            {!tooFew && hasPercent && measure !== 'count' && result.breakdown?.percentNote && <span data-testid="part-percent-legend">{result.breakdown.percentNote}</span>}
            {compared && !tooFew && (
              <span data-testid="change-legend">
                Change: {yearLabel(compared.year, summary.timing)} compared with {yearLabel(compared.since, summary.timing)}
                {hasPercent && measure !== 'count' ? '; points are percentage points' : ''}
              </span>
            )}
            {changeNote && !tooFew && <span data-testid="change-note">{changeNote}</span>}
          </p>

          {result.comparators && <PackComparators comparators={result.comparators} years={years} timing={summary.timing} />}

          {commentary.length > 0 && (
            <section className="commentary" aria-labelledby="commentary-heading">
              <h3 id="commentary-heading">What the numbers say</h3>
              <ul>
                {commentary.map((s, i) => (
                  <li key={i}>{s}</li>
                ))}
              </ul>
            </section>
          )}

          {chart && years.length > 0 && !tooFew && (
            <figure className="chart-figure" aria-labelledby="chart-caption" data-testid="pack-chart">
              <figcaption id="chart-caption">
                <strong>Chart:</strong> {chart.summary} {latestYearSentence(result, summary, years, measure)} The table above holds the same figures.
              </figcaption>
              {/* Each pack's chart stays drawn once drawn, hidden while another shows: going back shows it at once. */}
              {[...shelf].map(([id, c]) => (
                <PlotlyChart
                  key={id}
                  hidden={id !== shownSummary.id}
                  drawnFor={id}
                  data={c.data}
                  layout={c.layout}
                  height={c.height}
                  label={`${c.summary} The figures are in the table above.`}
                />
              ))}
            </figure>
          )}
          {chart &&
            years.length > 0 &&
            !tooFew &&
            figureCharts.map((c, i) => (
              <figure key={`${shownSummary.id}-${i}`} className="chart-figure" aria-labelledby={`figure-chart-caption-${i}`} data-testid="pack-figure-chart">
                <figcaption id={`figure-chart-caption-${i}`}>
                  <strong>Chart:</strong> {c.summary} The table above holds the same figures.
                </figcaption>
                <PlotlyChart data={c.data} layout={c.layout} height={c.height} label={`${c.summary} The figures are in the table above.`} />
              </figure>
            ))}

          {result.notes.length > 0 && (
            <section className="notes" aria-labelledby="notes-heading">
              <h3 id="notes-heading">Notes</h3>
              <ul>
                {result.notes.map((n, i) => (
                  <li key={i}>{n}</li>
                ))}
              </ul>
            </section>
          )}
        </div>
      )}

      <DrillDialog api={api} target={drill} onClose={() => setDrill(null)} />
    </article>
  );
}

