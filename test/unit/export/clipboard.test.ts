import { describe, expect, it } from 'vitest';
import { tableToHtml, tableToTsv } from '../../../shared/export/clipboard.js';
import type { ExportTable } from '../../../shared/export/types.js';
import { ETHNICITY_TABLE } from './fixtures.js';

/** Two years, a suppressed cell, a formula-like label, a total without percentages. */
const TINY: ExportTable = {
  result: {
    pack: 'tiny',
    title: 'Tiny table',
    definition: '',
    years: [2022, 2023],
    rows: [
      { key: 'a', label: 'Boys', group: null, values: { 2022: { count: 1200, percent: 60.0 }, 2023: { count: null, percent: null, suppressed: true } } },
      { key: 'b', label: '=SUM(A1)', group: null, values: { 2022: { count: 800, percent: 40.0 }, 2023: { count: 810, percent: 99.4 } } },
    ],
    total: { 2022: { count: 2000 }, 2023: { count: 815 } },
    notes: [],
  },
  commentary: [],
  timing: 'flow',
  chart: 'grouped-bar',
  section: '',
  rowHeading: 'Sex',
};

describe('TSV for pasting into Excel', () => {
  it('is the exact tab-separated table: raw numbers, c, an apostrophe before formula-like text', () => {
    // 810 - 800 = 10; 99.4 - 40 = 59.4 points; 815 - 2000 = -1185.
    expect(tableToTsv(TINY)).toBe(
      'Tiny table\r\n' +
        'Sex\t2021/22 Number\t2021/22 %\t2022/23 Number\t2022/23 %\tChange since 2021/22 Number\tChange since 2021/22 % points\r\n' +
        'Boys\t1200\t60\tc\tc\tc\tc\r\n' +
        "'=SUM(A1)\t800\t40\t810\t99.4\t10\t59.4\r\n" +
        'Total\t2000\t\t815\t\t-1185\t\r\n' +
        'c = suppressed to protect confidentiality.\r\n',
    );
  });

  it('adds a Group column when rows are grouped, and numbers the caption when asked', () => {
    const tsv = tableToTsv(ETHNICITY_TABLE, { number: 3 }).split('\r\n');
    expect(tsv[0]).toBe('Table 3: Ethnicity of children looked after at 31 March');
    expect(tsv[1]!.split('\t').slice(0, 3)).toEqual(['Group', 'Ethnicity', '31 March 2022 Number']);
    expect(tsv[2]).toBe('White\tWhite British\t401\t79.9\t409\t78.7\t8\t-1.2');
    expect(tsv[7]).toBe("\t'+44 unknown code\t6\t1.2\t45\t8.7\t39\t7.5");
  });

  it('says what was suppressed when copied with a threshold, even where no figure came out as c', () => {
    const none = structuredClone(TINY);
    none.result.rows[0]!.values = { '2022': { count: 1200, percent: 60 }, '2023': { count: 900, percent: 50 } };
    const legend = 'c = suppressed to protect confidentiality: a count from 1 to 5, or a figure from which one could be worked out.';
    expect(tableToTsv(none, { suppression: 5 }).split('\r\n').at(-2)).toBe(legend);
    expect(tableToHtml(none, { suppression: 5 })).toContain(legend);
    expect(tableToTsv(none)).not.toContain('suppressed');
  });

  it('keeps every row on one line even when a label holds a tab or newline', () => {
    const t = structuredClone(TINY);
    t.result.rows[0]!.label = 'Boys\tand\nyoung men';
    expect(tableToTsv(t).split('\r\n')[2]).toBe('Boys and young men\t1200\t60\tc\tc\tc\tc');
  });
});

describe('HTML for pasting into Word and Outlook', () => {
  it('is the exact table: caption, scoped headers, right-aligned figures, legend for c', () => {
    const P = 'padding:2px 6px;border:1px solid #b1b4b6;';
    const num = (v: string, bold = false) => `<td style="${P}text-align:right;${bold ? 'font-weight:bold;' : ''}">${v}</td>`;
    const sub = (v: string) => `<th scope="col" style="${P}text-align:right;">${v}</th>`;
    const group = (v: string) => `<th scope="colgroup" colspan="2" style="${P}text-align:center;">${v}</th>`;
    expect(tableToHtml(TINY, { suppression: 5 })).toBe(
      '<table style="border-collapse:collapse;font-family:Arial,sans-serif;font-size:10pt">' +
        '<caption style="text-align:left;font-weight:bold">Tiny table</caption>' +
        '<thead><tr>' +
        `<th scope="col" rowspan="2" style="${P}text-align:left;vertical-align:bottom;">Sex</th>` +
        group('2021/22') +
        group('2022/23') +
        group('Change since 2021/22') +
        '</tr><tr>' +
        sub('Number') +
        sub('%') +
        sub('Number') +
        sub('%') +
        sub('Number') +
        sub('% points') +
        '</tr></thead><tbody>' +
        `<tr><th scope="row" style="${P}text-align:left;font-weight:normal;">Boys</th>${num('1,200')}${num('60.0%')}${num('c')}${num('c')}${num('c')}${num('c')}</tr>` +
        `<tr><th scope="row" style="${P}text-align:left;font-weight:normal;mso-number-format:'\\@';">=SUM(A1)</th>${num('800')}${num('40.0%')}${num('810')}${num('99.4%')}${num('+10')}${num('+59.4')}</tr>` +
        `<tr><th scope="row" style="${P}text-align:left;">Total</th>${num('2,000', true)}${num('', true)}${num('815', true)}${num('', true)}${num('−1,185', true)}${num('', true)}</tr>` +
        '</tbody></table>' +
        '<p style="font-family:Arial,sans-serif;font-size:9pt">c = suppressed to protect confidentiality: a count from 1 to 5, or a figure from which one could be worked out.</p>',
    );
  });

  it('gives groups a heading row across the table and escapes markup', () => {
    const t = structuredClone(ETHNICITY_TABLE);
    t.result.rows[0]!.label = 'White <b>British</b> & "Irish"';
    const html = tableToHtml(t);
    expect(html).toContain('<tr><th scope="rowgroup" colspan="7" style="padding:2px 6px;border:1px solid #b1b4b6;text-align:left;">White</th></tr>');
    expect(html).toContain('>White &lt;b&gt;British&lt;/b&gt; &amp; &quot;Irish&quot;</th>');
    expect(html).not.toContain('<b>');
    // A group's parts are indented under its heading.
    expect(html).toContain('text-align:left;font-weight:normal;padding-left:18px;">White &lt;b&gt;');
  });

  it('sets a subtotal bold in place of its group heading', () => {
    const t = structuredClone(ETHNICITY_TABLE);
    t.result.rows.unshift({ key: 'white', label: 'White', group: 'White', subtotal: true, values: { 2022: { count: 422, percent: 84.1 }, 2023: { count: 433, percent: 83.3 } } });
    const html = tableToHtml(t);
    expect(html).not.toContain('scope="rowgroup" colspan="7" style="padding:2px 6px;border:1px solid #b1b4b6;text-align:left;">White</th>');
    expect(html).toContain('<tr><th scope="row" style="padding:2px 6px;border:1px solid #b1b4b6;text-align:left;">White</th><td style="padding:2px 6px;border:1px solid #b1b4b6;text-align:right;font-weight:bold;">422</td>');
  });
});
