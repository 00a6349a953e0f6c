/**
 * Local packs: tables of the service's own data (escalations, caseloads...) built without SQL. A
 * person picks a local table, the date that places each row in a year, up to two columns to count
 * by, what to count and a filter; the pack is kept in the workspace and appears under "The IRO
 * service" in Packs and Export, like the built-in tables. Packs are shared as small JSON files.
 */
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { LocalPackInfo, LocalTableInfo, WorkbenchApi } from '../../../shared/api.js';
import { isDateType, isNumberType, type LocalMeasure, type LocalPackSpec, type LocalPackSpecInput } from '../../../shared/packs/local.js';
import { errorMessage } from '../api.js';
import { downloadBytes, fileSlug } from '../lib/download.js';
import { readBytes } from '../lib/files.js';


/** The figures a measure can be, as the builder offers them. */
const FIGURES = [
  { value: 'sum', label: 'Total of a number column' },
  { value: 'mean', label: 'Average of a number column' },
  { value: 'median', label: 'Median of a number column' },
  { value: 'days-mean', label: 'Average days between two dates' },
  { value: 'days-median', label: 'Median days between two dates' },
] as const;
type Figure = (typeof FIGURES)[number]['value'];

interface MeasureDraft {
  figure: Figure;
  column: string; // a number column
  from: string; // dates, for days between
  to: string;
}

/** At most this many figures besides the count (the spec's limit). */
const MAX_MEASURES = 3;

function measureOf(m: MeasureDraft): LocalMeasure | null {
  if (m.figure === 'days-mean' || m.figure === 'days-median') {
    return m.from && m.to ? { statistic: m.figure === 'days-mean' ? 'mean' : 'median', daysFrom: m.from, daysTo: m.to } : null;
  }
  return m.column ? { statistic: m.figure, column: m.column } : null;
}

/** "Escalations by stage" -> "local-escalations-by-stage". */
export function localPackId(title: string): string {
  return `local-${fileSlug(title) || 'table'}`;
}

interface Draft {
  title: string;
  table: string;
  year: string; // a date column, or '' for the imported year
  months: '' | 'latest-year' | 'last-12'; // columns by month rather than collection year
  by1: string;
  by2: string;
  distinct: string; // '' counts rows
  filterColumn: string;
  filterValues: string;
  filterNot: boolean;
  one: string;
  many: string;
  measures: MeasureDraft[];
  /** Editing a saved pack: its id (kept when the title changes), and what the form does not show. */
  editing: { id: string; description: string; moreFilters: LocalPackSpec['filters'] } | null;
}

const EMPTY: Draft = { title: '', table: '', year: '', months: '', by1: '', by2: '', distinct: '', filterColumn: '', filterValues: '', filterNot: false, one: 'row', many: 'rows', measures: [], editing: null };

export function specOf(d: Draft): LocalPackSpecInput {
  const filter = d.filterColumn && d.filterValues.trim() ? [{ column: d.filterColumn, values: d.filterValues.split(',').map((v) => v.trim()), not: d.filterNot }] : [];
  return {
    id: d.editing?.id ?? localPackId(d.title),
    title: d.title.trim(),
    table: d.table,
    year: d.year ? { dateColumn: d.year, ...(d.months ? { months: d.months } : {}) } : 'imported-year',
    by: [d.by1, d.by2].filter(Boolean),
    count: d.distinct ? { distinct: d.distinct } : 'rows',
    filters: [...filter, ...(d.editing?.moreFilters ?? [])],
    unit: { one: d.one.trim() || 'row', many: d.many.trim() || 'rows' },
    measures: d.measures.map(measureOf).filter((m): m is LocalMeasure => m !== null),
    ...(d.editing?.description ? { description: d.editing.description } : {}),
  };
}

