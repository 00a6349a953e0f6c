import './setup.js';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/App.js';
import { FakeApi } from './fakeApi.js';

afterEach(cleanup);

describe('Draft report as one workbook', () => {
  it('saves the outline, then downloads the workbook made from it', async () => {
    const api = new FakeApi({ years: [2023, 2024] });
    render(<App api={api} mode="browser" initialView="export" />);
    await screen.findByRole('heading', { name: 'Draft report' });
    fireEvent.change(screen.getByLabelText('Organisation'), { target: { value: 'Made-up Borough Council' } });
    fireEvent.click(screen.getByRole('button', { name: 'Download as one workbook (.xlsx)' }));
    expect((await screen.findByText(/Saved iro-annual-report-draft\.xlsx/)).textContent).toMatch(/kept for next year/);
    expect(api.callsTo('report.saveOutline')).toHaveLength(1);
    expect(api.callsTo('report.xlsx')).toEqual([{ suppress: 5 }]);
    expect(api.callsTo('report.docx')).toEqual([]);
  });
});
