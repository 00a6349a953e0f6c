/**
 * House style: the organisation's name, logo, heading colour, chart colours and font, set once and
 * kept in the workspace. The charts on screen and every export use them. A colour that fails WCAG
 * 2.2 AA contrast is flagged here with its ratio and a shade that passes (it can still be kept:
 * patterns, markers and value labels stay, so colour is never the only cue).
 */
import { useEffect, useId, useMemo, useState } from 'react';
import type { WorkbenchApi } from '../../../shared/api.js';
import { contrastProblems, contrastRatio, DEFAULT_HOUSE_STYLE, HOUSE_FONTS, WHITE, type HouseStyle, type HouseStyleInfo } from '../../../shared/export/houseStyle.js';
import { errorMessage } from '../api.js';

type LogoChange = { name: string; data: Uint8Array } | null | undefined;

const MIME = { png: 'image/png', jpg: 'image/jpeg' } as const;

/** A preview address for logo bytes, revoked when they change. */
function useObjectUrl(data: Uint8Array | null, type: string): string | null {
  const url = useMemo(() => (data ? URL.createObjectURL(new Blob([data as BlobPart], { type })) : null), [data, type]);
  useEffect(() => () => void (url && URL.revokeObjectURL(url)), [url]);
  return url;
}

export function HouseStyleView({ api, info, onSaved }: { api: WorkbenchApi; info: HouseStyleInfo | null; onSaved: (info: HouseStyleInfo) => void }) {
  const [style, setStyle] = useState<HouseStyle>(info?.style ?? DEFAULT_HOUSE_STYLE);
  const [logo, setLogo] = useState<LogoChange>(undefined);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = { org: useId(), logo: useId(), font: useId(), heading: useId() };

  useEffect(() => {
    if (info) setStyle(info.style);
  }, [info]);

  const problems = useMemo(() => contrastProblems(style), [style]);
  const shownLogo = logo === undefined ? (info?.logo ?? null) : logo;
  const logoType = logo ? (/\.jpe?g$/i.test(logo.name) ? MIME.jpg : MIME.png) : info?.logo ? MIME[info.logo.type] : MIME.png;
  const logoUrl = useObjectUrl(shownLogo?.data ?? null, logoType);

  const setPalette = (palette: string[]) => setStyle({ ...style, palette });
  const setColour = (what: 'heading' | number, colour: string) => {
    const value = colour.toUpperCase();
    if (what === 'heading') setStyle({ ...style, heading: value });
    else setPalette(style.palette.map((c, i) => (i === what ? value : c)));
  };

  async function chooseLogo(file: File | undefined) {
    if (!file) return;
    setLogo({ name: file.name, data: new Uint8Array(await file.arrayBuffer()) });
  }

  async function save() {
    setBusy(true);
    setMessage(null);
    try {
      const saved = await api['style.save']({ style, ...(logo !== undefined ? { logo } : {}) });
      setLogo(undefined);
      onSaved(saved);
      setMessage({ ok: true, text: saved.problems.length ? `House style saved, with ${saved.problems.length} contrast warning${saved.problems.length === 1 ? '' : 's'} (see above).` : 'House style saved. Charts and exports use it from now on.' });
    } catch (e) {
      setMessage({ ok: false, text: `The house style was not saved: ${errorMessage(e)}` });
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <h1 tabIndex={-1}>House style</h1>
      <p className="lead">Your organisation&apos;s name, logo, colours and font, set once for this workspace: the charts here and every Excel and Word export use them.</p>

      <section className="panel house-style" aria-labelledby="house-identity-heading">
        <h2 id="house-identity-heading">Name and logo</h2>
        <div className="field-row">
          <label htmlFor={ids.org}>Organisation name</label>
          <input id={ids.org} className="organisation" value={style.organisation} maxLength={200} onChange={(e) => setStyle({ ...style, organisation: e.target.value })} />
        </div>
        <p className="hint">On the title page of the draft report and its workbook&apos;s contents sheet.</p>
        <div className="field-row">
          <label htmlFor={ids.logo}>Logo (PNG or JPEG, at most 2 MB)</label>
          <input id={ids.logo} type="file" accept=".png,.jpg,.jpeg,image/png,image/jpeg" onChange={(e) => void chooseLogo(e.target.files?.[0])} />
          {shownLogo && (
            <button type="button" className="button link" onClick={() => setLogo(null)}>
              Remove the logo
            </button>
          )}
        </div>
        {logoUrl ? <img className="logo-preview" src={logoUrl} alt={`Logo of ${style.organisation || 'the organisation'}`} /> : <p className="hint">No logo: the title page has the name only.</p>}
      </section>

      <section className="panel house-style" aria-labelledby="house-look-heading">
        <h2 id="house-look-heading">Font and colours</h2>
        <div className="field-row">
          <label htmlFor={ids.font}>Font</label>
          <select id={ids.font} value={style.font} onChange={(e) => setStyle({ ...style, font: e.target.value as HouseStyle['font'] })}>
            {HOUSE_FONTS.map((f) => (
              <option key={f}>{f}</option>
            ))}
          </select>
          <span style={{ fontFamily: `"${style.font}", sans-serif` }}>The quick brown fox: 1,234 children (45.6%)</span>
        </div>
        <div className="field-row">
          <label htmlFor={ids.heading}>Heading colour</label>
          <input id={ids.heading} type="color" value={style.heading.toLowerCase()} onChange={(e) => setColour('heading', e.target.value)} />
          <span style={{ color: style.heading, fontWeight: 700, fontSize: '1.2rem' }}>Children looked after</span>
          <span className="hint">{contrastRatio(style.heading, WHITE).toFixed(2)}:1 against white (text needs 4.5:1)</span>
        </div>
        <fieldset className="checks">
          <legend>Chart colours, in the order series are drawn</legend>
          <ol className="palette-list">
            {style.palette.map((colour, i) => (
              <li key={i} className="field-row">
                <input type="color" aria-label={`Chart colour ${i + 1}`} value={colour.toLowerCase()} onChange={(e) => setColour(i, e.target.value)} />
                <code>{colour}</code>
                <span className="hint">{contrastRatio(colour, WHITE).toFixed(2)}:1 against white</span>
                <button type="button" className="button link" disabled={style.palette.length <= 2} onClick={() => setPalette(style.palette.filter((_, k) => k !== i))} aria-label={`Remove chart colour ${i + 1}`}>
                  Remove
                </button>
              </li>
            ))}
          </ol>
          <button type="button" className="button" disabled={style.palette.length >= 8} onClick={() => setPalette([...style.palette, DEFAULT_HOUSE_STYLE.palette[style.palette.length % DEFAULT_HOUSE_STYLE.palette.length]!])}>
            Add a colour
          </button>
        </fieldset>
        {problems.length > 0 ? (
          <div className="warning-panel compact" role="status" aria-live="polite" data-testid="contrast-problems">
            <h3>Contrast below WCAG 2.2 AA</h3>
            <ul>
              {problems.map((p, k) => (
                <li key={k}>
                  {p.message}{' '}
                  {p.suggestion && (
                    <button type="button" className="button link" onClick={() => setColour(p.what, p.suggestion!)}>
                      Use {p.suggestion}
                    </button>
                  )}
                </li>
              ))}
            </ul>
            <p className="hint">You can keep these colours: charts still carry patterns, markers and value labels, so colour is never the only cue.</p>
          </div>
        ) : (
          <p className="outcome success" role="status" data-testid="contrast-ok">
            Every colour passes WCAG 2.2 AA contrast: headings 4.5:1 against white, chart colours 3:1 against white and their neighbours.
          </p>
        )}
      </section>

      <div className="button-row">
        <button type="button" className="button primary" disabled={busy} onClick={() => void save()}>
          Save house style
        </button>
        <button type="button" className="button" disabled={busy} onClick={() => setStyle({ ...DEFAULT_HOUSE_STYLE, organisation: style.organisation })}>
          Back to the default colours and font
        </button>
      </div>
      {message && (
        <p className={message.ok ? 'outcome success' : 'outcome failure'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
    </>
  );
}
