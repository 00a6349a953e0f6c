import './setup.js';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/App.js';
import { FakeApi } from './fakeApi.js';

afterEach(cleanup);

describe('data quality in the app', () => {
  it('shows findings by rule for the latest year, drills to the rows, the trend, and exports every finding masked', async () => {
    const api = new FakeApi({ years: [2023, 2024] });
    render(<App api={api} mode="browser" />);
    await screen.findByRole('heading', { name: 'Children looked after', level: 2 });
    fireEvent.click(screen.getByRole('button', { name: /Data quality/ }));
    const view = await screen.findByTestId('quality-view');
    expect(within(view).getByRole('heading', { name: '2023/24: 3 findings' })).toBeTruthy();
    const byRule = within(view).getByTestId('quality-by-rule');
    expect(within(byRule).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').slice(0, 3).map((c) => c.textContent))).toEqual([
      ['Ethnicity code is not valid or has not been entered.', '2', 'ETHNIC'],
      ['A date is after 31 March, the end of the collection year.', '1', 'DECOM, DEC'],
    ]);
    fireEvent.click(within(byRule).getByRole('button', { name: 'Show rows for rule 103' }));
    const rows = await screen.findByTestId('quality-rows');
    expect(within(rows).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').map((c) => c.textContent))).toEqual([
      ['header.csv', '2', 'P04002', 'ETHNIC WBR '],
      ['header.csv', '3', 'P04003', 'ETHNIC WBR '],
    ]);
    expect(api.callsTo('quality.findings').at(-1)).toEqual({ year: 2024, rule: '103', limit: 500, maskIds: true });
    // The rows come below every rule (a hundred on a messy return): the reader is taken to them.
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Rule 103, 2023/24: the rows'));
    // Earlier years: the trend, and the year chosen.
    // Each code with its meaning beside it, not a bare code.
    const trend = within(screen.getByTestId('quality-trend')).getAllByRole('row').map((r) => [...r.children].map((c) => c.textContent));
    expect(trend).toEqual([
      ['Rule', 'What it checks', '2022/23', '2023/24'],
      ['103', 'Ethnicity code is not valid or has not been entered.', '2', '2'],
      ['W01', 'A date is after 31 March, the end of the collection year.', '–not checked', '1'],
    ]);
    // A rule not run in a year (outside its years, without its file) is not a 0, and the legend says why.
    expect(screen.getByTestId('quality-trend-legend').textContent).toMatch(/^– not checked that year/);
    expect(within(byRule).getByRole('button', { name: 'Hide rows for rule 103' }).getAttribute('aria-expanded')).toBe('true');
    fireEvent.change(within(view).getByRole('combobox', { name: 'Year' }), { target: { value: '2023' } });
    expect(await within(view).findByRole('heading', { name: '2022/23: 2 findings' })).toBeTruthy();
    fireEvent.click(within(view).getByRole('button', { name: 'Export all findings (Excel)' }));
    await waitFor(() => expect(api.callsTo('quality.export')).toEqual([{ format: 'xlsx', maskIds: true }]));
    expect(await within(view).findByText(/Saved data-quality-findings\.xlsx \(child ids replaced by pseudonyms\)/)).toBeTruthy();
  });

  it('tells a pack how many findings touch the fields it uses, with a link to them', async () => {
    const api = new FakeApi({ years: [2023, 2024] });
    render(<App api={api} mode="browser" />);
    await screen.findByRole('heading', { name: 'Children looked after', level: 2 });
    const note = await screen.findByTestId('pack-findings-note');
    expect(note.textContent).toBe('⚠ 1 data-quality finding across the loaded years may affect this table');
    fireEvent.click(within(note).getByRole('button'));
    const view = await screen.findByTestId('quality-view');
    // Only the rules on the pack's fields (W01 on DEC; 103 on ETHNIC, which no count of children reads), and keyboard focus on the view.
    expect(within(view).getByTestId('quality-pack-filter').textContent).toMatch(/^Showing only the rules on fields the table Children looked after uses \(1 finding across the loaded years\)/);
    expect(within(within(view).getByTestId('quality-trend')).getAllByRole('row').slice(1).map((r) => r.children[0]!.textContent)).toEqual(['W01']);
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Data quality'));
    fireEvent.click(within(view).getByRole('button', { name: 'Show every rule' }));
    expect(within(within(view).getByTestId('quality-trend')).getAllByRole('row').slice(1).map((r) => r.children[0]!.textContent)).toEqual(['103', 'W01']);
  });

  it('offers "import anyway" when only values cannot be read, then says how many findings the year has', async () => {
    const api = new FakeApi();
    const { container } = render(<App api={api} mode="browser" />);
    await screen.findByRole('heading', { name: 'Data', level: 1 });
    const header = new File(['CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n001,1,!!,WBRI,,,\n'], 'header_2023-24.csv', { type: 'text/csv' });
    fireEvent.change(container.querySelector('[data-testid=file-input]')!, { target: { files: [header] } });
    fireEvent.click(await screen.findByRole('button', { name: 'Import' }));
    const refused = await screen.findByTestId('import-outcome');
    expect(refused.textContent).toContain('2023/24 was not imported. Nothing in the workspace changed.');
    expect(api.callsTo('workspace.import')).toHaveLength(1);
    expect((api.callsTo('workspace.import')[0] as { blankUnreadable?: boolean }).blankUnreadable).toBeUndefined();
    fireEvent.click(within(refused).getByRole('button', { name: 'Import anyway, leaving this value blank' }));
    const done = await screen.findByTestId('import-findings');
    expect((api.callsTo('workspace.import')[1] as { blankUnreadable?: boolean }).blankUnreadable).toBe(true);
    expect(done.textContent).toBe('Imported with 2 data-quality findings: see the findings for 2023/24');
    fireEvent.click(within(done).getByRole('button'));
    expect(await screen.findByTestId('quality-view')).toBeTruthy();
  });
});
