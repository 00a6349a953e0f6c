/**
 * The pack table: a plain semantic <table> (about 20 rows, so no virtualisation is needed), laid out
 * by the browser so every column is as wide as its widest figure or header and the labels wrap.
 * Each year's cell holds its number and/or percent (in "Both", the percent under the number, so a
 * year is one narrow column); figures never wrap and cells never clip, so a figure is never cut. It follows the ARIA grid pattern:
 * one tab stop into the table, arrow keys (Home, End, Ctrl+Home, Ctrl+End) inside, Enter on a
 * number lists the children behind it.
 */
import { Fragment, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { PackCell, PackColumn, PackGridRow, PackTable as PackTableModel } from '../lib/packTable.js';
import { SUPPRESSED } from '../lib/format.js';

export interface PackTableProps {
  table: PackTableModel;
  label: string;
  testId?: string;
  /** Called on click or Enter on a cell with a drillable count. */
  onDrill?: (row: PackGridRow, year: number) => void;
  /** Anything a cell shows beside its figures (e.g. a mark with a note); null for nothing. */
  renderMark?: (row: PackGridRow, column: PackColumn, cell: PackCell) => ReactNode;
}

function rowClass(row: PackGridRow): string | undefined {
  return row.isTotal ? 'total-row' : row.isSubtotal ? 'subtotal-row' : row.isChild ? 'child-row' : undefined;
}

export function PackTable({ table, label, testId, onDrill, renderMark }: PackTableProps) {
  // The one cell in the tab order (row 0 is the header row), as the grid pattern has it.
  const [active, setActive] = useState<[number, number]>([1, 0]);
  const rowCount = table.rows.length + 1;
  const colCount = table.columns.length;
  const [ar, ac] = [Math.min(active[0], rowCount - 1), Math.min(active[1], colCount - 1)];

  function focusCell(tableEl: HTMLTableElement, r: number, c: number) {
    setActive([r, c]);
    const cell = tableEl.rows[r]?.cells[c];
    cell?.focus();
  }

  function onKeyDown(e: KeyboardEvent<HTMLTableElement>) {
    const cell = (e.target as HTMLElement).closest('td, th') as HTMLTableCellElement | null;
    const tr = cell?.parentElement as HTMLTableRowElement | null;
    if (!cell || !tr) return;
    const [r, c] = [tr.rowIndex, cell.cellIndex];
    const moves: Record<string, [number, number]> = {
      ArrowUp: [r - 1, c],
      ArrowDown: [r + 1, c],
      ArrowLeft: [r, c - 1],
      ArrowRight: [r, c + 1],
      Home: e.ctrlKey ? [0, 0] : [r, 0],
      End: e.ctrlKey ? [rowCount - 1, colCount - 1] : [r, colCount - 1],
      PageUp: [Math.max(0, r - 10), c],
      PageDown: [Math.min(rowCount - 1, r + 10), c],
    };
    const next = moves[e.key];
    if (next) {
      e.preventDefault();
      focusCell(e.currentTarget, Math.max(0, Math.min(rowCount - 1, next[0])), Math.max(0, Math.min(colCount - 1, next[1])));
    } else if ((e.key === 'Enter' || e.key === ' ') && r > 0) {
      const row = table.rows[r - 1];
      const column = table.columns[c];
      const year = row && column ? table.cell(row, column).drillYear : undefined;
      if (row && year !== undefined) {
        e.preventDefault();
        onDrill?.(row, year);
      }
    }
  }

  const tab = (r: number, c: number) => (r === ar && c === ac ? 0 : -1);

  return (
    <div className="pack-table-scroll" data-testid={testId}>
      <table className={`pack-table${table.showCount && table.showPercent ? ' both' : ''}`} role="grid" aria-label={label} aria-readonly="true" onKeyDown={onKeyDown}>
        <thead>
          <tr>
            {table.columns.map((col, c) => (
              <th
                key={col.id}
                scope="col"
                data-col={col.id}
                className={col.kind === 'year' || col.kind === 'change' ? 'num' : undefined}
                title={col.title}
                tabIndex={tab(0, c)}
                onFocus={() => setActive([0, c])}
              >
                {col.kind === 'year' ? <HeaderText text={col.header} /> : col.header}
                {col.title && <span className="visually-hidden">: {col.title}</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, i) => (
            <tr key={row.id} data-row={row.id} className={rowClass(row)}>
              {table.columns.map((col, c) => {
                const common = { 'data-col': col.id, tabIndex: tab(i + 1, c), onFocus: () => setActive([i + 1, c]) };
                if (col.kind === 'label') {
                  return (
                    <th key={col.id} {...common} scope="row" className="label">
                      <div className="label-text">{row.label}</div>
                    </th>
                  );
                }
                if (col.kind === 'group') return <td key={col.id} {...common}>{row.group ?? ''}</td>;
                const cell = table.cell(row, col);
                const classes = ['num', col.kind === 'change' ? 'change' : '', cell.suppressed ? 'suppressed' : '', cell.drillYear !== undefined ? 'drillable' : ''].filter(Boolean).join(' ');
                return (
                  <td key={col.id} {...common} className={classes} onClick={cell.drillYear !== undefined ? () => onDrill?.(row, cell.drillYear!) : undefined}>
                    {cell.parts.map((part, k) => (
                      <Fragment key={part.colId}>
                        {k > 0 && ' '}
                        <span data-part={part.colId} className={`part ${part.measure}${part.text === SUPPRESSED ? ' suppressed' : ''}`}>
                          {part.text}
                        </span>
                      </Fragment>
                    ))}
                    {renderMark?.(row, col, cell)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** "31 March 2023" breaks only before the year ("31 March" / "2023"), never after "31". */
function HeaderText({ text }: { text: string }) {
  const cut = text.lastIndexOf(' ');
  if (cut < 0) return text;
  return (
    <>
      <span className="nowrap">{text.slice(0, cut)}</span>
      {text.slice(cut)}
    </>
  );
}
