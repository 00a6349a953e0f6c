/**
 * The draft report: an outline kept in the workspace (the default follows the seed reports), and
 * one Word document in its order with a contents field, SEQ-numbered captions, the narrative
 * placeholders, local packs beside built-in ones, and one appendix of definitions and sources.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAppWorkspace, type AppWorkspace } from '../../../electron/workspace/appWorkspace.js';

const ROOT = resolve(import.meta.dirname, '../../..');
let dir: string;
let ws: AppWorkspace;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'iro-report-'));
  ws = await openAppWorkspace({ path: join(dir, 'w.duckdb') });
  const r = await ws['workspace.import']({
    year: 2024,
    files: [
      { name: '2024', path: join(ROOT, 'sample-data', 'returns', '2024') },
      { name: 'escalations.csv', path: join(ROOT, 'sample-data', 'local', 'escalations.csv') },
    ],
  });
  expect(r.ok, JSON.stringify(r.messages.filter((m) => m.level === 'error'))).toBe(true);
  await ws['localPacks.save']({
    spec: { id: 'local-escalations-stage', title: 'Escalations by stage', table: 'local_escalations', year: { dateColumn: 'raised' }, by: ['stage'], unit: { one: 'escalation', many: 'escalations' } },
  });
});
afterAll(async () => {
  await ws.close();
  rmSync(dir, { recursive: true, force: true });
});

async function documentXml(data: Uint8Array): Promise<string> {
  return (await (await JSZip.loadAsync(data)).file('word/document.xml')!.async('string'));
}

describe('the draft report', () => {
  it('has a default outline in the seed reports\' order, ending with the IRO service and its local packs', async () => {
    const outline = await ws['report.outline']({});
    const headings = outline.items.flatMap((i) => ('heading' in i ? [i.heading] : []));
    expect(headings).toEqual(['Children looked after', 'Characteristics', 'Legal status and placements', 'Leaving care', 'Health and wellbeing', 'Reviews and participation', 'The IRO service']);
    expect(outline.items.at(-1)).toEqual({ pack: 'local-escalations-stage' });
  });

  it('is one document in the saved outline\'s order: contents field, numbered captions, narrative, appendix', async () => {
    await ws['report.saveOutline']({
      outline: {
        title: 'IRO annual report 2023/24',
        organisation: 'Sample Borough Council (synthetic data)',
        items: [{ heading: 'The IRO service' }, { narrative: 'Escalations rose this year.' }, { pack: 'local-escalations-stage' }, { heading: 'The children' }, { pack: 'age' }, { pack: 'gone-pack' }],
      },
    });
    // Kept: the next process gets the same outline.
    expect((await ws['report.outline']({})).items[0]).toEqual({ heading: 'The IRO service' });
    const out = await ws['report.docx']({ suppress: 5 });
    const xml = await documentXml(out.data);
    expect(xml).toMatch(/TOC \\h \\o &quot;1-1&quot;/); // a real contents field over the headings
    const seq = [...xml.matchAll(/<w:fldSimple w:instr="SEQ (Table|Figure) \\\* ARABIC"/g)].map((m) => m[1]);
    expect(seq).toEqual(['Table', 'Figure', 'Table', 'Figure']);
    const text = xml.replace(/<[^>]+>/g, '').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
    const at = (s: string) => text.indexOf(s);
    expect(at('Escalations rose this year.')).toBeGreaterThan(0);
    expect(at(': Escalations by stage')).toBeGreaterThan(at('Escalations rose this year.'));
    expect(at(': Age of children looked after')).toBeGreaterThan(at(': Escalations by stage'));
    expect(text).toContain('[The table "gone-pack" named in the outline is no longer in the workbench.]');
    // Sources once, in the appendix, not under each table.
    const appendix = text.lastIndexOf('Appendix: definitions and sources'); // the first is its contents entry
    expect(appendix).toBeGreaterThan(at(': Age of children looked after'));
    expect(text.slice(0, appendix)).not.toMatch(/Source: SSDA903/);
    expect(text.slice(appendix)).toContain('Local data: local_escalations');
  });

  it('is one workbook in the same order: contents with section headings and links, a sheet per table, sources and definitions', async () => {
    const out = await ws['report.xlsx']({ suppress: 5 });
    expect(out.fileName).toMatch(/^iro-annual-report-draft-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const zip = await JSZip.loadAsync(out.data);
    const book = await zip.file('xl/workbook.xml')!.async('string');
    expect([...book.matchAll(/<sheet\b[^>]*\bname="([^"]+)"/g)].map((m) => m[1])).toEqual(['Contents', '1 Escalations by stage', '2 Age of children looked after', 'Sources and definitions']);
    const strings = await zip.file('xl/sharedStrings.xml')!.async('string');
    for (const s of ['The IRO service', 'The children', 'Table 1: Escalations by stage', 'Table 2: Age of children looked after', 'Chart data: Figure 1', '[The table &quot;gone-pack&quot; named in the outline is no longer in the workbench.]']) {
      expect(strings).toContain(s);
    }
    const activity = await ws['workspace.activity']({});
    expect(activity.some((a) => a.action === 'export' && JSON.stringify(a.detail).includes('"report":true') && JSON.stringify(a.detail).includes('xlsx'))).toBe(true);
  });

  it('keeps a house style in the workspace and puts it in the report: name, logo, colours, font', async () => {
    const png = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0));
    const style = { organisation: 'Made-up Borough Council', font: 'Verdana', heading: '#8A1538', palette: ['#1D5C3A', '#FFD700'] };
    // Not an image: refused, naming the file, and nothing kept.
    await expect(ws['style.save']({ style, logo: { name: 'crest.gif', data: new TextEncoder().encode('GIF89a') } })).rejects.toThrow(/The logo crest\.gif is not a PNG or JPEG image/);
    expect((await ws['style.get']({})).style.organisation).toBe('');
    const saved = await ws['style.save']({ style, logo: { name: 'crest.png', data: png } });
    expect(saved.logo).toMatchObject({ type: 'png', width: 1, height: 1 });
    // A failing colour is kept (it is the user's) but flagged with its ratio.
    expect(saved.problems.map((p) => [p.what, p.ratio])).toEqual([[1, 1.4]]);
    // Saving again without a logo keeps the logo; null removes it.
    expect((await ws['style.save']({ style: { ...style, font: 'Verdana' } })).logo?.width).toBe(1);
    const doc = await JSZip.loadAsync((await ws['report.docx']({ suppress: 5 })).data);
    const xml = await doc.file('word/document.xml')!.async('string');
    expect(xml).toContain('descr="Made-up Borough Council logo"');
    expect(xml).toContain('Made-up Borough Council</w:t>');
    expect(await doc.file('word/styles.xml')!.async('string')).toMatch(/w:styleId="Heading1"[\s\S]*?<w:color w:val="8A1538"\/>/);
    const book = await JSZip.loadAsync((await ws['report.xlsx']({ suppress: 5 })).data);
    expect(await book.file('xl/styles.xml')!.async('string')).toContain('<name val="Verdana"/>');
    expect((await ws['style.save']({ style, logo: null })).logo).toBeNull();
  });

  it('refuses an outline it cannot keep, saying which item', async () => {
    await expect(ws['report.saveOutline']({ outline: { title: 'x', items: [{ pack: 'Bad Id' }] } })).rejects.toThrow(/items\.0/);
  });
});
