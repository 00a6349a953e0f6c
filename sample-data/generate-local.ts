/**
 * Seeded synthetic local data of an IRO service, the kind kept in spreadsheets beside the 903
 * return (no real children or staff): an escalations log (dispute resolution) and a caseload list
 * (children allocated to IROs), 1 April 2021 to 31 March 2024. The escalations' hours (a number
 * column, for sums and averages) come from a second stream, so adding them changed no other value.
 * Written to sample-data/local/; the same seed always writes byte-identical files. Dates are yyyy-mm-dd, as spreadsheets export them.
 *
 *   npx tsx sample-data/generate-local.ts [--out DIR]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Rng } from './generator/prng.js';

const here = dirname(fileURLToPath(import.meta.url));
const SEED = 903_17;
const FIRST = Date.UTC(2021, 3, 1);
const DAYS = 1095; // to 30 March 2024
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

const TEAMS = ['North', 'South', 'Disabled children', 'Leaving care'];
const THEMES = ['Care planning', 'Drift and delay', 'Contact', 'Health', 'Education', 'Placement', 'Permanence', 'Statutory visits'];
const STAGES = [['1 Informal', 60], ['2 Formal', 28], ['3 Head of service', 9], ['4 Director', 3]] as const;
const IROS = Array.from({ length: 12 }, (_, i) => `IRO ${String(i + 1).padStart(2, '0')}`);

export function localSample(seed = SEED): { escalations: string; caseloads: string } {
  const rng = new Rng(seed);
  const esc = ['ref,child,raised,iro,team,theme,stage,outcome,resolved,hours'];
  // IRO hours on each escalation (0.5 to 8), from a stream of its own so every other value stays as it was.
  const effort = new Rng(seed + 1);
  let ref = 1;
  for (let d = 0; d < DAYS; d++) {
    // About 80 a year, rising slightly, fewer in August and at Christmas.
    const when = FIRST + d * DAY;
    const month = new Date(when).getUTCMonth();
    const rate = (0.2 + d / DAYS / 10) * (month === 7 || month === 11 ? 0.5 : 1);
    if (!rng.chance(rate)) continue;
    const stage = rng.weighted(STAGES);
    const days = rng.int(3, 75);
    const done = when + days * DAY < FIRST + DAYS * DAY && rng.chance(0.9);
    const outcome = done ? rng.weighted([['Resolved', 80], ['Escalated', 15], ['Withdrawn', 5]] as const) : 'Open';
    const child = String(rng.int(1, 999_999)).padStart(6, '0');
    const hours = String(effort.int(1, 16) / 2);
    esc.push([`ESC${String(ref++).padStart(4, '0')}`, child, iso(when), rng.pick(IROS), rng.pick(TEAMS), rng.pick(THEMES), stage, outcome, done ? iso(when + days * DAY) : '', hours].join(','));
  }
  const cases = ['child,iro,team,allocated,ended'];
  for (let d = 0; d < DAYS; d++) {
    const when = FIRST + d * DAY;
    for (let k = rng.int(0, 1); k > 0; k--) {
      const ends = rng.chance(0.6) ? when + rng.int(30, 700) * DAY : null;
      const ended = ends !== null && ends < FIRST + DAYS * DAY ? iso(ends) : '';
      cases.push([String(rng.int(1, 999_999)).padStart(6, '0'), rng.pick(IROS), rng.pick(TEAMS), iso(when), ended].join(','));
    }
  }
  return { escalations: esc.join('\n') + '\n', caseloads: cases.join('\n') + '\n' };
}

if (process.argv[1] && /generate-local\.ts$/.test(process.argv[1])) {
  const i = process.argv.indexOf('--out');
  const out = i > 0 ? process.argv[i + 1]! : join(here, 'local');
  mkdirSync(out, { recursive: true });
  const { escalations, caseloads } = localSample();
  writeFileSync(join(out, 'escalations.csv'), escalations);
  writeFileSync(join(out, 'caseloads.csv'), caseloads);
  console.log(`Wrote ${escalations.split('\n').length - 2} escalations and ${caseloads.split('\n').length - 2} allocations to ${out}`);
}
