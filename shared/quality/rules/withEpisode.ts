/**
 * A rule that compares a row of a child's file (AD1, placed for adoption, missing...) with one of
 * their episodes reports both rows, as DfE's validation does: two definitions, one per table.
 */
import type { FileKindId } from '../../domain/fileKinds.js';
import type { Fixture, QualityRule } from '../rule.js';
import { sameChild } from './sql.js';

/** A condition on an episode (its alias given), or on an episode and the other file's row (their aliases given). */
export type OnEpisode = (e: string) => string;
export type OnPair = (e: string, o: string) => string;

export function withEpisode(
  kind: FileKindId,
  code: string,
  message: string,
  fields: string[],
  episode: OnEpisode,
  pair: OnPair,
  pass: Fixture,
  fail: Fixture,
): QualityRule[] {
  return [
    { code, message, table: kind, fields, when: sameChild('episodes', 'e', `${episode('e')} AND (${pair('e', 't')})`), pass, fail },
    // The other file's row first: most episodes have none, and that test is cheaper than finding the episode's place.
    { code, message, table: 'episodes', fields, when: `${sameChild(kind, 'o', pair('t', 'o'))} AND ${episode('t')}`, pass, fail },
  ];
}

/** The child's first episode (earliest start, then earliest row) among those where cond holds. */
export function firstEpisode(cond: OnEpisode): OnEpisode {
  return (e) => `${cond(e)} AND NOT EXISTS (SELECT 1 FROM episodes f WHERE f.return_year = ${e}.return_year AND f.child = ${e}.child
    AND ${cond('f')} AND (f.decom < ${e}.decom OR (f.decom = ${e}.decom AND f.source_row < ${e}.source_row)))`;
}
