/**
 * The setup statements a workspace runs on opening (the canonical views and their macros) are
 * skipped when the workspace already holds exactly them: making them again took a tenth of a
 * second or more of every CLI call (binding each view) and changed the catalog, so the
 * checkpoint wrote it again each time.
 *
 * "Exactly them" is stamped on the last view they make, as its COMMENT: a hash of every statement.
 * Whatever makes that view again (an older version of the app does on every opening) drops the
 * comment, and SQL with changes allowed clears it before it runs (it may replace a view or a
 * macro), so in both cases the next opening runs the setup again.
 */
import { createHash } from 'node:crypto';
import { quoteIdent, quoteLiteral, type SqlEngine } from '../../shared/engine.js';
import { viewMadeBy } from '../../shared/sql/views.js';

/** The view the stamp goes on: the last one the statements make (null: none, so they always run). */
function stampedView(setup: readonly string[]): string | null {
  return setup.map(viewMadeBy).findLast((name) => name !== null) ?? null;
}

function stampOf(setup: readonly string[]): string {
  return `iro-setup ${createHash('sha256').update(setup.join('\n;\n')).digest('hex')}`;
}

/** Runs the setup statements unless the workspace's catalog already holds exactly them; then stamps them. */
export async function runSetup(engine: SqlEngine, setup: readonly string[]): Promise<void> {
  const view = stampedView(setup);
  const stamp = stampOf(setup);
  if (view !== null) {
    const found = await engine.all<{ comment: string | null }>(
      "SELECT comment FROM duckdb_views() WHERE database_name = current_database() AND schema_name = 'main' AND view_name = $view",
      { view },
    );
    if (found[0]?.comment === stamp) return;
  }
  for (const sql of setup) await engine.run(sql);
  if (view !== null) await engine.run(`COMMENT ON VIEW ${quoteIdent(view)} IS ${quoteLiteral(stamp)}`);
}

/** The next opening runs the setup again (before SQL that may change a view or a macro). */
export async function forgetSetup(engine: SqlEngine, setup: readonly string[]): Promise<void> {
  const view = stampedView(setup);
  if (view === null) return;
  // The view may be gone (dropped from Explore): then there is no stamp to clear.
  await engine.run(`COMMENT ON VIEW ${quoteIdent(view)} IS NULL`).catch(() => undefined);
}
