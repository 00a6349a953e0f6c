/**
 * Drill-down: the children behind one count (pack.drill), in a grid. Child-level rows leave the
 * app only through an explicit, warned step, with child ids masked unless the user says otherwise.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { ColDef } from 'ag-grid-community';
import type { WorkbenchApi } from '../../../shared/api.js';
import { errorMessage } from '../api.js';
import { DataGrid } from '../components/DataGrid.js';
import { Dialog } from '../components/Dialog.js';
import { decodeTabular, isNumericType, type DecodedTable } from '../lib/arrow.js';
import { downloadBytes, MIME } from '../lib/download.js';
import { formatInteger } from '../lib/format.js';
import { rowsToCsv } from '../lib/tableText.js';
import { drillCellText, drillHeading } from '../lib/drillColumns.js';

export interface DrillTarget {
  pack: string;
  packTitle: string;
  year: number;
  yearText: string;
  /** Row key; undefined for the total (the whole base). */
  key: string | undefined;
  label: string;
  count: number;
  /** The pack options the table was run with (a breakdown's `by`). */
  options?: Record<string, string>;
}

/** The cell a drill-down is for, as the API asks for it (no key: the whole base). */
function drillRequest(target: DrillTarget): { pack: string; year: number; key?: string; options?: Record<string, string> } {
  return { pack: target.pack, year: target.year, ...(target.key !== undefined ? { key: target.key } : {}), ...(target.options ? { options: target.options } : {}) };
}

export function DrillDialog({ api, target, onClose }: { api: WorkbenchApi; target: DrillTarget | null; onClose: () => void }) {
  const [mask, setMask] = useState(false);
  const [table, setTable] = useState<(DecodedTable & { truncated: boolean; rowCount: number }) | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [exportStep, setExportStep] = useState(false);
  const ids = { mask: useId(), exportMask: useId(), ack: useId() };

  useEffect(() => {
    setTable(null);
    setError(null);
    setExportStep(false);
    if (!target) return;
    let live = true;
    api['pack.drill']({ ...drillRequest(target), maskIds: mask }).then(
      (r) => live && setTable({ ...decodeTabular(r), truncated: r.truncated, rowCount: r.rowCount }),
      (e: unknown) => live && setError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [api, target, mask]);

  const columns = useMemo<ColDef<Record<string, unknown>>[]>(
    () =>
      (table?.columns ?? []).map((c) => ({
        colId: c.name,
        field: c.name,
        headerName: drillHeading(c.name),
        headerTooltip: c.name,
        ...(isNumericType(c.type) ? { type: 'numericColumn', cellClass: 'num' } : { valueFormatter: (p: { value: unknown }) => drillCellText(c.name, p.value) }),
        minWidth: 90,
      })),
    [table],
  );

  const title = target ? `${target.label}, ${target.yearText}` : '';
  return (
    <Dialog open={target !== null} title={title} onClose={onClose} wide>
      {target && (
        <>
          <p className="muted">
            {target.packTitle}: the {formatInteger(target.count)} {target.count === 1 ? 'record' : 'records'} counted in this cell.
          </p>
          <div className="check-row">
            <input id={ids.mask} type="checkbox" checked={mask} onChange={(e) => setMask(e.target.checked)} />
            <label htmlFor={ids.mask}>Mask child ids on screen (for screen sharing)</label>
          </div>
          {error && (
            <p className="error-text" role="alert">
              {error}
            </p>
          )}
          {!table && !error && <p role="status">Finding the children…</p>}
          {table && (
            <>
              <p role="status" data-testid="drill-count">
                {formatInteger(table.rowCount)} row{table.rowCount === 1 ? '' : 's'}
                {table.truncated ? ' (only the first rows are shown)' : ''}.
              </p>
              <div className="drill-grid">
                <DataGrid<Record<string, unknown>>
                  label={`Children behind ${title}`}
                  testId="drill-grid"
                  rowData={table.rows}
                  columnDefs={columns}
                  defaultColDef={{ sortable: true, resizable: true }}
                  autoSizeStrategy={{ type: 'fitCellContents' }}
                />
              </div>
              {!exportStep ? (
                <div className="button-row">
                  <button type="button" className="button secondary" onClick={() => setExportStep(true)}>
                    Export child-level rows…
                  </button>
                </div>
              ) : (
                <ChildExport
                  onCancel={() => setExportStep(false)}
                  onExport={async (maskForExport) => {
                    const r = await api['pack.drill']({ ...drillRequest(target), maskIds: maskForExport, forExport: true });
                    const decoded = decodeTabular(r);
                    const name = `children-${target.pack}-${(target.key ?? 'all').replace(/[^A-Za-z0-9_-]+/g, '-')}-${target.year}${maskForExport ? '-masked' : ''}.csv`;
                    downloadBytes(rowsToCsv(decoded.columns.map((c) => c.name), decoded.rows), name, MIME.csv);
                    setExportStep(false);
                  }}
                  ids={ids}
                />
              )}
            </>
          )}
        </>
      )}
    </Dialog>
  );
}

function ChildExport({ onCancel, onExport, ids }: { onCancel: () => void; onExport: (mask: boolean) => Promise<void>; ids: { exportMask: string; ack: string } }) {
  const panel = useRef<HTMLDivElement>(null);
  // The warning opens below the grid: bring it into view and put focus on its heading.
  useEffect(() => {
    panel.current?.scrollIntoView?.({ block: 'nearest' });
    panel.current?.querySelector<HTMLElement>('h3')?.focus();
  }, []);
  const [mask, setMask] = useState(true);
  const [ack, setAck] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <div ref={panel} className="warning-panel" role="group" aria-labelledby="child-export-heading">
      <h3 id="child-export-heading" tabIndex={-1}>
        <span aria-hidden="true">⚠ </span>These rows are about individual children
      </h3>
      <p>
        A CSV of child-level rows is special-category personal data. Save it only to a location your information governance allows, never attach it to a
        report, and delete it when you are done.
      </p>
      <div className="check-row">
        <input id={ids.exportMask} type="checkbox" checked={mask} onChange={(e) => setMask(e.target.checked)} />
        <label htmlFor={ids.exportMask}>Mask child ids (a stable pseudonym per child in this workspace)</label>
      </div>
      <div className="check-row">
        <input id={ids.ack} type="checkbox" checked={ack} onChange={(e) => setAck(e.target.checked)} />
        <label htmlFor={ids.ack}>I understand, and I am allowed to save these rows</label>
      </div>
      {error && <p className="error-text">{error}</p>}
      <div className="button-row">
        <button
          type="button"
          className="button warning"
          disabled={!ack}
          onClick={() => {
            setError(null);
            onExport(mask).catch((e: unknown) => setError(errorMessage(e)));
          }}
        >
          Save child-level CSV
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
