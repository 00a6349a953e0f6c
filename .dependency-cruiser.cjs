/**
 * The doors between the rooms (see ../shared/design/architecture.md): shared/ imports nothing of
 * ours and no Node, DOM-host or Electron APIs; renderer/ imports shared/ only; electron/ never
 * imports renderer/. Checked by test/unit/layering.test.ts.
 */
module.exports = {
  forbidden: [
    { name: 'shared-is-pure', severity: 'error', comment: 'shared/ runs anywhere: no electron/ or renderer/ code',
      from: { path: '^shared/' }, to: { path: '^(electron|renderer)/' } },
    { name: 'shared-no-node', severity: 'error', comment: 'shared/ must not use Node built-ins',
      from: { path: '^shared/' }, to: { dependencyTypes: ['core'] } },
    { name: 'shared-no-host-libs', severity: 'error', comment: 'shared/ must not use Electron or the DuckDB client',
      from: { path: '^shared/' }, to: { path: 'node_modules/(electron|@duckdb)/' } },
    { name: 'renderer-only-shared', severity: 'error', comment: 'renderer/ talks to the core through the API only',
      from: { path: '^renderer/' }, to: { path: '^electron/' } },
    { name: 'renderer-no-node', severity: 'error', comment: 'renderer/ runs in a sandboxed page',
      from: { path: '^renderer/' }, to: { dependencyTypes: ['core'] } },
    { name: 'renderer-no-host-libs', severity: 'error',
      from: { path: '^renderer/' }, to: { path: 'node_modules/(electron|@duckdb|exceljs)/' } },
    { name: 'electron-not-renderer', severity: 'error',
      from: { path: '^electron/' }, to: { path: '^renderer/' } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] },
  },
};
