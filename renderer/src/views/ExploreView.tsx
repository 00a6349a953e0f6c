/**
 * Explore: SQL over the workspace. Read-only unless the user switches writing on (and is told what
 * that means); results decoded from Arrow IPC into a grid, with a quick chart of the first two columns.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { ColDef } from 'ag-grid-community';
import type { Data, Layout } from 'plotly.js-dist-min';
import type { WorkbenchApi, WorkspaceStatus } from '../../../shared/api.js';
import { ApiCallError, errorMessage } from '../api.js';
import { DataGrid } from '../components/DataGrid.js';
import { Dialog } from '../components/Dialog.js';
import { PlotlyChart } from '../components/PlotlyChart.js';
import { ViewList } from '../components/ViewList.js';
import { decodeTabular, isNumericType, type DecodedTable } from '../lib/arrow.js';
import { downloadBytes, MIME } from '../lib/download.js';
import { formatInteger } from '../lib/format.js';
import { CHART_FONT, PALETTE, plotlyText } from '../lib/packChart.js';

const EXAMPLE = `-- Children looked after at 31 March, by year (short breaks left out)
SELECT return_year, count(DISTINCT child) AS children
FROM episodes
WHERE decom <= make_date(return_year, 3, 31)
  AND (dec IS NULL OR dec > make_date(return_year, 3, 31))
  AND ls NOT IN ('V3', 'V4')
GROUP BY return_year
ORDER BY return_year`;

/** How long a query may run before it is stopped (the workspace's default is a minute). */
const TIME_LIMITS = [
  { seconds: 10, label: '10 seconds' },
  { seconds: 60, label: '1 minute' },
  { seconds: 300, label: '5 minutes' },
  { seconds: 1800, label: '30 minutes' },
];

interface Ran {
  sql: string;
  table: DecodedTable;
  rowCount: number;
  truncated: boolean;
  ms: number;
}

