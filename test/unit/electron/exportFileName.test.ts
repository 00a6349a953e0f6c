import { describe, expect, it } from 'vitest';
import { exportFileName } from '../../../electron/workspace/appWorkspace.js';
import type { ExportMeta } from '../../../shared/export/types.js';

describe('export file names', () => {
  const meta: ExportMeta = { title: 'IRO annual report tables', generatedAt: '2024-05-03T10:00:00Z', sources: [], suppression: null };
  it("names one pack's export for the pack, and several packs' for the report", () => {
    expect(exportFileName(meta, [{ result: { pack: 'age' } }], 'docx')).toBe('age-2024-05-03.docx');
    expect(exportFileName(meta, [{ result: { pack: 'age' } }, { result: { pack: 'gender' } }], 'xlsx')).toBe('iro-report-tables-2024-05-03.xlsx');
  });
});
