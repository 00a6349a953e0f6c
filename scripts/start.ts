/**
 * npm start: the desktop app when an Electron binary is installed, otherwise browser mode (the
 * same screens, served on 127.0.0.1 only, with a per-session token). On first run the bundled
 * sample returns are imported so there are real tables to look at straight away.
 *
 *   npm start                       desktop app if possible, else browser mode
 *   npm start -- --browser          browser mode even if Electron is installed
 *   npm start -- --workspace F      use the workspace file F (default: your data folder)
 *   npm start -- --port 5177        a fixed port (default: a free one)
 *   npm start -- --no-samples       never import the sample years
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary, parseStartArgs, rendererIsStale, startBrowserMode } from '../electron/bridge/launch.js';
import { defaultWorkspacePath } from '../electron/workspace/paths.js';
import { flowLabel } from '../shared/domain/years.js';
import { WorkspaceInUse } from '../electron/workspace/workspace.js';

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const vite = path.join(projectDir, 'node_modules', '.bin', process.platform === 'win32' ? 'vite.cmd' : 'vite');

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: projectDir, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(command)} ${args.join(' ')} exited with code ${code}`))));
  });
}

const parsed = parseStartArgs(process.argv.slice(2));
if ('error' in parsed) {
  console.error(parsed.error);
  process.exit(2);
}
if (parsed.mode === 'help') {
  console.log(
    [
      'npm start [-- options]',
      '  --browser          browser mode even if Electron is installed',
      '  --workspace FILE   the workspace file (default: your data folder)',
      '  --port N           a fixed port for browser mode (default: a free one)',
      '  --no-samples       do not import the sample years into an empty workspace',
    ].join('\n'),
  );
  process.exit(0);
}

const electron = parsed.mode === 'browser' ? null : findElectronBinary(projectDir);
if (electron) {
  console.log('Building the app…');
  await run(vite, ['build']);
  await run(vite, ['build', '--config', 'vite.electron.config.ts']);
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(electron, [projectDir], { cwd: projectDir, stdio: 'inherit', env });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  if (parsed.mode !== 'browser') {
    console.log(
      'Electron is not installed on this machine (node_modules/electron has no binary), so the workbench\n' +
        'starts in browser mode: the same screens, in your browser, served to this computer only.\n',
    );
  }
  if (await rendererIsStale(projectDir)) {
    console.log('Building the screens (dist/renderer)…');
    await run(vite, ['build']);
  }
  const workspacePath = parsed.workspace ?? defaultWorkspacePath();
  console.log(`Workspace: ${workspacePath}`);
  const app = await startBrowserMode({
    workspacePath,
    staticDir: path.join(projectDir, 'dist', 'renderer'),
    sampleReturnsDir: parsed.samples ? path.join(projectDir, 'sample-data', 'returns') : null,
    publishedDir: path.join(projectDir, 'sample-data', 'ees'),
    port: parsed.port,
  }).catch((err: unknown) => {
    // Another window or the CLI has the workspace: say so plainly (no stack trace) and exit 3, as the CLI does.
    if (!(err instanceof WorkspaceInUse)) throw err;
    console.error(err.message);
    process.exit(3);
  });
  for (const report of app.samples) {
    const rows = report.files.reduce((s, f) => s + f.rows, 0);
    console.log(`  sample ${flowLabel(report.year)}: ${report.ok ? `${report.files.length} files, ${rows} rows` : 'NOT imported'}`);
  }
  if (app.samples.length) console.log('The workspace was empty, so the synthetic sample years were imported (remove them on the Data page).');
  console.log('\nOpen this address in your browser (it is for this session only; do not share it):\n');
  console.log(`  ${app.bridge.url}\n`);
  console.log('Press Ctrl+C to stop.');
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    void app.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
