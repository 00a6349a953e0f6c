import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { includesSampleData } from '../../../shared/domain/sampleData.js';

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : /\.(csv|xlsx)$/.test(e.name) ? [join(dir, e.name)] : []));
}

describe('the bundled synthetic sample data', () => {
  it('is recognised by checksum, every file of it (update shared/domain/sampleData.ts if the sample is regenerated differently)', () => {
    const all = [...files(resolve('sample-data/returns')), ...files(resolve('sample-data/returns-xlsx'))];
    expect(all.length).toBeGreaterThan(50);
    for (const file of all) {
      const sha256 = createHash('sha256').update(readFileSync(file)).digest('hex');
      expect(includesSampleData([{ sha256 }]), file).toBe(true);
    }
  });

  it('is not claimed for any other file', () => {
    const sha256 = createHash('sha256').update('CHILD,SEX,DOB\n1,1,01/01/2010\n').digest('hex');
    expect(includesSampleData([{ sha256 }])).toBe(false);
    expect(includesSampleData([])).toBe(false);
  });
});
