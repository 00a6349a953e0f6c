/**
 * DfE's published comparators under a pack's table: for each row a published measure matches, the
 * authority's figure from its returns (marked ! where it differs from the published one), its
 * published figure, England, its region and its neighbours, year by year; and, for rates and
 * percentages, a line chart of the same.
 */
import type { Data } from 'plotly.js-dist-min';
import { comparatorRows, comparatorSource, type ComparatorSeries, type PackComparators as Comparators } from '../../../shared/ees/packComparators.js';
import type { PackSummary } from '../../../shared/api.js';
import type { ChartLook } from '../../../shared/export/chartSvg.js';
import { yearLabel } from '../lib/format.js';
import { useChartLook } from '../lib/houseStyle.js';
import { chartFont } from '../lib/packChart.js';
import { PlotlyChart } from './PlotlyChart.js';

/** Lines told apart by dash and marker as well as colour (colour is never the only cue). */
const LINE_STYLES = ['solid', 'dash', 'dot', 'dashdot', 'longdash', 'longdashdot'] as const;
const MARKERS = ['circle', 'square', 'diamond', 'triangle-up', 'x', 'cross'] as const;

/** The comparator chart's lines (medians left to the table), in the house colours in order, as the pack's own chart. */
export function comparatorLines(comparators: Comparators, s: ComparatorSeries, years: number[], timing: PackSummary['timing'], look: ChartLook): Data[] {
  return comparatorRows(comparators, s)
    .filter((r) => !/median/.test(r.label))
    .map((r, i) => {
      const colour = look.palette[i % look.palette.length]!;
      return {
        type: 'scatter',
        mode: 'lines+markers',
        name: r.label,
        x: years.map((y) => yearLabel(y, timing)),
        y: years.map((y) => (s.byYear[String(y)] ? r.pick(s.byYear[String(y)]!).num : null)),
        line: { color: colour, dash: LINE_STYLES[i % LINE_STYLES.length]! },
        marker: { color: colour, symbol: MARKERS[i % MARKERS.length]! },
      };
    });
}

export function PackComparators({ comparators, years, timing }: { comparators: Comparators; years: number[]; timing: PackSummary['timing'] }) {
  const look = useChartLook();
  return (
    <section className="pack-comparators" aria-labelledby="comparators-heading" data-testid="pack-comparators">
      <h3 id="comparators-heading">How we compare</h3>
      {comparators.sampleData && (
        <p className="notice sample-data" role="note">
          <strong>Sample data.</strong> The figures from the returns are the bundled synthetic sample, not {comparators.authority}'s own.
        </p>
      )}
      {comparators.series.map((s) => {
        const rows = comparatorRows(comparators, s);
        const charted = s.unit !== 'count';
        const data = comparatorLines(comparators, s, years, timing, look);
        return (
          <div key={s.measure} className="comparator-series" data-measure={s.measure}>
            <div className="table-scroll">
              <table className="compare-table">
                <caption>{s.label}</caption>
                <thead>
                  <tr>
                    <th scope="col">Source</th>
                    {years.map((y) => (
                      <th key={y} scope="col" className="num">
                        {yearLabel(y, timing)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.label}>
                      <th scope="row">{r.label}</th>
                      {years.map((y) => {
                        const v = s.byYear[String(y)];
                        const cell = v ? r.pick(v) : { text: '-', num: null };
                        return <FigureCell key={y} text={cell.text} flag={cell.flag === true} numeric />;
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {charted && (
              <PlotlyChart
                data={data}
                layout={{ font: { family: chartFont(look) }, margin: { t: 16, r: 16, b: 40, l: 48 }, legend: { orientation: 'h', y: -0.25 }, yaxis: { rangemode: 'tozero', title: { text: s.unit === 'rate' ? 'per 10,000 children' : '%' } } }}
                height={300}
                label={`Line chart of ${s.label.toLowerCase()}: ${rows.filter((r) => !/median/.test(r.label)).map((r) => r.label).join(', ')}, by year. The figures are in the table above.`}
              />
            )}
          </div>
        );
      })}
      <p className="muted">{comparatorSource(comparators)}</p>
    </section>
  );
}

/** A figure; one from the returns that differs from DfE's published figure is marked !, and says so in words. */
export function FigureCell({ text, flag, numeric }: { text: string; flag: boolean; numeric: boolean }) {
  return (
    <td className={`${numeric ? 'num' : ''}${flag ? ' differs' : ''}`}>
      {text}
      {flag && (
        <>
          {' '}
          <span aria-hidden="true">!</span>
          <span className="visually-hidden">(differs from the published figure)</span>
        </>
      )}
    </td>
  );
}