export function ExploreView({ api, status, onChanged }: { api: WorkbenchApi; status: WorkspaceStatus; onChanged: () => void }) {
  const [sql, setSql] = useState(EXAMPLE);
  const [allowWrite, setAllowWrite] = useState(false);
  const [running, setRunning] = useState(false);
  const [ran, setRan] = useState<Ran | null>(null);
  const [error, setError] = useState<{ code: string; message: string } | null>(null);
  const [timeLimitSeconds, setTimeLimit] = useState(60);
  const [confirmWrite, setConfirmWrite] = useState(false);
  const [confirmDownload, setConfirmDownload] = useState(false);
  const [downloadNote, setDownloadNote] = useState<string | null>(null);
  const ids = { sql: useId(), write: useId(), help: useId(), time: useId() };
  const runningRef = useRef(false);
  // Leaving Explore stops the query it started (closing the window or page does so on the main side).
  useEffect(
    () => () => {
      if (runningRef.current) void api['query.cancel']({}).catch(() => undefined);
    },
    [api],
  );

  async function run() {
    setRunning(true);
    runningRef.current = true;
    setError(null);
    setDownloadNote(null);
    const started = performance.now();
    try {
      const r = await api['query.run']({ sql, allowWrite, limit: 10_000, timeLimitSeconds });
      setRan({ sql, table: decodeTabular(r), rowCount: r.rowCount, truncated: r.truncated, ms: Math.round(performance.now() - started) });
      if (allowWrite) onChanged();
    } catch (e) {
      setRan(null);
      setError({ code: e instanceof ApiCallError ? e.code : 'internal', message: errorMessage(e) });
    } finally {
      setRunning(false);
      runningRef.current = false;
    }
  }

  async function download() {
    if (!ran) return;
    setConfirmDownload(false);
    try {
      const out = await api['query.exportCsv']({ sql: ran.sql, timeLimitSeconds });
      downloadBytes(out.data, out.fileName, MIME.csv);
      setDownloadNote(`Saved ${formatInteger(out.rows)} row${out.rows === 1 ? '' : 's'} as CSV${out.truncated ? ' (the first rows only: narrow the query for the rest)' : ''}; the export is recorded in Activity.`);
    } catch (e) {
      setError({ code: e instanceof ApiCallError ? e.code : 'internal', message: errorMessage(e) });
    }
  }

  const columns = useMemo<ColDef<Record<string, unknown>>[]>(
    () =>
      (ran?.table.columns ?? []).map((c) => ({
        colId: c.name,
        field: c.name,
        headerName: c.name,
        headerTooltip: `${c.name} (${c.type})`,
        ...(isNumericType(c.type) ? { type: 'numericColumn', cellClass: 'num' } : {}),
        minWidth: 100,
      })),
    [ran],
  );
  const quick = useMemo(() => (ran ? quickChart(ran.table) : null), [ran]);
  const tables = Object.entries(status.tables).sort(([a], [b]) => a.localeCompare(b));

  return (
    <>
      <h1 tabIndex={-1}>Explore</h1>
      <p className="lead">Ask the workspace your own questions in SQL (DuckDB dialect). One table per 903 file; every row has its return_year.</p>
      <div className="explore-layout">
        <div className="explore-main">
          <section className="panel" aria-labelledby="query-heading">
            <h2 id="query-heading" className="visually-hidden">
              Query
            </h2>
            <label htmlFor={ids.sql} className="block-label">
              SQL query
            </label>
            <p id={ids.help} className="hint">
              Press Ctrl+Enter to run. Up to 10,000 rows are shown; a query stops at its time limit, and a result over 64 MB is refused.
            </p>
            <textarea
              id={ids.sql}
              className="sql"
              value={sql}
              spellCheck={false}
              rows={7}
              aria-describedby={ids.help}
              onChange={(e) => setSql(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                  e.preventDefault();
                  void run();
                }
              }}
            />
            <div className="toolbar">
              <div className="check-row">
                <input
                  id={ids.write}
                  type="checkbox"
                  checked={allowWrite}
                  onChange={(e) => (e.target.checked ? setConfirmWrite(true) : setAllowWrite(false))}
                />
                <label htmlFor={ids.write}>Allow changes to the workspace</label>
              </div>
              <div className="field-inline">
                <label htmlFor={ids.time}>Time limit</label>
                <select id={ids.time} value={timeLimitSeconds} onChange={(e) => setTimeLimit(Number(e.target.value))} disabled={running}>
                  {TIME_LIMITS.map((t) => (
                    <option key={t.seconds} value={t.seconds}>
                      {t.label}
                    </option>
                  ))}
                </select>
              </div>
              <div className="button-row end">
                <button type="button" className="button primary" onClick={() => void run()} disabled={running}>
                  {running ? 'Running…' : 'Run query'}
                </button>
                {running && (
                  <button type="button" className="button secondary" onClick={() => void api['query.cancel']({}).catch(() => undefined)}>
                    Cancel
                  </button>
                )}
              </div>
            </div>
            {allowWrite && (
              <p className="warning-panel compact" role="note">
                <strong>Changes are on.</strong> Statements like UPDATE, DELETE or DROP will change the workspace for good, and every pack will count the changed
                rows. Re-import a year to undo changes to it.
              </p>
            )}
            <Dialog open={confirmWrite} title="Allow changes to the workspace?" onClose={() => setConfirmWrite(false)}>
              <p>
                With changes allowed, a statement can insert, update or delete rows of the imported returns and your own tables, or drop them. Every pack then counts
                the changed rows, and nothing can be undone except by importing the year again. The app's own records (Activity, imports) cannot be changed, and
                no statement can reach files, settings or the network.
              </p>
              <div className="button-row">
                <button
                  type="button"
                  className="button warning"
                  onClick={() => {
                    setAllowWrite(true);
                    setConfirmWrite(false);
                  }}
                >
                  Allow changes
                </button>
                <button type="button" className="button secondary" onClick={() => setConfirmWrite(false)}>
                  Keep read-only
                </button>
              </div>
            </Dialog>
          </section>

          {error && (
            <div className="outcome failure" role="alert" data-testid="query-error">
              <h3>{ERROR_HEADINGS[error.code] ?? 'The query did not run'}</h3>
              <p className="pre">{error.message}</p>
            </div>
          )}

          {ran && (
            <section className="panel" aria-labelledby="results-heading">
              <div className="panel-head">
                <h2 id="results-heading">Results</h2>
                <p role="status" data-testid="query-count">
                  {formatInteger(ran.rowCount)} row{ran.rowCount === 1 ? '' : 's'}
                  {ran.truncated ? ' (more rows exist; only the first are shown)' : ''} in {formatInteger(ran.ms)} ms
                </p>
                <button type="button" className="button secondary small" onClick={() => setConfirmDownload(true)}>
                  Download CSV…
                </button>
              </div>
              {downloadNote && (
                <p role="status" className="hint">
                  {downloadNote}
                </p>
              )}
              <Dialog open={confirmDownload} title="Save these results as CSV?" onClose={() => setConfirmDownload(false)}>
                <p>
                  <span aria-hidden="true">⚠ </span>Query results can be about individual children (child ids, dates of birth, UPNs). A CSV file leaves the
                  workspace's protection: keep it somewhere only you can read, and delete it when done. The query runs again (read-only, up to 100,000 rows) and the
                  export is recorded in Activity.
                </p>
                <div className="button-row">
                  <button type="button" className="button primary" onClick={() => void download()}>
                    Save CSV
                  </button>
                  <button type="button" className="button secondary" onClick={() => setConfirmDownload(false)}>
                    Cancel
                  </button>
                </div>
              </Dialog>
              {ran.table.columns.length > 0 && (
                <div className={ran.table.rows.length > 15 ? 'results-grid' : 'results-grid short'}>
                  <DataGrid<Record<string, unknown>>
                    domLayout={ran.table.rows.length > 15 ? 'normal' : 'autoHeight'}
                    label="Query results"
                    testId="query-grid"
                    rowData={ran.table.rows}
                    columnDefs={columns}
                    defaultColDef={{ sortable: true, resizable: true }}
                    autoSizeStrategy={{ type: 'fitCellContents' }}
                  />
                </div>
              )}
              {quick ? (
                <figure className="chart-figure" aria-labelledby="quick-caption" data-testid="query-chart">
                  <figcaption id="quick-caption">
                    <strong>Quick chart:</strong> {quick.summary}
                  </figcaption>
                  <PlotlyChart data={quick.data} layout={quick.layout} height={340} label={quick.summary} />
                </figure>
              ) : (
                <p className="hint">A quick chart appears when the second column holds numbers.</p>
              )}
            </section>
          )}
        </div>

        <aside className="panel explore-tables" aria-labelledby="tables-heading">
          <h2 id="tables-heading">Tables</h2>
          {tables.length === 0 ? (
            <p>No data loaded yet.</p>
          ) : (
            <ul className="plain">
              {tables.map(([name, byYear]) => (
                <li key={name}>
                  <button type="button" className="button link" onClick={() => setSql(`SELECT *\nFROM ${name}\nWHERE return_year = ${Math.max(...Object.keys(byYear).map(Number))}\nLIMIT 100`)}>
                    {name}
                  </button>{' '}
                  <span className="muted">{formatInteger(Object.values(byYear).reduce((s, n) => s + n, 0))} rows</span>
                </li>
              ))}
            </ul>
          )}
          <h2 id="views-heading">Views</h2>
          <p className="hint">What the packs are built on: each year's children looked after, starters, leavers, reviews…</p>
          <ViewList api={api} onPick={setSql} />
          <p className="hint">Select a table or view name to start a query on it.</p>
        </aside>
      </div>
    </>
  );
}

