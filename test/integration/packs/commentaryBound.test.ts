/**
 * Commentary bound to its table (issue 12 item 3): for every pack, option, year range the table
 * can show and suppression setting (off, 5, 10) on the six sample years, every number in every
 * sentence is a figure the table shows at the table's precision, and every "up", "down", "rose",
 * "fell", "the same as" and "largest" agrees with the table. In process, one run per pack setting.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppWorkspace } from '../../../electron/workspace/appWorkspace.js';
import { categoryRows } from '../../../shared/packs/categories.js';
import { totalRowLabel, type PackResult } from '../../../shared/packs/result.js';
import { getPack, listPacks, packCommentary } from '../../../shared/packs/run.js';
import { commentaryProblems, optionSets, SAMPLE_YEARS, sampleWorkspace, yearRanges } from './commentaryCheck.js';

let ws: AppWorkspace;
beforeAll(async () => {
  ws = await sampleWorkspace();
}, 120_000);
afterAll(async () => ws?.close());

describe('commentary quotes only what its table shows', () => {
  for (const suppress of [null, 5, 10]) {
    it(`every pack, option and year range, suppression ${suppress ?? 'off'}`, async () => {
      const problems: string[] = [];
      let sentences = 0;
      for (const { id, timing, chart } of listPacks()) {
        for (const options of optionSets(id)) {
          const { result } = await ws['pack.run']({ id, suppress, options });
          expect(result.years).toEqual(SAMPLE_YEARS);
          for (const years of yearRanges(result.years)) {
            const text = packCommentary(id, result, options, years);
            sentences += text.length;
            const shown: PackResult = { ...result, years };
            for (const p of commentaryProblems(text, shown, timing, chart)) problems.push(`${id} ${JSON.stringify(options)} ${years[0]}-${years.at(-1)}: ${p}`);
          }
        }
      }
      expect(problems).toEqual([]);
      expect(sentences).toBeGreaterThan(900);
    }, 120_000);
  }

  it('the categories "largest" is worked out over add up to the total (no "other" left out)', async () => {
    for (const { id } of listPacks()) {
      if (!getPack(id).category) continue;
      for (const options of optionSets(id)) {
        const { result } = await ws['pack.run']({ id, options });
        for (const y of result.years) {
          const sum = categoryRows(result).reduce((a, r) => a + (r.values[String(y)]?.count ?? 0), 0);
          expect(`${id} ${y}: ${sum}`).toBe(`${id} ${y}: ${result.total[String(y)]!.count}`);
        }
      }
    }
  });
});

describe('a row called "Total" is the sum of the rows above it', () => {
  it('for every pack: a total labelled "Total" is the sum of its categories in every year; any other total names its base', async () => {
    for (const { id } of listPacks()) {
      const { result } = await ws['pack.run']({ id });
      const label = totalRowLabel(result);
      if (label !== 'Total') {
        if (label !== null) expect(label, id).toMatch(/\(.+\)$/);
        continue;
      }
      for (const y of result.years) {
        if (result.total[String(y)]?.notCollected) continue; // x: no figure that year
        const sum = categoryRows(result).reduce((a, r) => a + (r.values[String(y)]?.count ?? 0), 0);
        expect(`${id} ${y}: ${sum}`).toBe(`${id} ${y}: ${result.total[String(y)]!.count}`);
      }
    }
  });
});

describe('the check can fail', () => {
  it('catches the sentences of issue 12 (whole percentages, "the same as" over a change, a share the table does not show)', async () => {
    const { result } = await ws['pack.run']({ id: 'review-participation' });
    const right = packCommentary('review-participation', result);
    expect(commentaryProblems(right, result, 'flow', 'stacked-100')).toEqual([]);
    const part = right.find((s) => s.includes('took part in'))!;
    expect(part).toMatch(/took part in \d+\.\d% of their reviews/);
    // Rounded to whole percentages, as before.
    const whole = right.map((s) => s.replace(/(\d+\.\d)%/g, (_, p: string) => `${Math.round(Number(p))}%`));
    expect(commentaryProblems(whole, result, 'flow', 'stacked-100').length).toBeGreaterThan(0);
    // "the same as" where the table shows a change; "up" where it shows a fall.
    const same = right.map((s) => s.replace(/, (up|down) [\d.]+ points from [\d.]+% in (\d{4}\/\d{2})/, ', the same as in $2'));
    expect(same).not.toEqual(right);
    expect(commentaryProblems(same, result, 'flow', 'stacked-100').join('\n')).toMatch(/the same as/);
    const flipped = right.map((s) => s.replace(/\b(up|down)\b/g, (w) => (w === 'up' ? 'down' : 'up')));
    expect(commentaryProblems(flipped, result, 'flow', 'stacked-100').join('\n')).toMatch(/is not a change the table shows/);
  });

  it('catches a count the table does not show and a "largest" that leaves a category out', async () => {
    const { result } = await ws['pack.run']({ id: 'reasons-ceased' });
    const right = packCommentary('reasons-ceased', result);
    expect(commentaryProblems(right, result, 'flow', 'grouped-bar')).toEqual([]);
    expect(commentaryProblems(['Of the 469 children, 22 were adopted.'], result, 'flow', 'grouped-bar').join('\n')).toMatch(/469 is not a figure/);
    const smallest = categoryRows(result).filter((r) => !r.values['2024']?.suppressed).sort((a, b) => a.values['2024']!.count! - b.values['2024']!.count!)[0]!;
    const wrong = `${smallest.label} are the largest group (${smallest.values['2024']!.percent!.toFixed(1)}%).`;
    expect(commentaryProblems([wrong], result, 'flow', 'grouped-bar').join('\n')).toMatch(/a category shows more/);
  });
});
