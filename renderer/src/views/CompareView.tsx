/**
 * How we compare: choose our authority once (kept in the workspace), then every published measure
 * with the figure from our returns, our published figure, England, the region and the statistical
 * neighbours (or a custom group), rank and quartile among all authorities and the direction; to
 * Excel and Word. Also where newer DfE files are loaded.
 */
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { PublishedFileInfo, PublishedStatus, WorkbenchApi } from '../../../shared/api.js';
import { benchmarkSentences, benchmarkTable, compareYearLabel, sampleDataNote } from '../../../shared/ees/benchmarkTable.js';
import { defaultYear, type BenchmarkReport } from '../../../shared/ees/benchmarks.js';
import { errorMessage } from '../api.js';
import { FigureCell } from '../components/PackComparators.js';
import { downloadBytes, MIME } from '../lib/download.js';
import { readBytes } from '../lib/files.js';
import { forgetPackRuns } from '../lib/packRunCache.js';
import { publishedFrom, publishedMeasures, publishedYears } from '../../../shared/ees/publishedFiles.js';

/** How many measures a file gives comparisons for, or what else it is for (the population of rates, the neighbour model). */
function measuresCell(f: PublishedFileInfo): string | number {
  const compared = f.kind === 'ees' ? f.measures.filter((m) => m !== 'population').length : 0;
  return compared || publishedMeasures(f)[0] || '-';
}