const ERROR_HEADINGS: Record<string, string> = {
  'read-only': 'Read-only',
  refused: 'Not allowed in Explore',
  cancelled: 'Cancelled',
  limit: 'Stopped at a limit',
};

function quickChart(table: DecodedTable): { data: Data[]; layout: Partial<Layout>; summary: string } | null {
  const [first, second] = table.columns;
  if (!first || !second || !isNumericType(second.type) || table.rows.length === 0) return null;
  const rows = table.rows.slice(0, 200);
  const x = rows.map((r) => plotlyText(String(r[first.name] ?? '')));
  const y = rows.map((r) => (typeof r[second.name] === 'number' ? (r[second.name] as number) : null));
  return {
    data: [{ type: 'bar', x, y, name: plotlyText(second.name), marker: { color: PALETTE[0]! }, hovertemplate: `${plotlyText(first.name)} %{x}<br>${plotlyText(second.name)}: %{y:,}<extra></extra>` }],
    layout: {
      height: 340,
      margin: { l: 64, r: 16, t: 16, b: 64 },
      font: { family: CHART_FONT, size: 14, color: '#0b0c0c' },
      xaxis: { type: 'category', title: { text: plotlyText(first.name) }, automargin: true },
      yaxis: { title: { text: plotlyText(second.name) }, rangemode: 'tozero', gridcolor: '#e5e6e7' },
      showlegend: false,
    },
    summary: `Bar chart of ${second.name} by ${first.name}${table.rows.length > 200 ? ' (first 200 rows)' : ''}; the figures are in the results table.`,
  };
}
