/**
 * Quick look at generated returns through DuckDB (read_csv straight off the files): rows per file
 * per year, and children with a non-short-break episode open at 31 March.
 *
 *   npx tsx sample-data/check.ts [DIR]      (default: sample-data/returns)
 */
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDuckDbEngine } from '../electron/engine/duckdbEngine.js';
import { quoteLiteral } from '../shared/engine.js';

const dir = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), 'returns'));
const years = readdirSync(dir)
  .filter((d) => /^\d{4}$/.test(d))
  .map(Number)
  .sort();
const db = await openDuckDbEngine({ path: ':memory:' });
try {
  for (const year of years) {
    const files = readdirSync(join(dir, String(year))).filter((f) => f.endsWith('.csv')).sort();
    const counts: string[] = [];
    for (const f of files) {
      const [row] = await db.all(`SELECT count(*) AS n FROM read_csv(${quoteLiteral(join(dir, String(year), f))}, all_varchar = true, header = true)`);
      counts.push(`${f.replace('.csv', '')}=${row!.n}`);
    }
    const [cla] = await db.all(
      `SELECT count(DISTINCT CHILD) AS n
         FROM read_csv(${quoteLiteral(join(dir, String(year), 'episodes.csv'))}, all_varchar = true, header = true)
        WHERE upper(trim(LS)) NOT IN ('V3', 'V4')
          AND strptime(DECOM, '%d/%m/%Y')::DATE <= $e::DATE
          AND (DEC IS NULL OR strptime(DEC, '%d/%m/%Y')::DATE > $e::DATE)`,
      { e: `${year}-03-31` },
    );
    console.log(`${year}  CLA at 31 March: ${cla!.n}  |  ${counts.join('  ')}`);
  }
} finally {
  await db.close();
}
