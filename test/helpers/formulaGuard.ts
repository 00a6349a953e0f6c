/**
 * The formula guard as a spreadsheet sees it: every cell of an .xlsx whose text starts like a formula
 * (= + - @, tab, line break), and whether its style has the Text format with the quote prefix.
 */
import type JSZip from 'jszip';

export interface FormulaLikeCell {
  where: string;
  text: string;
  guarded: boolean;
}

export async function formulaLikeCells(zip: JSZip): Promise<{ cells: FormulaLikeCell[]; formulas: number }> {
  const shared = (await zip.file('xl/sharedStrings.xml')?.async('string')) ?? '';
  const strings = [...shared.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
    [...m[1]!.matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]!.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')).join(''),
  );
  const styles = await zip.file('xl/styles.xml')!.async('string');
  const xfs = [.../<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)![1]!.matchAll(/<xf\b[^>]*>/g)].map((m) => m[0]);
  const cells: FormulaLikeCell[] = [];
  let formulas = 0;
  for (const path of Object.keys(zip.files).filter((p) => /^xl\/worksheets\/sheet\d+\.xml$/.test(p))) {
    const xml = await zip.file(path)!.async('string');
    formulas += (xml.match(/<f[ >]/g) ?? []).length;
    for (const c of xml.matchAll(/<c r="([A-Z]+\d+)"(?: s="(\d+)")? t="s"><v>(\d+)<\/v><\/c>/g)) {
      const text = strings[Number(c[3])]!;
      if (!/^[=+\-@\t\r\n]/.test(text)) continue;
      const xf = xfs[Number(c[2] ?? 0)]!;
      cells.push({ where: `${path} ${c[1]}`, text, guarded: xf.includes('numFmtId="49"') && xf.includes('quotePrefix="1"') });
    }
  }
  return { cells, formulas };
}
