import './setup.js';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/App.js';
import { comparatorLines, PackComparators } from '../../renderer/src/components/PackComparators.js';
import type { PackComparators as Comparators } from '../../shared/ees/packComparators.js';
import { FakeApi } from './fakeApi.js';

afterEach(cleanup);

describe('How we compare', () => {
  it('chooses the authority, then shows own, published, England, region and neighbours with the sample-data warning', async () => {
    const api = new FakeApi({ years: [2023, 2024] });
    const { container } = render(<App api={api} mode="browser" initialView="compare" />);
    await screen.findByRole('heading', { name: 'How we compare', level: 1 });
    // The published files are listed with the licence, before any authority is chosen.
    await screen.findByRole('rowheader', { name: 'cla_number_and_rate_per_10k_children.csv' });
    expect(screen.getByText(/Open Government Licence v3\.0/)).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Authority (name or code)'), { target: { value: 'Nowhere' } });
    fireEvent.click(screen.getByRole('button', { name: 'Compare' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/No authority called "Nowhere"/);

    fireEvent.change(screen.getByLabelText('Authority (name or code)'), { target: { value: 'Gateshead' } });
    fireEvent.click(screen.getByRole('button', { name: 'Compare' }));
    const table = await screen.findByRole('table', { name: 'How Gateshead compares' });
    expect(api.callsTo('benchmarks.setAuthority')).toContainEqual({ authority: 'Gateshead', comparators: null });
    const row = container.querySelector('tr[data-measure="cla-rate"]')!;
    const cells = within(row as HTMLElement).getAllByRole('cell').map((c) => c.textContent);
    // Year, own (132.2 rounds to 132: no difference flagged), published, England, region (a symbol, kept), neighbours mean, median, rank.
    expect(cells.slice(0, 8)).toEqual(['31 March 2024', '132', '132', '69', 'c', '130.0', '130.0', '2 of 3']);
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toContain('North East');
    // The rank's header may wrap after "Rank", never inside "(1 = highest)" (no-break spaces).
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toContain('Rank (1\u00a0=\u00a0highest)');
    expect(screen.getByRole('note').textContent).toMatch(/Sample data.*synthetic sample returns/);
    expect(screen.getByText(/Gateshead 132 \(published\), above England \(69\)/)).toBeTruthy();

    // Each year is labelled for what DfE published for it: 2024 snapshots only, 2023 flows and snapshots.
    expect(within(screen.getByLabelText('Year')).getAllByRole('option').map((o) => o.textContent)).toEqual(['31 March 2024', '2022/23 (31 March 2023)']);
    // An earlier year: the own figure that differs from the published one is marked, in words too.
    fireEvent.change(screen.getByLabelText('Year'), { target: { value: '2023' } });
    await waitFor(() => expect(container.querySelector('tr[data-measure="cla-rate"] td.differs')?.textContent).toBe('60 !(differs from the published figure)'));
  });

  it('runs the packs again after the authority changes, so their comparators follow it', async () => {
    const api = new FakeApi({ years: [2024] });
    render(<App api={api} mode="browser" />);
    await waitFor(() => expect(api.callsTo('pack.run')).toHaveLength(1));
    fireEvent.click(screen.getByRole('button', { name: /How we compare/ }));
    fireEvent.change(await screen.findByLabelText('Authority (name or code)'), { target: { value: 'Gateshead' } });
    fireEvent.click(screen.getByRole('button', { name: 'Compare' }));
    await screen.findByRole('table', { name: 'How Gateshead compares' });
    fireEvent.click(screen.getByRole('button', { name: /^Packs/ }));
    await waitFor(() => expect(api.callsTo('pack.run')).toHaveLength(2));
  });

  it('exports the comparison to Excel and Word for the year shown', async () => {
    const api = new FakeApi({ years: [2024] });
    await api['benchmarks.setAuthority']({ authority: 'Gateshead' });
    render(<App api={api} mode="browser" initialView="compare" />);
    await screen.findByRole('table', { name: 'How Gateshead compares' });
    fireEvent.click(screen.getByRole('button', { name: 'Excel' }));
    await screen.findByText('Saved how-we-compare.xlsx.');
    fireEvent.click(screen.getByRole('button', { name: 'Word' }));
    await screen.findByText('Saved how-we-compare.docx.');
    expect(api.callsTo('benchmarks.xlsx')).toEqual([{ year: 2024 }]);
    expect(api.callsTo('benchmarks.docx')).toEqual([{ year: 2024 }]);
  });
});

describe('comparators under a pack', () => {
  const comparators: Comparators = {
    authority: 'Gateshead',
    region: 'North East',
    group: 'statistical neighbours',
    sampleData: true,
    attribution: 'Contains public sector information licensed under the Open Government Licence v3.0.',
    series: [
      {
        measure: 'cla-rate',
        label: 'Looked after on 31 March, per 10,000 children',
        unit: 'rate',
        rowKey: 'at-31-march',
        byYear: {
          '2023': { own: 120.2, published: { text: '133', num: 133 }, differs: true, england: { text: '71', num: 71 }, region: { text: 'x', num: null }, neighboursMean: 110.44, neighboursMedian: 109 },
          '2024': { own: 131.6, published: { text: '132', num: 132 }, differs: false, england: { text: '69', num: 69 }, region: { text: '113', num: 113 }, neighboursMean: 111.1, neighboursMedian: 111 },
        },
      },
    ],
  };

  it('shows each source by year, symbols as published, a differing own figure marked in words, and a line chart', async () => {
    const { container } = render(<PackComparators comparators={comparators} years={[2023, 2024]} timing="snapshot" />);
    const table = screen.getByRole('table', { name: 'Looked after on 31 March, per 10,000 children' });
    const rows = within(table).getAllByRole('row').map((r) => Array.from(r.querySelectorAll('th,td')).map((c) => c.textContent));
    expect(rows).toEqual([
      ['Source', '31 March 2023', '31 March 2024'],
      ['Gateshead, from the returns (sample data)', '120 !(differs from the published figure)', '132'],
      ['Gateshead, published by DfE', '133', '132'],
      ['England', '71', '69'],
      ['North East', 'x', '113'],
      ['Statistical neighbours (mean)', '110.4', '111.1'],
      ['Statistical neighbours (median)', '109.0', '111.0'],
    ]);
    expect(screen.getByRole('note').textContent).toMatch(/Sample data/);
    expect(screen.getByText(/Open Government Licence/)).toBeTruthy();
    await waitFor(() => expect(container.querySelector('.chart')).toBeTruthy());
  });

  it("draws the chart's lines in the house chart colours in order, each with its own dash and marker", () => {
    const look = { palette: ['#112233', '#445566', '#778899'], font: 'Verdana' };
    const lines = comparatorLines(comparators, comparators.series[0]!, [2023, 2024], 'snapshot', look) as { name: string; line: { color: string; dash: string }; marker: { color: string; symbol: string } }[];
    expect(lines.map((l) => [l.name, l.line.color, l.marker.color])).toEqual([
      ['Gateshead, from the returns (sample data)', '#112233', '#112233'],
      ['Gateshead, published by DfE', '#445566', '#445566'],
      ['England', '#778899', '#778899'],
      ['North East', '#112233', '#112233'],
      ['Statistical neighbours (mean)', '#445566', '#445566'],
    ]);
    // Colour repeats after the palette, so dash and marker tell every line apart.
    expect(new Set(lines.map((l) => `${l.line.dash} ${l.marker.symbol}`)).size).toBe(lines.length);
  });
});
