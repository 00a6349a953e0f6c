/**
 * The outline of a draft IRO annual report: its title, the organisation, and the order of section
 * headings, narrative placeholders and tables. Kept in the workspace so next year's report is the
 * same click. The default follows the seed reports: the children, their characteristics, legal
 * status and placements, leaving care, health, reviews and participation, the IRO service.
 */
import { z } from 'zod';
import type { PackSummary } from '../api.js';

const text = z.string().trim().min(1).max(2000);
export const reportOutlineSchema = z.strictObject({
  title: z.string().trim().min(1, 'Give the report a title.').max(200),
  organisation: z.string().trim().max(200).default(''),
  items: z
    .array(z.union([z.strictObject({ heading: z.string().trim().min(1).max(200) }), z.strictObject({ narrative: text }), z.strictObject({ pack: z.string().regex(/^[a-z0-9][a-z0-9-]*$/).max(64) })]))
    .max(500),
});
export type ReportOutline = z.infer<typeof reportOutlineSchema>;

/** Every pack, section by section in the order the packs are listed (the report's order), each section opened by a placeholder. */
export function defaultOutline(packs: readonly PackSummary[], title: string): ReportOutline {
  const items: ReportOutline['items'] = [];
  let section: string | null = null;
  for (const p of packs) {
    if (p.section !== section) {
      section = p.section;
      items.push({ heading: section }, { narrative: `[Write here what the ${inSentence(section)} tables below show, and what the IRO service did about it.]` });
    }
    items.push({ pack: p.id });
  }
  return { title, organisation: '', items };
}

/** A section's name inside a sentence: "The IRO service" -> "IRO service", "Leaving care" -> "leaving care". */
function inSentence(section: string): string {
  const name = section.replace(/^the\s+/i, '');
  return /^[A-Z][a-z]/.test(name) ? name.charAt(0).toLowerCase() + name.slice(1) : name;
}
