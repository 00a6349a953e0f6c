/**
 * Export: choose packs (grouped by section), the suppression threshold and whether to draw charts,
 * then download the Excel workbook or the Word document built by the core.
 */
import { useId, useMemo, useState } from 'react';
import type { PackSummary, WorkbenchApi, WorkspaceStatus } from '../../../shared/api.js';
import { errorMessage } from '../api.js';
import { downloadBytes, MIME } from '../lib/download.js';
import { formatBytes } from '../lib/format.js';
import { groupBySection } from './PacksView.js';
import { ReportOutlinePanel } from '../components/ReportOutlinePanel.js';

export function ExportView({ api, packs, status }: { api: WorkbenchApi; packs: PackSummary[]; status: WorkspaceStatus }) {
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(packs.map((p) => p.id)));
  const [suppressOn, setSuppressOn] = useState(true);
  const [suppressN, setSuppressN] = useState(5);
  const [charts, setCharts] = useState(true);
  const [progress, setProgress] = useState<{ label: string; done: number; total: number } | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const sections = useMemo(() => groupBySection(packs), [packs]);
  const ids = { sup: useId(), n: useId(), charts: useId() };
  const noData = status.years.length === 0;

  function toggle(id: string, on: boolean) {
    setChosen((cur) => {
      const next = new Set(cur);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  async function run(format: 'xlsx' | 'docx') {
    const selected = packs.filter((p) => chosen.has(p.id));
    if (!selected.length) {
      setMessage({ ok: false, text: 'Choose at least one pack to export.' });
      return;
    }
    setMessage(null);
    const suppress = suppressOn ? suppressN : null;
    try {
      // The export draws the charts itself, as for the draft report and a pack exported from the
      // Packs page: one chart renderer for every exported chart.
      setProgress({ label: `Building the ${format === 'xlsx' ? 'Excel workbook' : 'Word document'}…`, done: 0, total: 1 });
      const out = await api[format === 'xlsx' ? 'export.xlsx' : 'export.docx']({ packs: selected.map((p) => p.id), suppress, ...(charts ? {} : { includeCharts: false }) });
      downloadBytes(out.data, out.fileName, MIME[format]);
      setMessage({ ok: true, text: `Saved ${out.fileName} (${formatBytes(out.data.byteLength)}), ${selected.length} pack${selected.length === 1 ? '' : 's'}.` });
    } catch (e) {
      setMessage({ ok: false, text: `Export failed: ${errorMessage(e)}` });
    } finally {
      setProgress(null);
    }
  }

  return (
    <>
      <h1 tabIndex={-1}>Export</h1>
      <p className="lead">Build the report tables for every loaded year as an Excel workbook or a Word document, with charts, definitions and a symbols legend.</p>
      {noData && <p className="notice">Import at least one year on the Data page first.</p>}

      <div className="export-layout">
        <section className="panel" aria-labelledby="export-packs-heading">
          <div className="panel-head">
            <h2 id="export-packs-heading">Packs</h2>
            <p className="muted">
              {chosen.size} of {packs.length} chosen
            </p>
            <div className="button-row">
              <button type="button" className="button link" onClick={() => setChosen(new Set(packs.map((p) => p.id)))}>
                Choose all
              </button>
              <button type="button" className="button link" onClick={() => setChosen(new Set())}>
                Choose none
              </button>
            </div>
          </div>
          <div className="export-sections">
            {sections.map((s) => (
              <fieldset key={s.section} className="checks">
                <legend>{s.section}</legend>
                {s.packs.map((p) => (
                  <div key={p.id} className="check-row">
                    <input id={`export-${p.id}`} type="checkbox" checked={chosen.has(p.id)} onChange={(e) => toggle(p.id, e.target.checked)} />
                    <label htmlFor={`export-${p.id}`}>{p.title}</label>
                  </div>
                ))}
              </fieldset>
            ))}
          </div>
        </section>

        <section className="panel" aria-labelledby="export-options-heading">
          <h2 id="export-options-heading">Options</h2>
          <fieldset className="checks">
            <legend>Small numbers</legend>
            <div className="field-row">
              <input id={ids.sup} type="checkbox" checked={suppressOn} onChange={(e) => setSuppressOn(e.target.checked)} />
              <label htmlFor={ids.sup}>Suppress counts from 1 to</label>
              <input
                id={ids.n}
                type="number"
                min={1}
                max={100}
                className="narrow"
                aria-label="Largest count to suppress"
                value={suppressN}
                disabled={!suppressOn}
                onChange={(e) => setSuppressN(Math.min(100, Math.max(1, Number(e.target.value) || 1)))}
              />
            </div>
            <p className="hint">Suppressed counts are shown as “c”, as DfE does. Recommended for anything shared beyond the service.</p>
          </fieldset>
          <div className="check-row">
            <input id={ids.charts} type="checkbox" checked={charts} onChange={(e) => setCharts(e.target.checked)} />
            <label htmlFor={ids.charts}>Include a chart for each pack</label>
          </div>
          <div className="button-row">
            <button type="button" className="button primary" disabled={progress !== null || noData} onClick={() => void run('xlsx')}>
              Download Excel (.xlsx)
            </button>
            <button type="button" className="button primary" disabled={progress !== null || noData} onClick={() => void run('docx')}>
              Download Word (.docx)
            </button>
          </div>
          {progress && (
            <div className="progress" aria-live="polite">
              <label htmlFor="export-progress">{progress.label}</label>
              <progress id="export-progress" max={progress.total} value={progress.done} />
            </div>
          )}
          {message && (
            <p className={message.ok ? 'outcome success' : 'outcome failure'} role={message.ok ? 'status' : 'alert'} data-testid="export-message">
              {message.text}
            </p>
          )}
        </section>
      </div>
      <ReportOutlinePanel api={api} packs={packs} suppress={suppressOn ? suppressN : null} disabled={noData} />
    </>
  );
}