export function CompareView({ api }: { api: WorkbenchApi }) {
  const [status, setStatus] = useState<PublishedStatus | null>(null);
  const [report, setReport] = useState<BenchmarkReport | null>(null);
  const [year, setYear] = useState<number | null>(null);
  const [choice, setChoice] = useState('');
  const [custom, setCustom] = useState('');
  const [useCustom, setUseCustom] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const ids = { la: useId(), list: useId(), custom: useId(), year: useId() };

  const load = useCallback(async () => {
    setBusy('Loading the published figures…');
    try {
      const s = await api['published.status']({});
      setStatus(s);
      setChoice(s.settings.authority?.name ?? '');
      setUseCustom(s.settings.comparators !== null);
      setCustom((s.settings.comparators ?? []).map((c) => s.authorities.find((a) => a.code === c)?.name ?? c).join(', '));
      const r = s.settings.authority ? await api['benchmarks.get']({}) : null;
      setReport(r);
      setYear(r ? defaultYear(r) : null);
    } catch (e) {
      setMessage({ ok: false, text: errorMessage(e) });
    } finally {
      setBusy(null);
    }
  }, [api]);

  useEffect(() => void load(), [load]);

  async function choose(e: React.FormEvent) {
    e.preventDefault();
    setMessage(null);
    const comparators = useCustom ? custom.split(/[,;\n]/).map((s) => s.trim()).filter(Boolean) : null;
    try {
      setBusy('Comparing…');
      await api['benchmarks.setAuthority']({ authority: choice.trim() || null, comparators });
      forgetPackRuns(api); // the packs' comparators change with the authority
      await load();
    } catch (err) {
      setMessage({ ok: false, text: errorMessage(err) });
      setBusy(null);
    }
  }

  async function exportAs(format: 'xlsx' | 'docx') {
    setMessage(null);
    try {
      setBusy(`Building the ${format === 'xlsx' ? 'Excel workbook' : 'Word document'}…`);
      const out = await api[format === 'xlsx' ? 'benchmarks.xlsx' : 'benchmarks.docx']({ year });
      downloadBytes(out.data, out.fileName, MIME[format]);
      setMessage({ ok: true, text: `Saved ${out.fileName}.` });
    } catch (e) {
      setMessage({ ok: false, text: `Export failed: ${errorMessage(e)}` });
    } finally {
      setBusy(null);
    }
  }

  async function loadFiles(files: File[]) {
    if (!files.length) return;
    setMessage(null);
    try {
      setBusy(`Loading ${files.length} file${files.length === 1 ? '' : 's'}…`);
      const r = await api['published.import']({ files: await Promise.all(files.map(async (f) => ({ name: f.name, data: await readBytes(f) }))) });
      if (!r.ok) {
        setMessage({ ok: false, text: `Nothing was loaded. ${r.messages.map((m) => `${m.file}${m.row ? `, row ${m.row}` : ''}${m.column ? `, column ${m.column}` : ''}: ${m.text}${m.value !== undefined ? ` (found "${m.value}")` : ''}`).join(' ')}` });
        setBusy(null);
        return;
      }
      forgetPackRuns(api);
      await load();
      setMessage({ ok: true, text: `Loaded ${r.files.map((f) => `${f.source} (${f.rows.toLocaleString('en-GB')} rows)`).join(', ')}.` });
    } catch (e) {
      setMessage({ ok: false, text: errorMessage(e) });
      setBusy(null);
    }
  }

  const years = useMemo(() => [...new Set(report?.measures.flatMap((m) => m.years.filter((y) => y.published).map((y) => y.year)) ?? [])].sort((a, b) => b - a), [report]);
  const table = report ? benchmarkTable(report, year) : null;
  const warning = report ? sampleDataNote(report) : null;

  return (
    <div className="compare-view">
      <h1 tabIndex={-1}>How we compare</h1>
      <p className="lead">DfE's published figures beside your own: England, your region and your statistical neighbours, for every measure DfE publishes by authority.</p>

      <section className="panel" aria-labelledby="compare-authority-heading">
        <h2 id="compare-authority-heading">Our authority</h2>
        <form onSubmit={(e) => void choose(e)}>
          <div className="field-row">
            <label htmlFor={ids.la}>Authority (name or code)</label>
            <input id={ids.la} className="authority" list={ids.list} value={choice} onChange={(e) => setChoice(e.target.value)} placeholder="e.g. Gateshead or E08000037" autoComplete="off" />
            <datalist id={ids.list}>
              {status?.authorities.map((a) => (
                <option key={a.code} value={a.name}>
                  {a.code}
                </option>
              ))}
            </datalist>
          </div>
          <fieldset className="checks">
            <legend>Compare with</legend>
            <div className="check-row">
              <input type="radio" id={`${ids.custom}-sn`} name="comparators" checked={!useCustom} onChange={() => setUseCustom(false)} />
              <label htmlFor={`${ids.custom}-sn`}>DfE's 10 statistical neighbours</label>
            </div>
            <div className="check-row">
              <input type="radio" id={`${ids.custom}-own`} name="comparators" checked={useCustom} onChange={() => setUseCustom(true)} />
              <label htmlFor={`${ids.custom}-own`}>Our own list of authorities</label>
            </div>
            {useCustom && (
              <div className="field-row">
                <label htmlFor={ids.custom}>Authorities, separated by commas</label>
                <textarea id={ids.custom} rows={2} value={custom} onChange={(e) => setCustom(e.target.value)} />
              </div>
            )}
          </fieldset>
          <div className="button-row">
            <button type="submit" className="button primary" disabled={busy !== null}>
              Compare
            </button>
          </div>
        </form>
      </section>

      {busy && <p role="status">{busy}</p>}
      {message && (
        <p className={`outcome ${message.ok ? 'success' : 'failure'}`} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}

      {report && table && (
        <section className="panel" aria-labelledby="compare-table-heading">
          <div className="panel-head">
            <h2 id="compare-table-heading">{table.title}</h2>
            <div className="button-row">
              <label htmlFor={ids.year}>Year</label>
              <select id={ids.year} value={year ?? ''} onChange={(e) => setYear(Number(e.target.value))}>
                {years.map((y) => (
                  <option key={y} value={y}>
                    {compareYearLabel(report, y)}
                  </option>
                ))}
              </select>
              <button type="button" className="button" disabled={busy !== null} onClick={() => void exportAs('xlsx')}>
                Excel
              </button>
              <button type="button" className="button" disabled={busy !== null} onClick={() => void exportAs('docx')}>
                Word
              </button>
            </div>
          </div>
          {warning && (
            <p className="notice sample-data" role="note">
              <strong>Sample data.</strong> {warning}
            </p>
          )}
          <div className="table-scroll">
            <table className="compare-table">
              <caption className="visually-hidden">{table.title}</caption>
              <thead>
                <tr>
                  {table.columns.map((c) => (
                    <th key={c.key} scope="col" className={c.numeric ? 'num' : undefined}>
                      {c.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {table.rows.map((r) => (
                  <tr key={r.measure} data-measure={r.measure}>
                    {table.columns.map((c) => {
                      const cell = r.cells[c.key]!;
                      if (c.key === 'measure') return <th key={c.key} scope="row">{cell.text}</th>;
                      return <FigureCell key={c.key} text={cell.text} flag={cell.flag === true} numeric={c.numeric} />;
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <ul className="commentary">
            {benchmarkSentences(report, year).map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
          <ul className="notes muted">
            {table.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </section>
      )}

      <section className="panel" aria-labelledby="compare-files-heading">
        <div className="panel-head">
          <h2 id="compare-files-heading">Published figures</h2>
          <div className="button-row">
            <button type="button" className="button secondary" disabled={busy !== null} onClick={() => fileInput.current?.click()}>
              Load newer DfE files…
            </button>
          </div>
        </div>
        <p className="hint">
          CSV files downloaded from explore-education-statistics load as they come: columns are read by their names, DfE's symbols (c, x, z, low, k, u) stay symbols. A file loaded again under
          the same name replaces the old one.
        </p>
        <input
          ref={fileInput}
          type="file"
          multiple
          accept=".csv"
          hidden
          data-testid="published-input"
          onChange={(e) => {
            void loadFiles(Array.from(e.target.files ?? []));
            e.target.value = '';
          }}
        />
        {status && (
          <table className="published-files">
            <caption className="visually-hidden">Files of published figures in the workspace</caption>
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">Years</th>
                <th scope="col" className="num">
                  Rows
                </th>
                <th scope="col">Measures compared</th>
                <th scope="col">From</th>
              </tr>
            </thead>
            <tbody>
              {status.files.map((f) => (
                <tr key={f.source}>
                  <th scope="row">{f.source}</th>
                  <td>{publishedYears(f)}</td>
                  <td className="num">{f.rows.toLocaleString('en-GB')}</td>
                  <td>{measuresCell(f)}</td>
                  <td>{publishedFrom(f)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p className="muted">Contains public sector information licensed under the Open Government Licence v3.0. Source: Department for Education, Children looked after in England including adoptions.</p>
      </section>
    </div>
  );
}
