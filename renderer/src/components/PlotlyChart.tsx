/**
 * The Plotly wrapper (about 15 lines of substance, instead of react-plotly.js). Plotly is loaded
 * lazily in its own chunk so the first screen does not wait for 4.8 MB of charting code.
 * The mode bar is off (its buttons are not keyboard-friendly; export has its own buttons), so the
 * plot is a picture with a text alternative; the table beside it holds the same figures.
 */
import { useEffect, useRef } from 'react';
import type { Data, Layout } from 'plotly.js-dist-min';

type PlotlyModule = typeof import('plotly.js-dist-min');
let plotly: Promise<PlotlyModule> | null = null;
export function loadPlotly(): Promise<PlotlyModule> {
  plotly ??= import('plotly.js-dist-min').then((m) => ((m as unknown as { default?: PlotlyModule }).default ?? m) as PlotlyModule);
  return plotly;
}

export const PLOT_CONFIG = { displaylogo: false, displayModeBar: false, responsive: true, scrollZoom: false } as const;

/**
 * drawnFor: set as data-drawn-for once drawn, so a test or benchmark can tell which chart is on
 * screen. hidden: kept drawn but not shown (resized if the window changed meanwhile).
 */
export function PlotlyChart({
  data,
  layout,
  height,
  label,
  testId,
  drawnFor,
  hidden = false,
}: {
  data: Data[];
  layout: Partial<Layout>;
  height: number;
  label: string;
  testId?: string;
  drawnFor?: string;
  hidden?: boolean;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const drawnWidth = useRef(0);
  useEffect(() => {
    const el = ref.current;
    if (hidden || !el || !drawnWidth.current || el.clientWidth === drawnWidth.current) return;
    drawnWidth.current = el.clientWidth;
    void loadPlotly().then((P) => P.Plots.resize(el));
  }, [hidden]);
  useEffect(() => {
    let live = true;
    // Drawn after the next paint, so the table above shows first; Plotly.react then redraws the
    // same plot in place (no new plot per pack).
    const frame = requestAnimationFrame(() =>
      setTimeout(() => {
        void loadPlotly().then((P) => {
          const el = ref.current;
          if (!live || !el) return;
          drawnWidth.current = el.clientWidth;
          void P.react(el, data, { ...layout, height }, PLOT_CONFIG).then(() => {
            if (live && drawnFor !== undefined) el.dataset.drawnFor = drawnFor;
          });
        });
      }, 0),
    );
    return () => {
      live = false;
      cancelAnimationFrame(frame);
    };
  }, [data, layout, height, drawnFor]);
  useEffect(() => {
    const el = ref.current;
    return () => {
      if (el) void loadPlotly().then((P) => P.purge(el));
    };
  }, []);
  return <div ref={ref} className="chart" role="img" aria-label={label} data-testid={testId} hidden={hidden} style={{ minHeight: height }} />;
}

/**
 * A chart as an image file, drawn off-screen: PNG bytes, or SVG text (for slides that scale it).
 * Plotly gives a data URL: base64 for PNG, URI-encoded text for SVG.
 */
export async function chartImage(data: Data[], layout: Partial<Layout>, format: 'png' | 'svg', width = 1000, height = 500, scale = 1): Promise<Uint8Array | string> {
  const P = await loadPlotly();
  const url = await P.toImage({ data, layout: { ...layout, width, height } } as never, { format, width, height, scale });
  const body = url.slice(url.indexOf(',') + 1);
  if (format === 'svg') return /;base64,/.test(url.slice(0, url.indexOf(',') + 1)) ? atob(body) : decodeURIComponent(body);
  const bin = atob(body);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
