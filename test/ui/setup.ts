/**
 * Shared set-up for UI tests: Plotly is replaced by a recorder (happy-dom has no SVG layout
 * engine), so tests can assert which figure the app asked for.
 */
import { vi } from 'vitest';

export const plotted: { data: unknown[]; layout: Record<string, unknown> }[] = [];

vi.mock('plotly.js-dist-min', () => {
  const api = {
    react: (el: HTMLElement, data: unknown[], layout: Record<string, unknown>) => {
      plotted.push({ data, layout });
      el.setAttribute('data-plotted', String(data.length));
      return Promise.resolve(el);
    },
    purge: () => undefined,
    toImage: () => Promise.resolve('data:image/png;base64,iVBORw0KGgo='),
  };
  return { default: api, ...api };
});