/** A saved pack back in the form, to mend (a column renamed) or change; specOf gives it back whole. */
export function draftOf(spec: LocalPackSpec): Draft {
  const [first, ...moreFilters] = spec.filters;
  return {
    title: spec.title,
    table: spec.table,
    year: spec.year === 'imported-year' ? '' : spec.year.dateColumn,
    months: spec.year === 'imported-year' ? '' : (spec.year.months ?? ''),
    by1: spec.by[0] ?? '',
    by2: spec.by[1] ?? '',
    distinct: spec.count === 'rows' ? '' : spec.count.distinct,
    filterColumn: first?.column ?? '',
    filterValues: first?.values.join(', ') ?? '',
    filterNot: first?.not ?? false,
    one: spec.unit.one,
    many: spec.unit.many,
    measures: spec.measures.map((m) =>
      'column' in m
        ? { figure: m.statistic, column: m.column, from: '', to: '' }
        : { figure: m.statistic === 'mean' ? 'days-mean' : 'days-median', column: '', from: m.daysFrom, to: m.daysTo },
    ),
    editing: { id: spec.id, description: spec.description, moreFilters },
  };
}

function Field({ id, label, children }: { id: string; label: string; children: React.ReactNode }) {
  return (
    <div className="field-row">
      <label htmlFor={id}>{label}</label>
      {children}
    </div>
  );
}

/** One figure of the pack: what it is, and the number column or the two dates it is worked out from. */
function MeasureFields(props: {
  n: number;
  id: string;
  measure: MeasureDraft;
  columns: (filter?: (t: string) => boolean, none?: string) => React.ReactNode[];
  onChange: (m: MeasureDraft) => void;
  onRemove: () => void;
}) {
  const { n, id, measure: m, columns, onChange } = props;
  const days = m.figure === 'days-mean' || m.figure === 'days-median';
  return (
    <div className="local-measure">
      <Field id={`${id}-figure`} label={`Figure ${n}`}>
        <select id={`${id}-figure`} value={m.figure} onChange={(e) => onChange({ ...m, figure: e.target.value as Figure })}>
          {FIGURES.map((f) => (
            <option key={f.value} value={f.value}>
              {f.label}
            </option>
          ))}
        </select>
      </Field>
      {days ? (
        <>
          <Field id={`${id}-from`} label={`Figure ${n}: days from`}>
            <select id={`${id}-from`} value={m.from} onChange={(e) => onChange({ ...m, from: e.target.value })}>
              {columns(isDateType, 'Choose a date column')}
            </select>
          </Field>
          <Field id={`${id}-to`} label={`Figure ${n}: to`}>
            <select id={`${id}-to`} value={m.to} onChange={(e) => onChange({ ...m, to: e.target.value })}>
              {columns(isDateType, 'Choose a date column')}
            </select>
          </Field>
          <p className="hint">Rows with either date blank (an escalation still open) are left out of this figure.</p>
        </>
      ) : (
        <>
          <Field id={`${id}-column`} label={`Figure ${n}: of the column`}>
            <select id={`${id}-column`} value={m.column} onChange={(e) => onChange({ ...m, column: e.target.value })}>
              {columns(isNumberType, 'Choose a number column')}
            </select>
          </Field>
          <p className="hint">Only columns whose every value is a number are listed: a column with any text in it (n/a) is read as text.</p>
        </>
      )}
      <button type="button" className="button secondary small" onClick={props.onRemove}>
        Remove figure {n}
      </button>
    </div>
  );
}

