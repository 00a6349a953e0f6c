/**
 * The organisation's house style: its name, logo, a heading colour, a small palette of chart
 * colours and a font, set once and kept in the workspace, applied to the charts on screen and in
 * exports, the Word documents and the Excel workbooks.
 *
 * WCAG 2.2 AA: text (the heading colour) needs 4.5:1 against white; chart colours need 3:1
 * against white and against the colour of the series next to them (1.4.11). A colour that fails is
 * kept if the user insists (it is their brand) but flagged with its ratio and a shade that passes;
 * colour is never the only cue anyway (patterns, markers, dashes and value labels stay).
 */
import { z } from 'zod';

const hex = z
  .string()
  .trim()
  .regex(/^#[0-9a-fA-F]{6}$/, 'Give a colour as # and six hex digits, e.g. #12436D.')
  .transform((s) => s.toUpperCase());

/** Fonts every office machine has (or a metric twin on Linux): a document in a font the reader lacks is set in another. */
export const HOUSE_FONTS = ['Arial', 'Calibri', 'Verdana', 'Tahoma', 'Trebuchet MS', 'Georgia', 'Times New Roman'] as const;

/**
 * Roughly how much wider than Arial a font sets digits and lower case (Verdana and its metric kin
 * DejaVu Sans are about a fifth wider): Word's column widths, estimated for Arial, are scaled by
 * it. Narrower fonts keep Arial's estimate, which then errs generous, as it is meant to.
 */
const FONT_WIDTH: Record<(typeof HOUSE_FONTS)[number], number> = {
  Arial: 1,
  Calibri: 1,
  Verdana: 1.2,
  Tahoma: 1.05,
  'Trebuchet MS': 1.05,
  Georgia: 1.1,
  'Times New Roman': 1,
};

export function fontWidth(font: string): number {
  return FONT_WIDTH[font as keyof typeof FONT_WIDTH] ?? 1.2;
}

export const houseStyleSchema = z.strictObject({
  organisation: z.string().trim().max(200).default(''),
  font: z.enum(HOUSE_FONTS).default('Arial'),
  /** Headings and titles: text, so 4.5:1 against white. */
  heading: hex,
  /** Chart series in order: 3:1 against white and against the next one. */
  palette: z.array(hex).min(2, 'Give at least two chart colours.').max(8, 'Give at most eight chart colours.'),
});
export type HouseStyle = z.infer<typeof houseStyleSchema>;

/** A logo as stored: PNG or JPEG bytes with their pixel size. */
export interface HouseLogo {
  type: 'png' | 'jpg';
  data: Uint8Array;
  width: number;
  height: number;
}

/** The house style as the exporters take it. */
export type HouseLook = HouseStyle & { logo?: HouseLogo };

/** The house style as kept, with what it fails. */
export interface HouseStyleInfo {
  style: HouseStyle;
  logo: HouseLogo | null;
  /** Contrasts the style fails (WCAG 2.2 AA), each with its ratio and a shade that passes. */
  problems: ContrastProblem[];
}

/**
 * The defaults: black-ish headings and the first six colours of the Government Analysis
 * Function's categorical palette, in its order, which keeps 3:1 between neighbours.
 */
export const DEFAULT_HOUSE_STYLE: HouseStyle = {
  organisation: '',
  font: 'Arial',
  heading: '#0B0C0C',
  palette: ['#12436D', '#28A197', '#801650', '#F46A25', '#3D3D3D', '#A285D1'],
};

export const WHITE = '#FFFFFF';
export const TEXT_CONTRAST = 4.5;
export const GRAPHIC_CONTRAST = 3;

function channels(colour: string): [number, number, number] {
  const h = colour.replace('#', '');
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as [number, number, number];
}

function toHex(rgb: number[]): string {
  return `#${rgb.map((c) => Math.round(Math.min(255, Math.max(0, c))).toString(16).padStart(2, '0')).join('')}`.toUpperCase();
}

/** WCAG relative luminance. */
export function luminance(colour: string): number {
  const [r, g, b] = channels(colour).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** `colour` mixed with `toward` (0: as it is, 1: all `toward`). */
export function mix(colour: string, toward: string, amount: number): string {
  const a = channels(colour);
  const b = channels(toward);
  return toHex(a.map((c, i) => c + (b[i]! - c) * amount));
}

/** A light tint of a colour, for a table's header fill under dark text. */
export function tint(colour: string, amount = 0.85): string {
  return mix(colour, WHITE, amount);
}

/** The nearest darker shade of `colour` with at least the ratio asked against each colour given (and white); null when even black is not enough. */
function darkenUntil(colour: string, needs: { against: string; needed: number }[]): string | null {
  for (let k = 1; k <= 20; k++) {
    const shade = mix(colour, '#000000', k / 20);
    if (needs.every((n) => contrastRatio(shade, n.against) >= n.needed && contrastRatio(shade, WHITE) >= n.needed)) return shade;
  }
  return null;
}

export interface ContrastProblem {
  /** 'heading', or the chart colour's place in the palette (0-based). */
  what: 'heading' | number;
  colour: string;
  against: string;
  /** What the colour is compared with, in words: "white", "chart colour 2 (#28A197)". */
  againstText: string;
  ratio: number;
  needed: number;
  /** A shade of the colour that passes, when there is one. */
  suggestion: string | null;
  message: string;
}

const round2 = (n: number) => Math.floor(n * 100) / 100;

/**
 * Every contrast the house style fails: the heading colour against white (4.5:1), each chart
 * colour against white and against the next (3:1; the last against the first, as series wrap).
 */
export function contrastProblems(style: Pick<HouseStyle, 'heading' | 'palette'>): ContrastProblem[] {
  const found: Omit<ContrastProblem, 'suggestion' | 'message'>[] = [];
  const check = (what: ContrastProblem['what'], colour: string, against: string, againstText: string, needed: number) => {
    const ratio = contrastRatio(colour, against);
    if (ratio < needed) found.push({ what, colour, against, againstText, ratio: round2(ratio), needed });
  };
  check('heading', style.heading, WHITE, 'white', TEXT_CONTRAST);
  const p = style.palette;
  p.forEach((colour, i) => check(i, colour, WHITE, 'white', GRAPHIC_CONTRAST));
  // Neighbours, the last with the first as series wrap round (two colours are one pair). Darkening
  // the darker of a pair parts them and keeps it clear of white, so that one is flagged.
  const pairs = p.length === 2 ? [[0, 1]] : p.map((_, i) => [i, (i + 1) % p.length]);
  for (const [i, j] of pairs as [number, number][]) {
    const [dark, light] = luminance(p[i]!) <= luminance(p[j]!) ? [i, j] : [j, i];
    check(dark, p[dark]!, p[light]!, `chart colour ${light + 1} (${p[light]})`, GRAPHIC_CONTRAST);
  }
  // One shade per colour, passing everything it failed, so taking one suggestion mends them all.
  return found.map((f) => {
    const suggestion = darkenUntil(f.colour, found.filter((g) => g.what === f.what));
    const name = f.what === 'heading' ? `The heading colour ${f.colour}` : `Chart colour ${f.what + 1} (${f.colour})`;
    const advice = suggestion ? ` ${suggestion} would pass.` : ' Choose a lighter colour for one of them.';
    return { ...f, suggestion, message: `${name} has ${f.ratio.toFixed(2)}:1 against ${f.againstText}; WCAG 2.2 AA asks for ${f.needed}:1.${advice}` };
  });
}

/** Width and height of a JPEG, from its first start-of-frame marker; null when the bytes are not a JPEG. */
export function jpegSize(bytes: Uint8Array): { width: number; height: number } | null {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  let at = 2;
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1]!;
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    // SOF0-SOF15, except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: (bytes[at + 5]! << 8) | bytes[at + 6]!, width: (bytes[at + 7]! << 8) | bytes[at + 8]! };
    }
    at += 2 + length;
  }
  return null;
}
