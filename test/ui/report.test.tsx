import './setup.js';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/App.js';
import { FakeApi } from './fakeApi.js';

afterEach(cleanup);

describe('Draft report', () => {
  it('edits the outline (order, a new section) and downloads the report made from it, keeping the outline', async () => {
    const api = new FakeApi({ years: [2023, 2024] });
    render(<App api={api} mode="browser" initialView="export" />);
    await screen.findByRole('heading', { name: 'Draft report' });
    fireEvent.click(await screen.findByRole('button', { name: 'Move down: Heading: Children looked after' }));
    fireEvent.change(screen.getByLabelText('New section heading'), { target: { value: 'The IRO service' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add at the end' }));
    fireEvent.click(screen.getByRole('button', { name: 'Download draft report (.docx)' }));
    expect((await screen.findByText(/Saved iro-annual-report-draft\.docx/)).textContent).toMatch(/kept for next year/);
    expect(api.callsTo('report.saveOutline')).toEqual([
      {
        outline: {
          title: 'Independent Reviewing Officer annual report',
          organisation: '',
          items: [{ pack: 'cla' }, { heading: 'Children looked after' }, { heading: 'The IRO service' }, { narrative: '[Write here about: The IRO service.]' }],
        },
      },
    ]);
    expect(api.callsTo('report.docx')).toEqual([{ suppress: 5 }]);
  });
});

describe('Draft report as one workbook', () => {
  it('saves the outline, then downloads the workbook made from it', async () => {
    const api = new FakeApi({ years: [2023, 2024] });
    render(<App api={api} mode="browser" initialView="export" />);
    await screen.findByRole('heading', { name: 'Draft report' });
    fireEvent.click(screen.getByRole('button', { name: 'Download as one workbook (.xlsx)' }));
    expect((await screen.findByText(/Saved iro-annual-report-draft\.xlsx/)).textContent).toMatch(/kept for next year/);
    expect(api.callsTo('report.saveOutline')).toHaveLength(1);
    expect(api.callsTo('report.xlsx')).toEqual([{ suppress: 5 }]);
    expect(api.callsTo('report.docx')).toEqual([]);
  });
});

describe('House style', () => {
  it('flags a chart colour below 3:1 with its ratio and a shade that passes, and saves the style with a logo', async () => {
    const api = new FakeApi({ years: [2023, 2024] });
    render(<App api={api} mode="browser" initialView="style" />);
    await screen.findByRole('heading', { name: 'House style', level: 1 });
    expect((await screen.findByTestId('contrast-ok')).textContent).toMatch(/Every colour passes WCAG 2\.2 AA/);

    fireEvent.change(screen.getByLabelText('Organisation name'), { target: { value: 'Made-up Borough Council' } });
    fireEvent.change(screen.getByLabelText('Chart colour 1'), { target: { value: '#ffd700' } });
    const warning = await screen.findByTestId('contrast-problems');
    expect(warning.textContent).toContain('Chart colour 1 (#FFD700) has 1.40:1 against white; WCAG 2.2 AA asks for 3:1.');
    const use = screen.getAllByRole('button', { name: /^Use #[0-9A-F]{6}$/ })[0]!;
    const shade = use.textContent!.slice(4);
    fireEvent.click(use);
    expect((screen.getByLabelText('Chart colour 1') as HTMLInputElement).value).toBe(shade.toLowerCase());

    const logo = new File([Uint8Array.from([0x89, 0x50, 0x4e, 0x47])], 'crest.png', { type: 'image/png' });
    fireEvent.change(screen.getByLabelText('Logo (PNG or JPEG, at most 2 MB)'), { target: { files: [logo] } });
    await screen.findByRole('img', { name: 'Logo of Made-up Borough Council' });
    fireEvent.click(screen.getByRole('button', { name: 'Save house style' }));
    await screen.findByText(/House style saved/);
    const [saved] = api.callsTo('style.save') as { style: { organisation: string; palette: string[] }; logo: { name: string } }[];
    expect(saved!.style.organisation).toBe('Made-up Borough Council');
    expect(saved!.style.palette[0]).toBe(shade);
    expect(saved!.logo.name).toBe('crest.png');
  });
});