export function LocalPacksView({ api, onPacksChanged }: { api: WorkbenchApi; onPacksChanged: () => void }) {
  const [tables, setTables] = useState<LocalTableInfo[] | null>(null);
  const [saved, setSaved] = useState<LocalPackInfo[]>([]);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const id = useId();

  const load = useCallback(async () => {
    try {
      const [t, s] = await Promise.all([api['localPacks.tables']({}), api['localPacks.list']({})]);
      setTables(t);
      setSaved(s);
      setDraft((d) => (d.table || t.length === 0 ? d : { ...d, table: t[0]!.table }));
    } catch (e) {
      setMessage({ ok: false, text: errorMessage(e) });
    }
  }, [api]);
  useEffect(() => void load(), [load]);

  const columns = useMemo(() => tables?.find((t) => t.table === draft.table)?.columns ?? [], [tables, draft.table]);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const setMeasure = (i: number, m: MeasureDraft | null) =>
    setDraft((d) => ({ ...d, measures: m === null ? d.measures.filter((_, k) => k !== i) : d.measures.map((x, k) => (k === i ? m : x)) }));

  async function save(spec: unknown, done: string) {
    setMessage(null);
    try {
      const out = await api['localPacks.save']({ spec });
      setMessage({ ok: true, text: `${done} "${out.spec.title}" is in Packs and Export, under The IRO service.` });
      await load();
      onPacksChanged();
    } catch (e) {
      setMessage({ ok: false, text: errorMessage(e) });
    }
  }

  async function remove(p: LocalPackInfo) {
    await api['localPacks.remove']({ id: p.spec.id });
    setMessage({ ok: true, text: `Removed "${p.spec.title}".` });
    await load();
    onPacksChanged();
  }

  function edit(p: LocalPackInfo) {
    setDraft(draftOf(p.spec));
    setMessage(null);
    // The form is above the list: take the person (and the screen reader) there.
    requestAnimationFrame(() => document.getElementById(`${id}-title`)?.focus());
  }

  function share(p: LocalPackInfo) {
    downloadBytes(new TextEncoder().encode(JSON.stringify(p.spec, null, 2) + '\n'), `${p.spec.id}.json`, 'application/json');
  }

  async function loadShared(files: FileList | null) {
    const file = files?.[0];
    if (!file) return;
    try {
      await save(JSON.parse(new TextDecoder().decode(await readBytes(file))) as unknown, 'Loaded.');
    } catch (e) {
      setMessage({ ok: false, text: `${file.name} is not a local pack file: ${errorMessage(e)}` });
    }
    if (fileInput.current) fileInput.current.value = '';
  }

  const columnOptions = (filter: (t: string) => boolean = () => true, none = '—') => [
    <option key="" value="">
      {none}
    </option>,
    ...columns.filter((c) => filter(c.type)).map((c) => (
      <option key={c.name} value={c.name}>
        {c.name}
      </option>
    )),
  ];

  return (
    <section aria-labelledby={`${id}-h`} className="local-packs">
      <h1 id={`${id}-h`} tabIndex={-1}>
        Local packs
      </h1>
      <p>
        Tables of your service's own data — an escalations log, an IRO caseload list, advocacy referrals — built without SQL. Import the
        spreadsheet on the Data page first (any CSV or Excel file that is not a 903 file becomes a local table), then choose what to count.
      </p>
      {message && (
        <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'message-ok' : 'message-error'}>
          {message.ok ? '' : 'Not saved: '}
          {message.text}
        </p>
      )}
      {tables && tables.length === 0 && <p role="status">No local tables yet: import your escalations log or caseload list on the Data page.</p>}
      {tables && tables.length > 0 && (
        <form
          className="local-builder"
          onSubmit={(e) => {
            e.preventDefault();
            void save(specOf(draft), 'Saved.');
          }}
        >
          <h2>{draft.editing ? `Change ${draft.title || 'the local pack'}` : 'New local pack'}</h2>
          <Field id={`${id}-title`} label="Title">
            <input id={`${id}-title`} required value={draft.title} onChange={(e) => set('title', e.target.value)} placeholder="Escalations by stage" />
          </Field>
          <Field id={`${id}-table`} label="Table">
            <select id={`${id}-table`} value={draft.table} onChange={(e) => setDraft({ ...EMPTY, title: draft.title, table: e.target.value, editing: draft.editing })}>
              {tables.map((t) => (
                <option key={t.table} value={t.table}>
                  {t.table} ({t.rows.toLocaleString('en-GB')} rows)
                </option>
              ))}
            </select>
          </Field>
          <Field id={`${id}-year`} label="Year of each row">
            <select id={`${id}-year`} value={draft.year} onChange={(e) => set('year', e.target.value)}>
              {columnOptions(isDateType, 'The year the table was imported for')}
            </select>
          </Field>
          {draft.year && (
            <Field id={`${id}-months`} label="Columns">
              <select id={`${id}-months`} value={draft.months} onChange={(e) => set('months', e.target.value as Draft['months'])}>
                <option value="">Collection years (1 April to 31 March)</option>
                <option value="latest-year">Months: April to the latest month, this collection year</option>
                <option value="last-12">Months: the last 12 months</option>
              </select>
            </Field>
          )}
          <p className="hint">A date column puts each row in the collection year (1 April to 31 March), or the month, its date falls in.</p>
          <Field id={`${id}-by1`} label="Count by">
            <select id={`${id}-by1`} value={draft.by1} onChange={(e) => set('by1', e.target.value)}>
              {columnOptions(() => true, 'Nothing (the total only)')}
            </select>
          </Field>
          <Field id={`${id}-by2`} label="and by">
            <select id={`${id}-by2`} value={draft.by2} disabled={!draft.by1} onChange={(e) => set('by2', e.target.value)}>
              {columnOptions()}
            </select>
          </Field>
          <Field id={`${id}-count`} label="Count">
            <select id={`${id}-count`} value={draft.distinct} onChange={(e) => set('distinct', e.target.value)}>
              <option value="">Every row</option>
              {columns.map((c) => (
                <option key={c.name} value={c.name}>
                  Each {c.name} once a {draft.year && draft.months ? 'month' : 'year'}
                </option>
              ))}
            </select>
          </Field>
          <fieldset>
            <legend>Figures besides the count (optional)</legend>
            {draft.distinct ? (
              <p className="hint">Totals, averages and medians are worked out over rows: choose Count: Every row to add one.</p>
            ) : (
              <>
                {draft.measures.map((m, i) => (
                  <MeasureFields key={i} n={i + 1} id={`${id}-m${i}`} measure={m} columns={columnOptions} onChange={(next) => setMeasure(i, next)} onRemove={() => setMeasure(i, null)} />
                ))}
                {draft.measures.length < MAX_MEASURES && (
                  <button type="button" className="button secondary small" onClick={() => set('measures', [...draft.measures, { figure: 'days-mean', column: '', from: '', to: '' }])}>
                    Add a figure (total, average, median, days between dates)
                  </button>
                )}
              </>
            )}
          </fieldset>
          <fieldset>
            <legend>Only rows where (optional)</legend>
            <Field id={`${id}-fcol`} label="Column">
              <select id={`${id}-fcol`} value={draft.filterColumn} onChange={(e) => set('filterColumn', e.target.value)}>
                {columnOptions()}
              </select>
            </Field>
            <Field id={`${id}-fval`} label={`${draft.filterNot ? 'is not' : 'is'} one of (separate values with commas)`}>
              <input id={`${id}-fval`} value={draft.filterValues} onChange={(e) => set('filterValues', e.target.value)} placeholder="Resolved, Withdrawn" />
            </Field>
            <label>
              <input type="checkbox" checked={draft.filterNot} onChange={(e) => set('filterNot', e.target.checked)} /> Leave these rows out instead
            </label>
          </fieldset>
          <Field id={`${id}-one`} label="One counted thing is a">
            <input id={`${id}-one`} value={draft.one} onChange={(e) => set('one', e.target.value)} />
          </Field>
          <Field id={`${id}-many`} label="Many are">
            <input id={`${id}-many`} value={draft.many} onChange={(e) => set('many', e.target.value)} />
          </Field>
          <button type="submit">Save local pack</button>
          {draft.editing && (
            <>
              {' '}
              <button type="button" onClick={() => setDraft({ ...EMPTY, table: draft.table })}>
                Start a new pack instead
              </button>
            </>
          )}
        </form>
      )}
      <h2>Saved local packs</h2>
      {saved.length === 0 && <p>None yet.</p>}
      {saved.length > 0 && (
        <ul className="local-saved">
          {saved.map((p) => (
            <li key={p.spec.id}>
              <strong>{p.spec.title}</strong> — {p.spec.table}
              {p.problems.length > 0 && (
                <p className="message-error">
                  <span aria-hidden="true">⚠ </span>Needs attention: {p.problems.join(' ')}
                </p>
              )}{' '}
              <button type="button" onClick={() => edit(p)}>
                Edit {p.spec.title}
              </button>{' '}
              <button type="button" onClick={() => share(p)}>
                Share (download .json)
              </button>{' '}
              <button type="button" onClick={() => void remove(p)}>
                Remove {p.spec.title}
              </button>
            </li>
          ))}
        </ul>
      )}
      <p>
        <label>
          Load a shared local pack (.json){' '}
          <input ref={fileInput} type="file" accept=".json,application/json" onChange={(e) => void loadShared(e.target.files)} />
        </label>
      </p>
    </section>
  );
}
