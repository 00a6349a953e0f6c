/**
 * Chart PNG / Chart SVG on the Packs page save the chart the user chooses: a local pack with
 * figures besides the count (average days...) has a chart each, and each can be saved.
 */
import './setup.js';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { Layout } from 'plotly.js-dist-min';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../renderer/src/App.js';
import { chartImage } from '../../renderer/src/components/PlotlyChart.js';
import { downloadBytes } from '../../renderer/src/lib/download.js';
import type { ApiRequest, PackSummary } from '../../shared/api.js';
import { chartGapSentence } from '../../shared/export/chartRows.js';
import { LOCAL_SECTION } from '../../shared/packs/local.js';
import { FIGURE_LABEL, LOCAL_FIGURES } from '../unit/export/fixtures.js';
import { FakeApi, FAKE_PACKS } from './fakeApi.js';

vi.mock('../../renderer/src/components/PlotlyChart.js', async (original) => ({
  ...(await original<typeof import('../../renderer/src/components/PlotlyChart.js')>()),
  chartImage: vi.fn(() => Promise.resolve('<svg/>')),
}));
vi.mock('../../renderer/src/lib/download.js', async (original) => ({
  ...(await original<typeof import('../../renderer/src/lib/download.js')>()),
  downloadBytes: vi.fn(),
}));

const FIGURES: PackSummary = { id: LOCAL_FIGURES.pack, title: LOCAL_FIGURES.title, section: LOCAL_SECTION, timing: 'flow', chart: 'grouped-bar' };

/** The fake workbench with a local pack of escalations by stage and their average days. */
class FiguresApi extends FakeApi {
  override async 'packs.list'(req: Record<string, never>): Promise<PackSummary[]> {
    await this.record('packs.list', req);
    return [...FAKE_PACKS, FIGURES];
  }
  override async 'pack.run'(req: ApiRequest<'pack.run'>) {
    if (req.id !== FIGURES.id) return super['pack.run'](req);
    await this.record('pack.run', req);
    return { result: LOCAL_FIGURES, commentary: [] };
  }
}

afterEach(() => {
  cleanup();
  vi.mocked(chartImage).mockClear();
  vi.mocked(downloadBytes).mockClear();
});

/** What the last Chart PNG / SVG saved: the chart's value-axis title, its bars by year, and the file name. */
function saved() {
  const [data, layout] = vi.mocked(chartImage).mock.lastCall!;
  const axis = (layout as Partial<Layout>).yaxis?.title;
  return {
    axis: typeof axis === 'object' ? axis.text : axis,
    bars: data.map((d) => [(d as { name: string }).name, (d as { y: (number | null)[] }).y]),
    file: vi.mocked(downloadBytes).mock.lastCall![1],
  };
}

describe('saving a chart from the Packs page', () => {
  it("offers each of a local pack's charts, and saves the one chosen: the counts', or a figure's", async () => {
    render(<App api={new FiguresApi({ years: [2023, 2024] })} mode="browser" />);
    fireEvent.click(await screen.findByRole('button', { name: LOCAL_FIGURES.title }));
    const choice = (await screen.findByRole('combobox', { name: 'Chart to save' })) as HTMLSelectElement;
    expect([...choice.options].map((o) => o.textContent)).toEqual(['Counts', FIGURE_LABEL]);

    fireEvent.click(screen.getByRole('button', { name: 'Chart SVG' }));
    await waitFor(() => expect(downloadBytes).toHaveBeenCalledTimes(1));
    expect(saved()).toEqual({
      axis: 'Number',
      bars: [
        ['2022/23', [6, 4]],
        ['2023/24', [7, 3]],
      ],
      file: `chart-${FIGURES.id}.svg`,
    });

    fireEvent.change(choice, { target: { value: '1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Chart PNG' }));
    await waitFor(() => expect(downloadBytes).toHaveBeenCalledTimes(2));
    // The figure's chart as drawn under the counts': days by stage and for all escalations, a gap where suppressed or without rows.
    expect(saved()).toEqual({
      axis: 'Days',
      bars: [
        ['2022/23', [null, 16, 16]],
        ['2023/24', [12.5, null, 13.6]],
      ],
      file: `chart-${FIGURES.id}-average-days-from-raised-to-resolved.png`,
    });
  });

  it('writes what a missing bar is into the saved image, in the words the Excel chart has', async () => {
    render(<App api={new FiguresApi({ years: [2023, 2024] })} mode="browser" />);
    fireEvent.click(await screen.findByRole('button', { name: LOCAL_FIGURES.title }));
    const choice = (await screen.findByRole('combobox', { name: 'Chart to save' })) as HTMLSelectElement;
    const captionOf = () => {
      const [, layout, , , height] = vi.mocked(chartImage).mock.lastCall!;
      const title = (layout as Partial<Layout>).title;
      return { text: typeof title === 'object' ? title.text : title, height, layout: layout as Partial<Layout> };
    };
    // The counts have no gap: saved as drawn, without a caption.
    fireEvent.click(screen.getByRole('button', { name: 'Chart PNG' }));
    await waitFor(() => expect(downloadBytes).toHaveBeenCalledTimes(1));
    expect(captionOf().text).toBeUndefined();
    // The figure's chart has a bar suppressed (c) and one without rows (-): the image says what both gaps are, under its plot.
    fireEvent.change(choice, { target: { value: '1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Chart SVG' }));
    await waitFor(() => expect(downloadBytes).toHaveBeenCalledTimes(2));
    const { text, height, layout } = captionOf();
    expect(text).toBe('A missing bar is a suppressed figure (c) or no figure (–), not 0.');
    expect(text).toBe(chartGapSentence('grouped-bar', { suppressed: true, none: true }));
    expect(layout.title).toMatchObject({ yref: 'container', y: 0, yanchor: 'bottom' });
    // Room for it under the plot, not over the axis: the image is taller by the caption's line.
    expect(height).toBe(layout.height);
    expect(layout.margin!.b).toBe(64 + 36);
  });

  it('offers no choice for a pack with one chart, and saves that chart', async () => {
    render(<App api={new FiguresApi({ years: [2023, 2024] })} mode="browser" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Age at 31 March' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Chart SVG' }));
    await waitFor(() => expect(downloadBytes).toHaveBeenCalledTimes(1));
    expect(screen.queryByRole('combobox', { name: 'Chart to save' })).toBeNull();
    expect(saved().file).toBe('chart-age.svg');
    expect(saved().axis).toBe('Number');
  });
});
