/**
 * Data: import returns (file picker, folder picker, drag and drop of many files or folders), with a
 * year per batch guessed from names and folders; every import message readable (file, row, column);
 * the years loaded with their files and row counts; remove or replace a year.
 */
import { activityRow } from '../lib/activity.js';
import { includesSampleData } from '../../../shared/domain/sampleData.js';
import { useEffect, useId, useMemo, useRef, useState, type DragEvent } from 'react';
import type { ImportMessage, ImportReport, LoadedYear, WorkbenchApi, WorkspaceStatus } from '../../../shared/api.js';
import { ApiCallError, errorMessage } from '../api.js';
import { Dialog } from '../components/Dialog.js';
import { downloadBytes, MIME } from '../lib/download.js';
import { acceptedFile, filesFromDrop, groupByYear, pendingFromFile, readBytes, type PendingFile } from '../lib/files.js';
import { collectionYearLabel, formatBytes, formatInteger } from '../lib/format.js';
import { rowsToCsv } from '../lib/tableText.js';
import { flowLabel } from '../../../shared/domain/years.js';
import { completionAdvice, HISTORY_SYMBOL } from '../../../shared/packs/history.js';

interface Batch {
  id: string;
  year: number | null;
  files: PendingFile[];
}

interface Outcome {
  year: number | null;
  report?: ImportReport;
  error?: { message: string; messages: ImportMessage[] };
  /** Data-quality findings in the year imported (undefined: not known). */
  findings?: number;
}

interface Progress {
  label: string;
  done: number;
  total: number;
  /** Waiting on the workspace, with no measurable progress. */
  indeterminate: boolean;
}

let batchCounter = 0;
const newBatch = (year: number | null, files: PendingFile[] = []): Batch => ({ id: `b${++batchCounter}`, year, files });

function yearChoices(status: WorkspaceStatus): number[] {
  const thisYear = new Date().getFullYear();
  const loaded = status.years.map((y) => y.year);
  const top = Math.max(thisYear + 1, ...loaded);
  const bottom = Math.min(2010, ...loaded);
  const out: number[] = [];
  for (let y = top; y >= bottom; y--) out.push(y);
  return out;
}

