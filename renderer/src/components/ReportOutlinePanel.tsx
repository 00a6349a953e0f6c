/**
 * The draft report on the Export page: the outline (title, the order of headings,
 * narrative placeholders and tables), edited here and kept in the workspace so next year's
 * report is the same click, and the Word document or Excel workbook made from it.
 */
import { useEffect, useId, useState } from 'react';
import type { PackSummary, WorkbenchApi } from '../../../shared/api.js';
import type { ReportOutline } from '../../../shared/export/reportOutline.js';
import { errorMessage } from '../api.js';
import { downloadBytes, MIME } from '../lib/download.js';
import { formatBytes } from '../lib/format.js';

type Item = ReportOutline['items'][number];

function itemText(item: Item, packs: PackSummary[]): string {
  if ('heading' in item) return `Heading: ${item.heading}`;
  if ('narrative' in item) return `Text: ${item.narrative}`;
  return `Table: ${packs.find((p) => p.id === item.pack)?.title ?? `${item.pack} (no longer available)`}`;
}

export function ReportOutlinePanel({ api, packs, suppress, disabled }: { api: WorkbenchApi; packs: PackSummary[]; suppress: number | null; disabled: boolean }) {
  const [outline, setOutline] = useState<ReportOutline | null>(null);
  const [heading, setHeading] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const ids = { title: useId(), heading: useId() };

  useEffect(() => {
    api['report.outline']({}).then(setOutline, (e: unknown) => setMessage({ ok: false, text: errorMessage(e) }));
  }, [api]);
  if (!outline) return null;

  const items = outline.items;
  const setItems = (next: Item[]) => setOutline({ ...outline, items: next });
  const move = (i: number, by: -1 | 1) => {
    const next = [...items];
    [next[i], next[i + by]] = [next[i + by]!, next[i]!];
    setItems(next);
  };

  async function save(): Promise<boolean> {
    try {
      setOutline(await api['report.saveOutline']({ outline }));
      return true;
    } catch (e) {
      setMessage({ ok: false, text: `The outline was not saved: ${errorMessage(e)}` });
      return false;
    }
  }

  async function download(format: 'docx' | 'xlsx') {
    setMessage(null);
    if (!(await save())) return;
    setBusy(`Building the draft report as ${format === 'docx' ? 'a Word document' : 'an Excel workbook'} (charts are drawn for every table: this takes a little while)…`);
    try {
      const out = await api[format === 'docx' ? 'report.docx' : 'report.xlsx']({ suppress });
      downloadBytes(out.data, out.fileName, MIME[format]);
      setMessage({ ok: true, text: `Saved ${out.fileName} (${formatBytes(out.data.byteLength)}). The outline is kept for next year.` });
    } catch (e) {
      setMessage({ ok: false, text: `The report was not made: ${errorMessage(e)}` });
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="panel report-outline" aria-labelledby="report-heading">
      <h2 id="report-heading">Draft report</h2>
      <p className="hint">
        One Word document in this order: a title page, a contents page, each section with a placeholder for your narrative, the tables and charts numbered
        as Word numbers captions, and one appendix of definitions and sources. Or the same tables as one Excel workbook: a contents sheet in this order
        linking to a sheet per table (numbered as in the Word report, with its chart and the chart&apos;s data), and a sheet of sources and definitions.
      </p>
      <div className="field-row">
        <label htmlFor={ids.title}>Title</label>
        <input id={ids.title} value={outline.title} onChange={(e) => setOutline({ ...outline, title: e.target.value })} />
      </div>
      <p className="hint">The organisation&apos;s name, logo, colours and font come from the House style page.</p>
      <ol className="outline-items">
        {items.map((item, i) => {
          const text = itemText(item, packs);
          return (
            <li key={i} className={'heading' in item ? 'outline-heading' : undefined}>
              <span>{text}</span>{' '}
              <button type="button" className="button link" disabled={i === 0} onClick={() => move(i, -1)} aria-label={`Move up: ${text}`}>
                Up
              </button>
              <button type="button" className="button link" disabled={i === items.length - 1} onClick={() => move(i, 1)} aria-label={`Move down: ${text}`}>
                Down
              </button>
              <button type="button" className="button link" onClick={() => setItems(items.filter((_, k) => k !== i))} aria-label={`Remove: ${text}`}>
                Remove
              </button>
            </li>
          );
        })}
      </ol>
      <div className="field-row">
        <label htmlFor={ids.heading}>New section heading</label>
        <input id={ids.heading} value={heading} onChange={(e) => setHeading(e.target.value)} />
        <button
          type="button"
          className="button"
          disabled={!heading.trim()}
          onClick={() => {
            setItems([...items, { heading: heading.trim() }, { narrative: `[Write here about: ${heading.trim()}.]` }]);
            setHeading('');
          }}
        >
          Add at the end
        </button>
      </div>
      <div className="button-row">
        <button type="button" className="button" onClick={() => void save().then((ok) => ok && setMessage({ ok: true, text: 'Outline saved.' }))}>
          Save outline
        </button>
        <button type="button" className="button primary" disabled={disabled || busy !== null} onClick={() => void download('docx')}>
          Download draft report (.docx)
        </button>
        <button type="button" className="button primary" disabled={disabled || busy !== null} onClick={() => void download('xlsx')}>
          Download as one workbook (.xlsx)
        </button>
      </div>
      {busy && <p role="status">{busy}</p>}
      {message && (
        <p className={message.ok ? 'outcome success' : 'outcome failure'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
    </section>
  );
}
