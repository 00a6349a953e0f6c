import './setup.js';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/App.js';
import { localPackId } from '../../renderer/src/views/LocalPacksView.js';
import { localPackSpecSchema } from '../../shared/packs/local.js';
import { FakeApi } from './fakeApi.js';

afterEach(cleanup);

describe('Local packs', () => {
  it('builds a pack without SQL: a table, the date for the year, a column to count by, a filter; then it is listed and shared', async () => {
    const api = new FakeApi({ years: [2023, 2024] });
    render(<App api={api} mode="browser" initialView="local" />);
    await screen.findByRole('heading', { name: 'Local packs', level: 1 });
    fireEvent.change(await screen.findByLabelText('Title'), { target: { value: 'Escalations by stage' } });
    // Only date columns can give the year.
    const year = screen.getByLabelText('Year of each row') as HTMLSelectElement;
    expect([...year.options].map((o) => o.textContent)).toEqual(['The year the table was imported for', 'raised', 'resolved']);
    fireEvent.change(year, { target: { value: 'raised' } });
    fireEvent.change(screen.getByLabelText('Count by'), { target: { value: 'stage' } });
    fireEvent.change(screen.getByLabelText('Column'), { target: { value: 'team' } });
    fireEvent.change(screen.getByLabelText(/one of/), { target: { value: 'North, South' } });
    // Figures besides the count: the average days between two dates, and the total of a number column.
    fireEvent.click(screen.getByRole('button', { name: /Add a figure/ }));
    fireEvent.change(screen.getByLabelText('Figure 1: days from'), { target: { value: 'raised' } });
    fireEvent.change(screen.getByLabelText('Figure 1: to'), { target: { value: 'resolved' } });
    fireEvent.click(screen.getByRole('button', { name: /Add a figure/ }));
    fireEvent.change(screen.getByLabelText('Figure 2'), { target: { value: 'sum' } });
    // Only number columns can be summed.
    const ofColumn = screen.getByLabelText('Figure 2: of the column') as HTMLSelectElement;
    expect([...ofColumn.options].map((o) => o.value)).toEqual(['', 'stage', 'hours']);
    fireEvent.change(ofColumn, { target: { value: 'hours' } });
    fireEvent.change(screen.getByLabelText('One counted thing is a'), { target: { value: 'escalation' } });
    fireEvent.change(screen.getByLabelText('Many are'), { target: { value: 'escalations' } });
    const packsBefore = api.callsTo('packs.list').length;
    fireEvent.click(screen.getByRole('button', { name: 'Save local pack' }));
    expect((await screen.findByRole('status')).textContent).toMatch(/"Escalations by stage" is in Packs and Export/);
    expect(api.callsTo('localPacks.save')).toEqual([
      {
        spec: {
          id: 'local-escalations-by-stage',
          title: 'Escalations by stage',
          table: 'escalations',
          year: { dateColumn: 'raised' },
          by: ['stage'],
          count: 'rows',
          filters: [{ column: 'team', values: ['North', 'South'], not: false }],
          unit: { one: 'escalation', many: 'escalations' },
          measures: [
            { statistic: 'mean', daysFrom: 'raised', daysTo: 'resolved' },
            { statistic: 'sum', column: 'hours' },
          ],
        },
      },
    ]);
    expect(api.callsTo('packs.list').length).toBeGreaterThan(packsBefore); // Packs and Export see it
    expect(await screen.findByRole('button', { name: 'Remove Escalations by stage' })).toBeTruthy();
  });

  it('brings a saved pack back into the form to mend it, keeping its id and what the form does not show', async () => {
    const api = new FakeApi({ years: [2023, 2024] });
    api.localPackList = [
      {
        spec: localPackSpecSchema.parse({
          id: 'local-escalations',
          title: 'Escalations',
          table: 'escalations',
          year: { dateColumn: 'raised', months: 'last-12' },
          by: ['level'],
          filters: [
            { column: 'team', values: ['North'], not: false },
            { column: 'stage', values: ['4'], not: true },
          ],
          unit: { one: 'escalation', many: 'escalations' },
          description: 'From the escalations log.',
          measures: [{ statistic: 'median', daysFrom: 'raised', daysTo: 'resolved' }],
        }),
        problems: ['The local pack "Escalations" uses the column level (counted by), which the table escalations no longer has.'],
      },
    ];
    render(<App api={api} mode="browser" initialView="local" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Edit Escalations' }));
    expect((screen.getByLabelText('Title') as HTMLInputElement).value).toBe('Escalations');
    expect((screen.getByLabelText('Columns') as HTMLSelectElement).value).toBe('last-12');
    expect((screen.getByLabelText('Figure 1') as HTMLSelectElement).value).toBe('days-median');
    // The column gone is chosen again; the rest comes back as it was.
    fireEvent.change(screen.getByLabelText('Count by'), { target: { value: 'stage' } });
    fireEvent.change(screen.getByLabelText('Title'), { target: { value: 'Escalations by stage' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save local pack' }));
    await screen.findByRole('status');
    expect(api.callsTo('localPacks.save')).toEqual([
      {
        spec: {
          id: 'local-escalations',
          title: 'Escalations by stage',
          table: 'escalations',
          year: { dateColumn: 'raised', months: 'last-12' },
          by: ['stage'],
          count: 'rows',
          filters: [
            { column: 'team', values: ['North'], not: false },
            { column: 'stage', values: ['4'], not: true },
          ],
          unit: { one: 'escalation', many: 'escalations' },
          measures: [{ statistic: 'median', daysFrom: 'raised', daysTo: 'resolved' }],
          description: 'From the escalations log.',
        },
      },
    ]);
  });

  it('counts by reporting month when asked, once a date column gives the period', async () => {
    const api = new FakeApi({ years: [2023, 2024] });
    render(<App api={api} mode="browser" initialView="local" />);
    fireEvent.change(await screen.findByLabelText('Title'), { target: { value: 'Escalations by month' } });
    expect(screen.queryByLabelText('Columns')).toBeNull();
    fireEvent.change(screen.getByLabelText('Year of each row'), { target: { value: 'raised' } });
    fireEvent.change(screen.getByLabelText('Columns'), { target: { value: 'last-12' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save local pack' }));
    await screen.findByRole('status');
    expect(api.callsTo('localPacks.save')[0]).toMatchObject({ spec: { year: { dateColumn: 'raised', months: 'last-12' } } });
  });

  it('makes ids from titles that are safe as pack ids', () => {
    expect(localPackId('Escalations: by stage (2023/24)!')).toBe('local-escalations-by-stage-2023-24');
    expect(localPackId('***')).toBe('local-table');
  });
});
