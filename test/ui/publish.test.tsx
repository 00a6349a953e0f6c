import './setup.js';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../renderer/src/App.js';
import { FakeApi, fakeCount } from './fakeApi.js';

// What the Packs page puts on the clipboard (happy-dom has no clipboard to read back).
const copied = vi.hoisted(() => [] as { html: string; text: string }[]);
vi.mock('../../renderer/src/lib/clipboard.js', () => ({
  copyHtmlAndText: (html: string, text: string) => {
    copied.push({ html, text });
    return Promise.resolve(true);
  },
}));

afterEach(() => {
  cleanup();
  copied.length = 0;
});

const YEARS = [2023, 2024];

describe('figures leaving the app from the Packs page', () => {
  it('are suppressed at the threshold in the N box even with the screen unsuppressed, and say so', async () => {
    const small = YEARS.filter((y) => fakeCount('legal-status', 'L1', y) > 0 && fakeCount('legal-status', 'L1', y) <= 5);
    expect(small.length).toBeGreaterThan(0); // the fixture has a small number to protect
    const api = new FakeApi({ years: YEARS });
    const { container } = render(<App api={api} mode="browser" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Legal status at 31 March' }));
    const shown = (y: number) => container.querySelector(`[data-testid=pack-grid] tr[data-row="L1"] [data-part="y${y}-count"]`)?.textContent;
    await waitFor(() => expect(shown(small[0]!)).toBe(String(fakeCount('legal-status', 'L1', small[0]!))));
    expect(screen.getByTestId('published-suppression').textContent).toBe('Copies, exports and chart images are suppressed (1 to 5 shown as c), although the screen is not.');

    fireEvent.click(screen.getByRole('button', { name: 'Copy table' }));
    await waitFor(() => expect(copied).toHaveLength(1));
    const l1 = copied[0]!.text.split('\r\n').find((line) => line.startsWith('L1 Police protection'))!;
    const cells = l1.split('\t');
    for (const y of small) expect(cells[1 + 2 * YEARS.indexOf(y)]).toBe('c');
    expect(copied[0]!.text).toContain('c = suppressed to protect confidentiality: a count from 1 to 5');
    expect(copied[0]!.html).toContain('c = suppressed to protect confidentiality: a count from 1 to 5');
    expect(await screen.findByText('Table copied. Small numbers suppressed (1 to 5 shown as c). Paste it into Word or Excel.')).toBeTruthy();
    // The screen stays as chosen.
    expect(shown(small[0]!)).toBe(String(fakeCount('legal-status', 'L1', small[0]!)));

    fireEvent.click(screen.getByRole('button', { name: 'Export to Excel' }));
    await waitFor(() => expect(api.callsTo('export.xlsx')).toHaveLength(1));
    expect(api.callsTo('export.xlsx')[0]).toMatchObject({ packs: ['legal-status'], suppress: 5 });
    // The export draws the chart (the full report's renderer, every segment labelled), of the years on screen: no screen image is sent.
    expect(api.callsTo('export.xlsx')[0]).toMatchObject({ chartYears: { 'legal-status': YEARS } });
    expect(api.callsTo('export.xlsx')[0]).not.toHaveProperty('charts');
    expect(api.callsTo('export.xlsx')[0]).not.toHaveProperty('chartsDrawn');
  });

  it('follow the screen threshold when the screen is suppressed', async () => {
    const api = new FakeApi({ years: YEARS });
    render(<App api={api} mode="browser" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Legal status at 31 March' }));
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Suppress 1 to' }));
    fireEvent.change(screen.getByRole('spinbutton', { name: 'Largest count to suppress' }), { target: { value: '10' } });
    expect(screen.getByTestId('published-suppression').textContent).toBe('Copies, exports and chart images are suppressed (1 to 10 shown as c), as the screen is.');
    await waitFor(() => expect(api.callsTo('pack.run').at(-1)).toEqual({ id: 'legal-status', suppress: 10 }));
    fireEvent.click(screen.getByRole('button', { name: 'Copy table' }));
    await waitFor(() => expect(copied).toHaveLength(1));
    expect(copied[0]!.text).toContain('a count from 1 to 10');
  });
});
