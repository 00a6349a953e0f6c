import './setup.js';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../renderer/src/App.js';
import { ApiCallError } from '../../renderer/src/api.js';
import { SLOW_AFTER_MS } from '../../renderer/src/views/PacksView.js';
import { FakeApi, fakeCount } from './fakeApi.js';
import { tooFewMessage } from '../../shared/packs/suppression.js';
import { plotted } from './setup.js';

afterEach(cleanup);

const YEARS = [2019, 2020, 2021, 2022, 2023, 2024];

function cell(container: HTMLElement, rowId: string, colId: string): string | undefined {
  return container.querySelector(`[data-testid=pack-grid] tr[data-row="${rowId}"] [data-part="${colId}"]`)?.textContent ?? undefined;
}

describe('the workbench shell', () => {
  it('opens on the packs when data is loaded, with the years in the header', async () => {
    const api = new FakeApi({ years: YEARS });
    const { container } = render(<App api={api} mode="browser" />);
    expect(await screen.findByTestId('years-loaded')).toHaveProperty('textContent', '6 years loaded: 2018/19 to 2023/24');
    await screen.findByRole('heading', { name: 'Children looked after', level: 2 });
    expect(screen.getByRole('button', { name: /Packs/ }).getAttribute('aria-current')).toBe('page');
    // Packs are grouped by section, in the order the report has them.
    const nav = screen.getByRole('navigation', { name: 'Packs' });
    expect(within(nav).getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual(['Overview', 'Children looked after at 31 March', 'Reviews']);
    await waitFor(() => expect(cell(container, 'at-31-march', 'y2024-count')).toBeDefined());
    // Figures are the API's, formatted; flow packs are labelled 2023/24.
    expect(cell(container, 'at-31-march', 'y2024-count')).toBe(String(fakeCount('cla', 'at-31-march', 2024)));
    expect(container.querySelector('[data-testid=pack-grid] th[data-col="y2024"]')?.textContent).toContain('2023/24');
  });

  it('shows a snapshot pack with 31 March labels, percents, the change, commentary and a chart', async () => {
    const api = new FakeApi({ years: [2023, 2024] });
    const { container } = render(<App api={api} mode="browser" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Age at 31 March' }));
    await screen.findByRole('heading', { name: 'Age at 31 March', level: 2 });
    await waitFor(() => expect(cell(container, '10-15', 'y2024-count')).toBeDefined());
    expect(container.querySelector('[data-testid=pack-grid] th[data-col="y2023"]')?.textContent).toContain('31 March 2023');
    const c23 = fakeCount('age', '10-15', 2023);
    const c24 = fakeCount('age', '10-15', 2024);
    expect(cell(container, '10-15', 'y2024-count')).toBe(String(c24));
    expect(cell(container, '10-15', 'y2024-percent')).toMatch(/^\d+\.\d%$/);
    const change = c24 - c23;
    expect(cell(container, '10-15', 'change-count')).toBe(change > 0 ? `+${change}` : change < 0 ? `−${-change}` : '0');
    // The commentary is written from the figures shown, as the table writes them.
    expect(screen.getByText(/^Children aged 10 to 15 remain the largest group \(\d+\.\d%\)\.$/)).toBeTruthy();
    expect(screen.getByText(/On 31 March 2024 the most common age group was 10 to 15 \(\d+\.\d%\)\./)).toBeTruthy();
    await waitFor(() => expect(container.querySelector('[data-testid=pack-chart] .chart:not([hidden])')?.getAttribute('data-plotted')).toBe('2'));
    expect(plotted.at(-1)!.layout.barmode).toBe('group');
    expect(screen.getByRole('img', { name: /Bar chart of age at 31 march/ })).toBeTruthy();
  });

  it('has a "Skip to table" link before the list of packs that moves focus to the table', async () => {
    const api = new FakeApi({ years: YEARS });
    const { container } = render(<App api={api} mode="browser" />);
    await waitFor(() => expect(cell(container, 'at-31-march', 'y2024-count')).toBeDefined());
    const nav = screen.getByRole('navigation', { name: 'Packs' });
    const skip = within(nav).getByRole('link', { name: 'Skip to table' });
    // First in the list, before every pack button.
    expect(nav.querySelector('a, button')).toBe(skip);
    fireEvent.click(skip);
    const focused = document.activeElement as HTMLElement;
    expect(container.querySelector('[data-testid=pack-grid]')!.contains(focused)).toBe(true);
    expect(focused.getAttribute('tabindex')).toBe('0');
  });

  it('says why, when the first table is slow to come (the views being worked out)', async () => {
    class SlowApi extends FakeApi {
      override 'pack.run'(req: Parameters<FakeApi['pack.run']>[0]): ReturnType<FakeApi['pack.run']> {
        void super['pack.run'](req); // recorded, but its answer never comes: still counting
        return new Promise(() => undefined);
      }
    }
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const api = new SlowApi({ years: YEARS });
      render(<App api={api} mode="browser" />);
      await screen.findByRole('heading', { name: 'Children looked after', level: 2 });
      await waitFor(() => expect(api.callsTo('pack.run').length).toBeGreaterThan(0));
      expect(screen.getByRole('status').textContent).toBe('Counting…');
      await act(async () => {
        vi.advanceTimersByTime(SLOW_AFTER_MS + 10);
      });
      expect(screen.getByRole('status').textContent).toMatch(/^Counting… The first table after an import works out every child's history of care/);
    } finally {
      vi.useRealTimers();
    }
  });

  it('marks figures resting on incomplete history with u and a note, and leaves them out of the chart and commentary unless shown', async () => {
    const api = new FakeApi({ years: [2023, 2024], historyYears: [2023] });
    const { container } = render(<App api={api} mode="browser" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Age at 31 March' }));
    await waitFor(() => expect(cell(container, '10-15', 'y2024-count')).toBeDefined());
    const mark = (col: string) => container.querySelector(`[data-testid=pack-grid] tr[data-row="10-15"] td[data-col="${col}"] .history-mark`);
    // The figures keep their own text; the u and its note follow them (the change is made from a marked figure).
    expect(cell(container, '10-15', 'y2023-count')).toBe(String(fakeCount('age', '10-15', 2023)));
    expect(mark('y2023')?.textContent).toContain('u');
    expect(mark('y2023')?.getAttribute('title')).toContain('12.5% of those counted');
    expect(mark('change')?.textContent).toContain('u');
    expect(mark('y2024')).toBeNull();
    expect(screen.getByTestId('history-legend').textContent).toMatch(/incomplete history: .* in 31 March 2023/);
    // The chart draws 2024 only, and the commentary says 2023 is left out.
    await waitFor(() => expect(container.querySelector('[data-testid=pack-chart] .chart:not([hidden])')?.getAttribute('data-plotted')).toBe('1'));
    expect(screen.getByText(/Some figures for 31 March 2023 depend on records from before the earliest return loaded/)).toBeTruthy();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Show those years in the chart and commentary' }));
    await waitFor(() => expect(container.querySelector('[data-testid=pack-chart] .chart:not([hidden])')?.getAttribute('data-plotted')).toBe('2'));
    expect(screen.queryByText(/Some figures for 31 March 2023 depend on records/)).toBeNull();
  });

  it('re-runs the pack with suppression, and shows c for suppressed counts', async () => {
    const api = new FakeApi({ years: [2023, 2024] });
    const { container } = render(<App api={api} mode="browser" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Legal status at 31 March' }));
    await waitFor(() => expect(cell(container, 'L1', 'y2024-count')).toBeDefined());
    fireEvent.click(screen.getByRole('checkbox', { name: 'Suppress 1 to' }));
    await waitFor(() => expect(api.callsTo('pack.run').at(-1)).toEqual({ id: 'legal-status', suppress: 5 }));
    const small = fakeCount('legal-status', 'L1', 2024);
    await waitFor(() => expect(cell(container, 'L1', 'y2024-count')).toBe(small > 0 && small <= 5 ? 'c' : String(small)));
    // The legend says what c means in the exports' words: a change worked from a suppressed figure is c too.
    expect(screen.getByTestId('suppressed-legend').textContent).toBe('c suppressed to protect confidentiality: a count from 1 to 5, or a figure from which one could be worked out');
  });

  it('says a table is too few to publish, instead of showing a table of c and its chart', async () => {
    const api = new FakeApi({ years: [2023, 2024], tooFewToPublish: true });
    const { container } = render(<App api={api} mode="browser" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Legal status at 31 March' }));
    await waitFor(() => expect(cell(container, 'L1', 'y2024-count')).toBeDefined());
    fireEvent.click(screen.getByRole('checkbox', { name: 'Suppress 1 to' }));
    expect((await screen.findByTestId('too-few')).textContent).toContain(tooFewMessage(5));
    expect(container.querySelector('[data-testid=pack-grid]')).toBeNull();
  });

  it('breaks a pack down by a characteristic, and drills into a part with the same breakdown', async () => {
    const api = new FakeApi({ years: [2024] });
    const { container } = render(<App api={api} mode="browser" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Age at 31 March' }));
    await waitFor(() => expect(cell(container, '1-4', 'y2024-count')).toBeDefined());
    fireEvent.change(screen.getByLabelText('Break down by'), { target: { value: 'gender' } });
    await waitFor(() => expect(api.callsTo('pack.run').at(-1)).toEqual({ id: 'age', suppress: null, options: { by: 'gender' } }));
    fireEvent.click(container.querySelector('[data-testid=pack-grid] tr[data-row="1-4"] td[data-col="y2024"]')!);
    await waitFor(() => expect(api.callsTo('pack.drill').at(-1)).toEqual({ pack: 'age', year: 2024, key: '1-4', options: { by: 'gender' }, maskIds: false }));
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    // Back to the pack as published: shown from the page's kept figures, not asked for again.
    const asked = api.callsTo('pack.run').length;
    fireEvent.change(screen.getByLabelText('Break down by'), { target: { value: 'none' } });
    await waitFor(() => expect(cell(container, '1-4', 'y2024-count')).toBeDefined());
    expect(api.callsTo('pack.run')).toHaveLength(asked);
  });

  it("runs a pack with its own option chosen (DfE's basis, what is counted), drills and exports with it, and keeps the default run", async () => {
    const api = new FakeApi({ years: [2024] });
    const { container } = render(<App api={api} mode="browser" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Participation in reviews' }));
    await waitFor(() => expect(api.callsTo('pack.run').at(-1)).toEqual({ id: 'review-participation', suppress: null }));
    const select = screen.getByLabelText('Counted') as HTMLSelectElement;
    expect([...select.options].map((o) => o.value)).toEqual(['reviews', 'children']);
    fireEvent.change(select, { target: { value: 'children' } });
    await waitFor(() => expect(api.callsTo('pack.run').at(-1)).toEqual({ id: 'review-participation', suppress: null, options: { count: 'children' } }));
    const key = 'PN1';
    await waitFor(() => expect(container.querySelector(`[data-testid=pack-grid] tr[data-row="${key}"] td[data-col="y2024"]`)).not.toBeNull());
    fireEvent.click(container.querySelector(`[data-testid=pack-grid] tr[data-row="${key}"] td[data-col="y2024"]`)!);
    await waitFor(() => expect(api.callsTo('pack.drill').at(-1)).toMatchObject({ pack: 'review-participation', year: 2024, options: { count: 'children' } }));
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    // With a breakdown too, both options go.
    fireEvent.change(screen.getByLabelText('Break down by'), { target: { value: 'gender' } });
    await waitFor(() => expect(api.callsTo('pack.run').at(-1)).toEqual({ id: 'review-participation', suppress: null, options: { count: 'children', by: 'gender' } }));
    // Back to the default: the figures kept from the first run, not asked for again.
    const asked = api.callsTo('pack.run').length;
    fireEvent.change(screen.getByLabelText('Break down by'), { target: { value: 'none' } });
    fireEvent.change(screen.getByLabelText('Counted'), { target: { value: 'reviews' } });
    await waitFor(() => expect((screen.getByLabelText('Counted') as HTMLSelectElement).value).toBe('reviews'));
    await waitFor(() => expect(container.querySelector(`[data-testid=pack-grid] tr[data-row="${key}"] td[data-col="y2024"]`)).not.toBeNull());
    expect(api.callsTo('pack.run')).toHaveLength(asked);
  });

  it('drills into a count and lists the children behind it', async () => {
    const api = new FakeApi({ years: [2024] });
    const { container } = render(<App api={api} mode="browser" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Age at 31 March' }));
    await waitFor(() => expect(cell(container, '1-4', 'y2024-count')).toBeDefined());
    fireEvent.click(container.querySelector('[data-testid=pack-grid] tr[data-row="1-4"] td[data-col="y2024"]')!);
    await waitFor(() => expect(api.callsTo('pack.drill')).toEqual([{ pack: 'age', year: 2024, key: '1-4', maskIds: false }]));
    const count = fakeCount('age', '1-4', 2024);
    expect((await screen.findByTestId('drill-count')).textContent).toBe(`${count} rows.`);
    // Child-level export needs an explicit, acknowledged step, with masking on by default.
    fireEvent.click(screen.getByRole('button', { name: 'Export child-level rows…' }));
    const save = screen.getByRole('button', { name: 'Save child-level CSV' }) as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    expect((screen.getByRole('checkbox', { name: /Mask child ids \(a stable pseudonym/ }) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByRole('checkbox', { name: /I understand/ }));
    expect(save.disabled).toBe(false);
  });

  it('opens on the Data page when nothing is loaded, and imports a year from chosen files', async () => {
    const api = new FakeApi();
    const { container } = render(<App api={api} mode="browser" />);
    await screen.findByRole('heading', { name: 'Data', level: 1 });
    expect(screen.getByText('No year is loaded yet. Import a return above.')).toBeTruthy();
    const header = new File(['CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n001,1,01/01/2010,WBRI,,,\n002,2,??,WBRI,,,\n'], 'header_2023-24.csv', { type: 'text/csv' });
    const junk = new File(['a,b\n1,2\n'], 'notes.docx');
    const input = container.querySelector('[data-testid=file-input]') as HTMLInputElement;
    fireEvent.change(input, { target: { files: [header, junk] } });
    // The year is guessed from the name; the .docx is left out, and the user is told.
    expect(await screen.findByText(/1 file was skipped/)).toBeTruthy();
    expect((screen.getByRole('combobox', { name: 'Collection year' }) as HTMLSelectElement).value).toBe('2024');
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    const outcome = await screen.findByTestId('import-outcome');
    expect(outcome.textContent).toContain('2023/24 imported: 1 file, 2 rows.');
    const sent = api.callsTo('workspace.import')[0] as { year: number; files: { name: string; data: Uint8Array }[] };
    expect(sent.year).toBe(2024);
    expect(new TextDecoder().decode(sent.files[0]!.data)).toContain('002,2,??,WBRI');
    // The warning names file, row, column and value.
    const row = within(outcome).getAllByRole('row')[1]!;
    expect(within(row).getAllByRole('cell').map((c) => c.textContent)).toEqual(['Warning', 'header_2023-24.csv', '3', 'DOB', '??', 'Not a date; the cell was left blank.']);
    await waitFor(() => expect(screen.getByTestId('years-loaded').textContent).toBe('1 year loaded: 2023/24'));
    expect(within(screen.getByTestId('loaded-years')).getByText('2023/24 (year ending 31 March 2024)')).toBeTruthy();
  });

  it('says plainly when an import is refused, and changes nothing', async () => {
    const api = new FakeApi();
    const { container } = render(<App api={api} mode="browser" />);
    await screen.findByRole('heading', { name: 'Data', level: 1 });
    fireEvent.change(container.querySelector('[data-testid=file-input]')!, { target: { files: [new File(['FOO,BAR\n1,2\n'], 'mystery.csv')] } });
    fireEvent.change(await screen.findByRole('combobox', { name: 'Collection year' }), { target: { value: '2022' } });
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    const outcome = await screen.findByTestId('import-outcome');
    expect(outcome.getAttribute('role')).toBe('alert');
    expect(outcome.textContent).toContain('2021/22 was not imported. Nothing in the workspace changed.');
    expect(outcome.textContent).toContain('The columns of this file do not match any SSDA903 file.');
    expect(screen.getByTestId('years-loaded').textContent).toBe('No years loaded');
  });

  it('removes a year only after confirming', async () => {
    const api = new FakeApi({ years: [2023, 2024] });
    render(<App api={api} mode="browser" initialView="data" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Remove 2022/23…' }));
    expect(api.callsTo('workspace.removeYear')).toHaveLength(0);
    fireEvent.click(await screen.findByRole('button', { name: 'Remove 2022/23' }));
    await waitFor(() => expect(api.callsTo('workspace.removeYear')).toEqual([{ year: 2023 }]));
    await waitFor(() => expect(screen.getByTestId('years-loaded').textContent).toBe('1 year loaded: 2023/24'));
  });

  it('runs SQL read-only by default and shows the results and a quick chart', async () => {
    const api = new FakeApi({ years: [2023, 2024] });
    const { container } = render(<App api={api} mode="browser" initialView="explore" />);
    const editor = await screen.findByRole('textbox', { name: 'SQL query' });
    fireEvent.change(editor, { target: { value: 'DROP TABLE header' } });
    fireEvent.click(screen.getByRole('button', { name: 'Run query' }));
    expect((await screen.findByTestId('query-error')).textContent).toContain('The SQL editor is read-only.');
    expect(api.callsTo('query.run').at(-1)).toMatchObject({ sql: 'DROP TABLE header', allowWrite: false });
    fireEvent.change(editor, { target: { value: 'SELECT return_year, count(*) FROM header GROUP BY 1' } });
    fireEvent.keyDown(editor, { key: 'Enter', ctrlKey: true });
    expect((await screen.findByTestId('query-count')).textContent).toMatch(/^2 rows in \d+ ms$/);
    await waitFor(() => expect(container.querySelectorAll('[data-testid=query-grid] .ag-row')).toHaveLength(2));
    const years = [...container.querySelectorAll('[data-testid=query-grid] .ag-cell[col-id="return_year"]')].map((c) => c.textContent);
    expect(years).toEqual(['2023', '2024']);
    await waitFor(() => expect(container.querySelector('[data-testid=query-chart] .chart')?.getAttribute('data-plotted')).toBe('1'));
  });

  it('asks before allowing changes, cancels a running query, and saves results as CSV only after a warning, through the main side', async () => {
    let release: (() => void) | null = null;
    class WaitingApi extends FakeApi {
      override async 'query.run'(req: Parameters<FakeApi['query.run']>[0]): ReturnType<FakeApi['query.run']> {
        if (req.sql.includes('forever')) {
          await this.record('query.run', req);
          await new Promise<void>((resolve) => {
            release = resolve;
          });
          throw new ApiCallError({ code: 'cancelled', message: 'The query was cancelled.' });
        }
        return super['query.run'](req);
      }
      override async 'query.cancel'(req: Parameters<FakeApi['query.cancel']>[0]): Promise<void> {
        await super['query.cancel'](req);
        release?.();
      }
    }
    const api = new WaitingApi({ years: [2023, 2024] });
    render(<App api={api} mode="browser" initialView="explore" />);
    const editor = await screen.findByRole('textbox', { name: 'SQL query' });

    // Allow changes: ticking it asks first; keeping read-only leaves it off.
    const allow = screen.getByRole('checkbox', { name: 'Allow changes to the workspace' });
    fireEvent.click(allow);
    fireEvent.click(await screen.findByRole('button', { name: 'Keep read-only' }));
    expect((allow as HTMLInputElement).checked).toBe(false);
    fireEvent.click(allow);
    fireEvent.click(await screen.findByRole('button', { name: 'Allow changes' }));
    expect((allow as HTMLInputElement).checked).toBe(true);
    fireEvent.click(allow);

    // Cancel: shown while a query runs, and it stops it.
    fireEvent.change(editor, { target: { value: 'SELECT forever' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Time limit' }), { target: { value: '300' } });
    fireEvent.click(screen.getByRole('button', { name: 'Run query' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel' }));
    expect((await screen.findByTestId('query-error')).textContent).toBe('CancelledThe query was cancelled.');
    expect(api.callsTo('query.cancel')).toHaveLength(1);
    expect(api.callsTo('query.run').at(-1)).toMatchObject({ sql: 'SELECT forever', allowWrite: false, timeLimitSeconds: 300 });
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();

    // Download CSV: a warning first; the CSV comes from the main side, which records it.
    fireEvent.change(editor, { target: { value: 'SELECT return_year, count(*) FROM header GROUP BY 1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Run query' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Download CSV…' }));
    expect(api.callsTo('query.exportCsv')).toHaveLength(0);
    fireEvent.click(await screen.findByRole('button', { name: 'Save CSV' }));
    await waitFor(() => expect(api.callsTo('query.exportCsv')).toEqual([{ sql: 'SELECT return_year, count(*) FROM header GROUP BY 1', timeLimitSeconds: 300 }]));
    expect(await screen.findByText(/the export is recorded in Activity\.$/)).toBeTruthy();
  });

  it('exports the chosen packs with the suppression threshold, the export drawing their charts', async () => {
    const api = new FakeApi({ years: [2024] });
    render(<App api={api} mode="browser" initialView="export" />);
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Participation in reviews' }));
    fireEvent.click(screen.getByRole('button', { name: 'Download Excel (.xlsx)' }));
    const message = await screen.findByTestId('export-message');
    expect(message.textContent).toMatch(/^Saved iro-annual-report\.xlsx \(.+\), 3 packs\.$/);
    const req = api.callsTo('export.xlsx')[0] as { packs: string[]; suppress: number };
    expect(req.packs).toEqual(['cla', 'age', 'legal-status']);
    expect(req.suppress).toBe(5);
    // No screen (Plotly) images: the export draws every chart with the renderer of the draft report.
    expect(req).not.toHaveProperty('charts');
    expect(req).not.toHaveProperty('includeCharts');
    // Without charts, the export is told so.
    fireEvent.click(screen.getByRole('checkbox', { name: 'Include a chart for each pack' }));
    fireEvent.click(screen.getByRole('button', { name: 'Download Excel (.xlsx)' }));
    await waitFor(() => expect(api.callsTo('export.xlsx')).toHaveLength(2));
    expect(api.callsTo('export.xlsx')[1]).toMatchObject({ includeCharts: false });
  });
});
