/**
 * Data quality: DfE's 903 validation rules (and the workbench's own checks) over every loaded year.
 * Per year, findings by rule (code, meaning, count, fields); the trend across years; the rows behind
 * a rule (file, row, child, values); export of every finding for the data team (child ids maskable).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { QualityFindingsResult, QualitySummary, WorkbenchApi, WorkspaceStatus } from '../../../shared/api.js';
import { flowLabel } from '../../../shared/domain/years.js';
import { rulesAffecting } from '../../../shared/quality/packFields.js';
import { errorMessage } from '../api.js';
import { downloadBytes, MIME } from '../lib/download.js';
import { formatInteger } from '../lib/format.js';

/** Rows shown for one rule; the export has them all. */
const SHOW_ROWS = 500;

/** A pack the view was opened from ("N findings may affect this table"): only the rules on its fields are listed. */
export interface QualityPackFilter {
  id: string;
  title: string;
}

export function QualityView({ api, status, initialYear, initialPack }: { api: WorkbenchApi; status: WorkspaceStatus; initialYear?: number | null; initialPack?: QualityPackFilter | null }) {
  const [summary, setSummary] = useState<QualitySummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [year, setYear] = useState<number | null>(initialYear ?? null);
  const [rule, setRule] = useState<string | null>(null);
  const [rows, setRows] = useState<QualityFindingsResult | null>(null);
  const [mask, setMask] = useState(true);
  const [notice, setNotice] = useState<string | null>(null);
  const [pack, setPack] = useState<QualityPackFilter | null>(initialPack ?? null);
  useEffect(() => setPack(initialPack ?? null), [initialPack]);
  // The rows show below the whole list of rules (a hundred on a messy return): once the rows of a
  // rule just chosen arrive, take the reader (and keyboard focus) to them.
  const rowsHeading = useRef<HTMLHeadingElement>(null);
  const jumpToRows = useRef(false);

  // Made again whenever the data changes (status is new after every import or removal).
  useEffect(() => {
    let live = true;
    setSummary(null);
    setError(null);
    api['quality.summary']({}).then(
      (s) => {
        if (!live) return;
        setSummary(s);
        setYear((y) => (y !== null && s.years.includes(y) ? y : (s.years.at(-1) ?? null)));
      },
      (e: unknown) => live && setError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [api, status]);

  useEffect(() => {
    setRows(null);
    if (year === null || rule === null) return;
    let live = true;
    api['quality.findings']({ year, rule, limit: SHOW_ROWS, maskIds: mask }).then(
      (r) => live && setRows(r),
      (e: unknown) => live && setError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [api, year, rule, mask, summary]);

  useEffect(() => {
    if (!rows || !jumpToRows.current) return;
    jumpToRows.current = false;
    const heading = rowsHeading.current;
    if (!heading) return;
    // Scroll only the page's main area (scrollIntoView would shift the whole window too).
    const main = heading.closest('.app-main');
    if (main) main.scrollTop += heading.getBoundingClientRect().top - main.getBoundingClientRect().top - 16;
    heading.focus({ preventScroll: true });
  }, [rows]);

  const count = useMemo(() => {
    const m = new Map<string, number>();
    for (const c of summary?.counts ?? []) m.set(`${c.year}|${c.rule}`, c.n);
    return (y: number, r: string) => m.get(`${y}|${r}`) ?? 0;
  }, [summary]);
  const checked = (y: number, r: string) => summary?.checked[r]?.includes(y) ?? true;

  async function exportAll(format: 'xlsx' | 'csv') {
    try {
      const out = await api['quality.export']({ format, maskIds: mask });
      downloadBytes(out.data, out.fileName, format === 'csv' ? MIME.csv : MIME.xlsx);
      setNotice(`Saved ${out.fileName}${mask ? ' (child ids replaced by pseudonyms)' : ''}. The export is recorded in Activity.`);
    } catch (e) {
      setNotice(errorMessage(e));
    }
  }

  // The view's h1 is there from the start, so the focus moved to it on arrival has somewhere to land.
  const heading = <h1 id="quality-heading" tabIndex={-1}>Data quality</h1>;
  if (error) return <div className="quality">{heading}<div className="panel outcome failure" role="alert"><p>{error}</p></div></div>;
  if (!summary) return <div className="quality">{heading}<div className="panel" role="status">Checking every loaded year against the rules…</div></div>;
  if (summary.years.length === 0) return <div className="quality">{heading}<div className="panel"><p>No data yet: import a year on the Data page, and its findings appear here.</p></div></div>;

  const affecting = pack ? rulesAffecting(pack.id, summary.rules) : null;
  const total = (r: string) => summary.years.reduce((n, y) => n + count(y, r), 0);
  // Most findings first (then in the rules' own order): the rules to look at first head the list.
  const byCount = (n: (code: string) => number) => (a: { code: string }, b: { code: string }) => n(b.code) - n(a.code);
  const withFindings = summary.rules.filter((r) => (affecting === null || affecting.has(r.code)) && total(r.code) > 0).sort(byCount(total));
  const inYear = year === null ? [] : withFindings.filter((r) => count(year, r.code) > 0).sort(byCount((code) => count(year, code)));
  const yearTotal = year === null ? 0 : inYear.reduce((n, r) => n + count(year, r.code), 0);
  const anyUnchecked = withFindings.some((r) => summary.years.some((y) => !checked(y, r.code)));
  const dfeRules = summary.rules.filter((r) => r.dfe).length;

  return (
    <div className="quality" data-testid="quality-view">
      {heading}
      <section className="panel" aria-labelledby="quality-heading">
        <p className="lead">
          Every loaded year checked against {dfeRules} of DfE's SSDA903 validation rules and {summary.rules.length - dfeRules} checks of the workbench's own (codes
          starting W). Rules that compare with last year run wherever the year before is loaded. Findings are worked out again whenever the data changes.
        </p>
        <div className="toolbar">
          <label>
            Year{' '}
            <select value={year ?? ''} onChange={(e) => { setYear(Number(e.target.value)); setRule(null); }}>
              {summary.years.map((y) => (
                <option key={y} value={y}>{flowLabel(y)}</option>
              ))}
            </select>
          </label>
          <label>
            <input type="checkbox" checked={mask} onChange={(e) => setMask(e.target.checked)} /> Replace child ids with pseudonyms
          </label>
          <button type="button" className="button" onClick={() => void exportAll('xlsx')}>Export all findings (Excel)</button>
          <button type="button" className="button" onClick={() => void exportAll('csv')}>Export all findings (CSV)</button>
        </div>
        {notice && <p role="status">{notice}</p>}
        {pack && (
          <p className="quality-filter" data-testid="quality-pack-filter">
            Showing only the rules on fields the table <strong>{pack.title}</strong> uses ({findingsText(withFindings.reduce((n, r) => n + total(r.code), 0))} across the loaded years).{' '}
            <button type="button" className="button link" onClick={() => { setPack(null); setRule(null); }}>Show every rule</button>
          </p>
        )}
      </section>

      <section className="panel" aria-labelledby="quality-year-heading">
        <h3 id="quality-year-heading">
          {year !== null && `${flowLabel(year)}: ${yearTotal === 0 ? 'no findings' : findingsText(yearTotal)}`}
        </h3>
        {inYear.length > 0 && (
          <div className="table-scroll">
            <table className="simple" data-testid="quality-by-rule">
              <caption className="visually-hidden">Findings in {year !== null ? flowLabel(year) : ''} by rule</caption>
              <thead>
                <tr>
                  <th scope="col">Rule</th>
                  <th scope="col">What it catches</th>
                  <th scope="col" className="num">Findings</th>
                  <th scope="col">Fields</th>
                  <th scope="col"><span className="visually-hidden">Rows</span></th>
                </tr>
              </thead>
              <tbody>
                {inYear.map((r) => (
                  <tr key={r.code} aria-selected={rule === r.code}>
                    <th scope="row">{r.code}{!r.dfe && <span className="muted"> (workbench)</span>}</th>
                    <td>{r.message}</td>
                    <td className="num">{formatInteger(count(year!, r.code))}</td>
                    <td>{r.fields.join(', ')}</td>
                    <td>
                      <button type="button" className="button link" aria-expanded={rule === r.code} aria-controls="quality-rows" onClick={() => { jumpToRows.current = rule !== r.code; setRule(rule === r.code ? null : r.code); }}>
                        {rule === r.code ? 'Hide rows' : `Show rows`}<span className="visually-hidden"> for rule {r.code}</span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {rule !== null && year !== null && (
        <section className="panel" id="quality-rows" aria-labelledby="quality-rows-heading">
          <h3 id="quality-rows-heading" ref={rowsHeading} tabIndex={-1}>Rule {rule}, {flowLabel(year)}: the rows</h3>
          {!rows ? (
            <p role="status">Loading…</p>
          ) : (
            <>
              {rows.total > rows.findings.length && (
                <p>Showing the first {formatInteger(rows.findings.length)} of {formatInteger(rows.total)}; the export has them all.</p>
              )}
              <div className="table-scroll">
                <table className="simple" data-testid="quality-rows">
                  <caption className="visually-hidden">Rows breaking rule {rule}</caption>
                  <thead>
                    <tr>
                      <th scope="col">File</th>
                      <th scope="col" className="num">Row</th>
                      <th scope="col">Child</th>
                      <th scope="col">Values</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.findings.map((f) => (
                      <tr key={`${f.file}|${f.row}|${f.message}`}>
                        <td>{f.file}</td>
                        <td className="num">{f.row}</td>
                        <td><code>{f.child ?? ''}</code></td>
                        <td>
                          {Object.entries(f.values).map(([k, v]) => (
                            <span key={k} className="kv">{k} <code>{v ?? 'blank'}</code> </span>
                          ))}
                          {f.rule === 'W00' && <span className="muted"> {f.message}</span>}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </section>
      )}

      {withFindings.length > 0 && summary.years.length > 1 && (
        <section className="panel" aria-labelledby="quality-trend-heading">
          <h3 id="quality-trend-heading">Across the years</h3>
          <div className="table-scroll">
            <table className="simple" data-testid="quality-trend">
              <caption className="visually-hidden">Findings by rule and year</caption>
              <thead>
                <tr>
                  <th scope="col">Rule</th>
                  <th scope="col">What it checks</th>
                  {summary.years.map((y) => <th key={y} scope="col" className="num">{flowLabel(y)}</th>)}
                </tr>
              </thead>
              <tbody>
                {withFindings.map((r) => (
                  <tr key={r.code}>
                    <th scope="row">{r.code}</th>
                    <td>{r.message}</td>
                    {summary.years.map((y) =>
                      checked(y, r.code) ? (
                        <td key={y} className="num">{formatInteger(count(y, r.code))}</td>
                      ) : (
                        <td key={y} className="num"><span aria-hidden="true">–</span><span className="visually-hidden">not checked</span></td>
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {anyUnchecked && <p className="muted" data-testid="quality-trend-legend">– not checked that year: the rule does not apply to that year&apos;s return, needs the year before, or reads a file that year&apos;s return did not have (0 would read as no faults).</p>}
        </section>
      )}

      <section className="panel">
        <details>
          <summary>DfE rules not checked ({summary.notChecked.length}), and why</summary>
          <ul>
            {summary.notChecked.map((n) => (
              <li key={n.code + n.message}><strong>{n.code}</strong> {n.message} <span className="muted">{n.why}</span></li>
            ))}
          </ul>
        </details>
      </section>
    </div>
  );
}

function findingsText(n: number): string {
  return `${formatInteger(n)} finding${n === 1 ? '' : 's'}`;
}
