/** A rule that a column holds a valid code of its list when it is filled (blank passes). */
import type { CodeList } from '../../domain/codes.js';
import type { FileKindId } from '../../domain/fileKinds.js';
import type { QualityRule } from '../rule.js';
import { validCode } from './sql.js';

/** good and bad are the hand-written fixture values: one valid code, one that is not. */
export function codeRule(code: string, table: FileKindId, field: string, message: string, list: CodeList, good: string, bad: string): QualityRule {
  const col = `t.${field.toLowerCase()}`;
  return {
    code,
    message,
    table,
    fields: [field],
    when: `${col} IS NOT NULL AND NOT ${validCode(list, col)}`,
    pass: { tables: { [table]: [{ [field]: good }] } },
    fail: { tables: { [table]: [{ [field]: bad }] } },
  };
}