export function DataView({
  api,
  status,
  onStatus,
  incoming,
  onIncomingTaken,
  onShowQuality,
}: {
  api: WorkbenchApi;
  status: WorkspaceStatus;
  onStatus: (s: WorkspaceStatus) => void;
  /** Files picked through the native menu (Electron). */
  incoming: PendingFile[];
  onIncomingTaken: () => void;
  /** Open the Data quality view at a year's findings. */
  onShowQuality?: (year: number) => void;
}) {
  const sample = includesSampleData(status.years.flatMap((y) => y.files));
  const [batches, setBatches] = useState<Batch[]>([]);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [outcomes, setOutcomes] = useState<Outcome[]>([]);
  const [dragging, setDragging] = useState(false);
  const [confirmRemove, setConfirmRemove] = useState<LoadedYear | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const chooseButton = useRef<HTMLButtonElement>(null);
  const choices = useMemo(() => yearChoices(status), [status]);
  const busy = progress !== null;

  function addFiles(files: PendingFile[]) {
    const usable = files.filter((f) => acceptedFile(f.name));
    const skipped = files.length - usable.length;
    setNotice(skipped ? `${skipped} file${skipped === 1 ? ' was' : 's were'} skipped: only CSV and Excel (.xlsx) files are imported.` : null);
    if (!usable.length) return;
    setBatches((current) => {
      const next = current.map((b) => ({ ...b, files: [...b.files] }));
      const fallback = next.length === 1 ? next[0]!.year : null;
      for (const [year, group] of groupByYear(usable, fallback)) {
        const target = next.find((b) => b.year === year) ?? (year === null ? next.find((b) => b.files.length === 0) : undefined);
        if (target) target.files.push(...group.filter((f) => !target.files.some((g) => g.name === f.name && g.relativePath === f.relativePath)));
        else next.push(newBatch(year, group));
      }
      return next.sort((a, b) => (a.year ?? 9999) - (b.year ?? 9999));
    });
  }

  useEffect(() => {
    if (incoming.length) {
      addFiles(incoming);
      onIncomingTaken();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [incoming]);

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    if (busy) return;
    void filesFromDrop(event.dataTransfer).then(addFiles);
  }

  function replaceYear(year: number) {
    setBatches((current) => (current.some((b) => b.year === year) ? current : [...current, newBatch(year)]));
    setNotice(`Choose the files for ${flowLabel(year)}. Importing them replaces what is loaded for that year.`);
    chooseButton.current?.focus();
  }

  /** Import every group of files; or, "import anyway", only the given year's, leaving values that cannot be read blank. */
  async function runImport(anyway?: number) {
    const ready = batches.filter((b) => b.files.length > 0 && (anyway === undefined || b.year === anyway));
    if (ready.some((b) => b.year === null)) {
      setNotice('Choose the collection year for every group of files before importing.');
      return;
    }
    // A new import: notices from before (a missing year, a removal...) no longer apply.
    setNotice(null);
    const results: Outcome[] = [];
    const totalFiles = ready.reduce((s, b) => s + b.files.length, 0);
    let read = 0;
    for (const batch of ready) {
      const year = batch.year!;
      try {
        const files = [];
        for (const f of batch.files) {
          setProgress({ label: `Reading ${f.name} (${flowLabel(year)})`, done: read, total: totalFiles, indeterminate: false });
          files.push(f.path ? { name: f.name, path: f.path } : { name: f.name, data: await readBytes(f.file!) });
          read += 1;
        }
        setProgress({ label: `Loading ${flowLabel(year)} into the workspace and checking every row…`, done: read, total: totalFiles, indeterminate: true });
        const report = await api['workspace.import']({ year, files, ...(anyway !== undefined ? { blankUnreadable: true } : {}) });
        results.push({ year, report });
        if (report.ok) setBatches((current) => current.filter((b) => b.id !== batch.id));
      } catch (e) {
        results.push({ year, error: { message: errorMessage(e), messages: e instanceof ApiCallError ? e.messages : [] } });
      }
    }
    if (results.some((r) => r.report?.ok)) {
      // "Imported with N findings": the rules run over the new data once, here; the Data quality view reads the same.
      const summary = await api['quality.summary']({}).catch(() => null);
      for (const r of results) {
        if (r.report?.ok && summary) r.findings = summary.counts.filter((c) => c.year === r.year).reduce((n, c) => n + c.n, 0);
      }
    }
    setProgress(null);
    setOutcomes(results);
    try {
      onStatus(await api['workspace.status']({}));
    } catch (e) {
      setNotice(errorMessage(e));
    }
  }

  async function removeYear(year: number) {
    setConfirmRemove(null);
    try {
      onStatus(await api['workspace.removeYear']({ year }));
      setNotice(`${flowLabel(year)} was removed from the workspace.`);
    } catch (e) {
      setNotice(errorMessage(e));
    }
  }

  const pendingCount = batches.reduce((s, b) => s + b.files.length, 0);

  return (
    <>
      <h1 tabIndex={-1}>Data</h1>
      <p className="lead">Load each year's SSDA903 return: all its CSV files (or one Excel workbook). Files are recognised by their columns, so their names do not matter.</p>

      <section aria-labelledby="import-heading" className="panel">
        <h2 id="import-heading">Import returns</h2>
        <div
          className={dragging ? 'dropzone dragging' : 'dropzone'}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
          data-testid="dropzone"
        >
          <p>
            <strong>Drag files or year folders here</strong>, or
          </p>
          <div className="button-row">
            <button ref={chooseButton} type="button" className="button" onClick={() => fileInput.current?.click()} disabled={busy}>
              Choose files…
            </button>
            <button type="button" className="button secondary" onClick={() => folderInput.current?.click()} disabled={busy}>
              Choose a folder…
            </button>
          </div>
          <p className="hint">A year is guessed from names like “2023”, “2022-23” or a folder per year; check it before importing.</p>
          <input
            ref={fileInput}
            type="file"
            multiple
            accept=".csv,.xlsx,.xlsm,.txt,.tsv"
            hidden
            data-testid="file-input"
            onChange={(e) => {
              addFiles(Array.from(e.target.files ?? []).map((f) => pendingFromFile(f)));
              e.target.value = '';
            }}
          />
          <input
            ref={folderInput}
            type="file"
            multiple
            hidden
            {...({ webkitdirectory: '' } as Record<string, string>)}
            onChange={(e) => {
              addFiles(Array.from(e.target.files ?? []).map((f) => pendingFromFile(f)));
              e.target.value = '';
            }}
          />
        </div>

        {notice && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}

        {batches.length > 0 && (
          <div className="batches">
            {batches.map((batch) => (
              <BatchEditor
                key={batch.id}
                batch={batch}
                choices={choices}
                loaded={status.years.some((y) => y.year === batch.year)}
                disabled={busy}
                onYear={(year) => setBatches((cur) => cur.map((b) => (b.id === batch.id ? { ...b, year } : b)))}
                onRemoveFile={(id) => setBatches((cur) => cur.map((b) => (b.id === batch.id ? { ...b, files: b.files.filter((f) => f.id !== id) } : b)).filter((b) => b.files.length > 0 || b.id !== batch.id))}
                onRemove={() => setBatches((cur) => cur.filter((b) => b.id !== batch.id))}
              />
            ))}
            <div className="button-row">
              <button type="button" className="button primary" onClick={() => void runImport()} disabled={busy || pendingCount === 0}>
                {batches.filter((b) => b.files.length).length > 1 ? `Import ${batches.filter((b) => b.files.length).length} years` : 'Import'}
              </button>
              <button type="button" className="button secondary" onClick={() => setBatches([])} disabled={busy}>
                Clear
              </button>
            </div>
          </div>
        )}

        {progress && (
          <div className="progress" aria-live="polite">
            <label htmlFor="import-progress">{progress.label}</label>
            <progress id="import-progress" max={progress.indeterminate ? undefined : progress.total} value={progress.indeterminate ? undefined : progress.done} />
          </div>
        )}

        {outcomes.length > 0 && (
          <div className="outcomes" aria-live="polite">
            {outcomes.map((o, i) => (
              <ImportOutcome
                key={i}
                outcome={o}
                onImportAnyway={busy ? undefined : (year) => void runImport(year)}
                {...(onShowQuality ? { onShowQuality } : {})}
              />
            ))}
          </div>
        )}
      </section>

      <section aria-labelledby="loaded-heading" className="panel">
        <h2 id="loaded-heading">Years loaded</h2>
        <p className="workspace-path">
          Workspace file: <code data-testid="workspace-path">{status.path}</code>
        </p>
        {sample && (
          <p className="notice sample-notice" data-testid="sample-notice">
            <strong>Synthetic sample data.</strong> Some of the years loaded are the bundled sample returns of a made-up authority (no real children). Their tables and exports say so. Remove them below before loading your own returns, or keep them to try the workbench out.
          </p>
        )}
        {status.years.length === 0 ? (
          <p>No year is loaded yet. Import a return above.</p>
        ) : (
          <LoadedYears years={status.years} onReplace={replaceYear} onRemove={setConfirmRemove} disabled={busy} />
        )}
        {status.years.length > 0 && <TableCounts status={status} />}
        {status.years.length > 0 && <HistoryCompleteness api={api} status={status} />}
      </section>

      <Activity api={api} status={status} />

      <Dialog open={confirmRemove !== null} title={confirmRemove ? `Remove ${flowLabel(confirmRemove.year)}?` : ''} onClose={() => setConfirmRemove(null)}>
        {confirmRemove && (
          <>
            <p>
              This deletes every row of the {collectionYearLabel(confirmRemove.year)} return from the workspace. The files on disk are not touched; you can import
              them again later.
            </p>
            <div className="button-row">
              <button type="button" className="button warning" onClick={() => void removeYear(confirmRemove.year)}>
                Remove {flowLabel(confirmRemove.year)}
              </button>
              <button type="button" className="button secondary" onClick={() => setConfirmRemove(null)}>
                Keep it
              </button>
            </div>
          </>
        )}
      </Dialog>
    </>
  );
}

function BatchEditor({
  batch,
  choices,
  loaded,
  disabled,
  onYear,
  onRemoveFile,
  onRemove,
}: {
  batch: Batch;
  choices: number[];
  loaded: boolean;
  disabled: boolean;
  onYear: (y: number | null) => void;
  onRemoveFile: (id: string) => void;
  onRemove: () => void;
}) {
  const selectId = useId();
  return (
    <fieldset className="batch" data-testid="batch">
      <legend>{batch.year ? `Return for ${flowLabel(batch.year)}` : 'Return for a year not yet chosen'}</legend>
      <div className="field-row">
        <label htmlFor={selectId}>Collection year</label>
        <select id={selectId} value={batch.year ?? ''} onChange={(e) => onYear(e.target.value ? Number(e.target.value) : null)} disabled={disabled} required>
          <option value="">Choose the year…</option>
          {choices.map((y) => (
            <option key={y} value={y}>
              {collectionYearLabel(y)}
            </option>
          ))}
        </select>
        {loaded && <span className="tag warning-tag">Replaces the {batch.year ? flowLabel(batch.year) : ''} data already loaded</span>}
        <button type="button" className="button link" onClick={onRemove} disabled={disabled}>
          Remove this group
        </button>
      </div>
      {batch.files.length === 0 ? (
        <p className="hint">No files yet: choose or drop them.</p>
      ) : (
        <ul className="file-list">
          {batch.files.map((f) => (
            <li key={f.id}>
              <span className="file-name">{f.relativePath || f.name}</span>
              {f.size !== null && <span className="muted">{formatBytes(f.size)}</span>}
              <button type="button" className="button link" onClick={() => onRemoveFile(f.id)} disabled={disabled} aria-label={`Remove ${f.name}`}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}

const LEVEL_TEXT: Record<ImportMessage['level'], string> = { error: 'Error', warning: 'Warning', info: 'Note' };
const LEVEL_ORDER: Record<ImportMessage['level'], number> = { error: 0, warning: 1, info: 2 };
const SHOW_MESSAGES = 200;

function ImportOutcome({
  outcome,
  onImportAnyway,
  onShowQuality,
}: {
  outcome: Outcome;
  onImportAnyway?: ((year: number) => void) | undefined;
  onShowQuality?: (year: number) => void;
}) {
  const year = outcome.year ? flowLabel(outcome.year) : 'The import';
  const report = outcome.report;
  const messages = [...(report?.messages ?? outcome.error?.messages ?? [])].sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level]);
  const errors = messages.filter((m) => m.level === 'error').length;
  const warnings = messages.filter((m) => m.level === 'warning').length;
  const ok = report?.ok === true;
  const rows = report?.files.reduce((s, f) => s + f.rows, 0) ?? 0;
  return (
    <div className={ok ? 'outcome success' : 'outcome failure'} data-testid="import-outcome" role={ok ? 'status' : 'alert'}>
      <h3>
        <span className="icon" aria-hidden="true">
          {ok ? '✓' : '✕'}
        </span>{' '}
        {ok
          ? `${year} imported: ${report!.files.length} file${report!.files.length === 1 ? '' : 's'}, ${formatInteger(rows)} rows${report!.replaced ? ' (replaced the earlier import)' : ''}.`
          : `${year} was not imported. Nothing in the workspace changed.`}
      </h3>
      {outcome.error && <p>{outcome.error.message}</p>}
      {ok && outcome.findings !== undefined && outcome.year !== null && (
        <p data-testid="import-findings">
          Imported with {formatInteger(outcome.findings)} data-quality finding{outcome.findings === 1 ? '' : 's'}
          {outcome.findings > 0 && onShowQuality ? (
            <>
              {': '}
              <button type="button" className="button link" onClick={() => onShowQuality(outcome.year!)}>
                see the findings for {year}
              </button>
            </>
          ) : (
            '.'
          )}
        </p>
      )}
      {!ok && report?.blankable && outcome.year !== null && onImportAnyway && (
        <p>
          Every error is a value that cannot be read. You can still import the year:{' '}
          <button type="button" className="button" data-testid="import-anyway" onClick={() => onImportAnyway(outcome.year!)}>
            Import anyway, leaving {report.blankable === 1 ? 'this value' : `these ${formatInteger(report.blankable)} values`} blank
          </button>{' '}
          <span className="muted">(each is kept and listed under Data quality, so nothing is lost silently).</span>
        </p>
      )}
      {messages.length > 0 && (
        <>
          <p>
            {errors > 0 && `${errors} error${errors === 1 ? '' : 's'} to fix`}
            {errors > 0 && warnings > 0 && ', '}
            {/* Only an import that went in has "imported" warnings; a refused one imported nothing. */}
            {warnings > 0 && `${warnings} warning${warnings === 1 ? '' : 's'}${ok ? ' (imported, but check them)' : ''}`}
            {errors === 0 && warnings === 0 && `${messages.length} note${messages.length === 1 ? '' : 's'}`}.{' '}
            <button
              type="button"
              className="button link"
              onClick={() =>
                downloadBytes(
                  rowsToCsv(
                    ['level', 'file', 'row', 'column', 'value', 'message'],
                    messages.map((m) => ({ level: m.level, file: m.file, row: m.row ?? '', column: m.column ?? '', value: m.value ?? '', message: m.text })),
                  ),
                  `import-messages-${outcome.year ?? 'year'}.csv`,
                  MIME.csv,
                )
              }
            >
              Download all messages (CSV)
            </button>
          </p>
          <div className="table-scroll">
            <table className="simple messages">
              <caption className="visually-hidden">Import messages for {year}</caption>
              <thead>
                <tr>
                  <th scope="col">Level</th>
                  <th scope="col">File</th>
                  <th scope="col">Row</th>
                  <th scope="col">Column</th>
                  <th scope="col">Value found</th>
                  <th scope="col">What to do</th>
                </tr>
              </thead>
              <tbody>
                {messages.slice(0, SHOW_MESSAGES).map((m, i) => (
                  <tr key={i} className={`level-${m.level}`}>
                    <td>
                      <span className={`tag level-${m.level}`}>{LEVEL_TEXT[m.level]}</span>
                    </td>
                    <td>{m.file}</td>
                    <td className="num">{m.row ?? ''}</td>
                    <td>{m.column ?? ''}</td>
                    <td>{m.value !== undefined ? <code>{m.value}</code> : ''}</td>
                    <td>{m.text}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {messages.length > SHOW_MESSAGES && <p className="hint">Showing the first {SHOW_MESSAGES} of {formatInteger(messages.length)} messages; download them all above.</p>}
        </>
      )}
    </div>
  );
}

function LoadedYears({ years, onReplace, onRemove, disabled }: { years: LoadedYear[]; onReplace: (y: number) => void; onRemove: (y: LoadedYear) => void; disabled: boolean }) {
  return (
    <div className="table-scroll">
      <table className="simple" data-testid="loaded-years">
        <caption className="visually-hidden">Years loaded in the workspace</caption>
        <thead>
          <tr>
            <th scope="col">Collection year</th>
            <th scope="col">Files</th>
            <th scope="col" className="num">
              Rows
            </th>
            <th scope="col">Imported</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {[...years].reverse().map((y) => (
            <tr key={y.year} data-year={y.year}>
              <th scope="row">{collectionYearLabel(y.year)}</th>
              <td>
                <details>
                  <summary>
                    {y.files.length} file{y.files.length === 1 ? '' : 's'}
                  </summary>
                  <ul className="plain">
                    {y.files.map((f) => (
                      <li key={f.name}>
                        {f.name} <span className="muted">→ {f.table}</span> <span className="muted">({formatInteger(f.rows)} rows)</span>
                        {f.extraColumns.length > 0 && <span className="muted"> · extra columns kept aside: {f.extraColumns.join(', ')}</span>}
                      </li>
                    ))}
                  </ul>
                </details>
              </td>
              <td className="num">{formatInteger(y.files.reduce((s, f) => s + f.rows, 0))}</td>
              <td>{y.importedAt.slice(0, 16).replace('T', ' ')}</td>
              <td className="actions">
                <button type="button" className="button secondary small" onClick={() => onReplace(y.year)} disabled={disabled} aria-label={`Replace ${flowLabel(y.year)}…`}>
                  Replace…
                </button>
                <button type="button" className="button warning small" onClick={() => onRemove(y)} disabled={disabled} aria-label={`Remove ${flowLabel(y.year)}…`}>
                  Remove…
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function TableCounts({ status }: { status: WorkspaceStatus }) {
  const years = status.years.map((y) => y.year);
  const tables = Object.keys(status.tables).sort();
  if (!tables.length) return null;
  return (
    <details className="counts">
      <summary>Rows per table and year</summary>
      <div className="table-scroll">
        <table className="simple compact">
          <caption className="visually-hidden">Rows per table and year</caption>
          <thead>
            <tr>
              <th scope="col">Table</th>
              {years.map((y) => (
                <th key={y} scope="col" className="num">
                  {flowLabel(y)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {tables.map((t) => (
              <tr key={t}>
                <th scope="row">
                  <code>{t}</code>
                </th>
                {years.map((y) => (
                  <td key={y} className="num">
                    {status.tables[t]?.[String(y)] !== undefined ? formatInteger(status.tables[t]![String(y)]!) : '–'}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

/**
 * Which earlier returns would complete the figures marked u (incomplete history): each pack that
 * has such figures is run (its result is kept, so the Packs view then opens at once).
 */
function HistoryCompleteness({ api, status }: { api: WorkbenchApi; status: WorkspaceStatus }) {
  const [lines, setLines] = useState<{ title: string; text: string }[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setLines(null);
    setError(null);
    const loaded = status.years.map((y) => y.year);
    void (async () => {
      const packs = (await api['packs.list']({})).filter((p) => p.historyDependent);
      const out: { title: string; text: string }[] = [];
      for (const p of packs) {
        const { result } = await api['pack.run']({ id: p.id });
        const advice = completionAdvice(result, loaded);
        if (advice) out.push({ title: p.title, text: advice.text });
      }
      if (live) setLines(out);
    })().catch((e: unknown) => live && setError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [api, status]);
  return (
    <div className="history-completeness" data-testid="history-completeness">
      <h3>Figures with incomplete history ({HISTORY_SYMBOL})</h3>
      {error && <p className="error-text">{error}</p>}
      {!error && lines === null && <p className="muted">Checking which figures need earlier returns…</p>}
      {lines && lines.length === 0 && <p>Every figure has the history it needs in the returns loaded.</p>}
      {lines && lines.length > 0 && (
        <>
          <p>Some figures need records from before the earliest return loaded; they are marked {HISTORY_SYMBOL} and left out of charts and commentary.</p>
          <ul className="plain">
            {lines.map((l) => (
              <li key={l.title}>
                <strong>{l.title}</strong>: {l.text}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function Activity({ api, status }: { api: WorkbenchApi; status: WorkspaceStatus }) {
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<{ at: string; action: string; detail: unknown }[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!open) return;
    api['workspace.activity']({}).then(setItems, (e: unknown) => setError(errorMessage(e)));
  }, [open, api, status]);
  return (
    <details className="panel activity" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>
        <h2>Activity log</h2>
      </summary>
      {error && <p className="error-text">{error}</p>}
      {items && items.length === 0 && <p>Nothing has happened in this workspace yet.</p>}
      {items && items.length > 0 && (
        <div className="activity-table">
          <table className="simple compact">
            <caption className="visually-hidden">Activity in this workspace, latest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">What</th>
                <th scope="col">Who</th>
                <th scope="col">Year</th>
                <th scope="col">Files</th>
                <th scope="col">Record</th>
              </tr>
            </thead>
            <tbody>
              {items.slice(0, 100).map((item, i) => {
                const row = activityRow(item);
                return (
                  <tr key={i}>
                    <td className="nowrap">{row.when}</td>
                    <td>{row.what}</td>
                    <td>{row.who}</td>
                    <td className="nowrap">{row.years}</td>
                    <td className="files">{row.files}</td>
                    <td>
                      <details>
                        <summary>Show</summary>
                        <pre className="raw-record">{JSON.stringify(item.detail, null, 2)}</pre>
                      </details>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </details>
  );
}
