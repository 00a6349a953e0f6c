/**
 * npm start: the desktop app when an Electron binary is installed, otherwise browser mode (the
 * same screens, served on 127.0.0.1 only, with a per-session token), opened in the user's browser
 * where one can be opened, the address printed either way. On first run the bundled (synthetic)
 * sample returns are imported so there are real tables to look at straight away.
 *
 *   npm start                       desktop app if possible, else browser mode
 *   npm start -- --browser          browser mode even if Electron is installed
 *   npm start -- --workspace F      use the workspace file F (default: your data folder)
 *   npm start -- --port 5177        a fixed port (default: a free one)
 *   npm start -- --no-samples       never import the sample years
 *   npm start -- --no-open          print the address only; do not open a browser
 *
 * Exit codes: 0 stopped, 1 could not start, 2 bad arguments, 3 the workspace is already open elsewhere.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { browserOpenCommand, findElectronBinary, parseStartArgs, rendererIsStale, startBrowserMode, workspaceInUseMessage } from '../electron/bridge/launch.js';
import { defaultWorkspacePath } from '../electron/workspace/paths.js';
import { flowLabel } from '../shared/domain/years.js';

/** The workspace is locked by another workbench (another npm start, the desktop app, the CLI). */
const EXIT_IN_USE = 3;

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const vite = path.join(projectDir, 'node_modules', '.bin', process.platform === 'win32' ? 'vite.cmd' : 'vite');

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    // Warnings and errors only: the bundler's timing chatter is not for the user.
    const child = spawn(command, [...args, '--logLevel', 'warn'], { cwd: projectDir, stdio: 'inherit' });
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
      '  --no-open          print the address only, do not open a browser',
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
  // On first run the screens are built while the workspace opens and the samples import.
  const building = (await rendererIsStale(projectDir)) ? (console.log('Building the screens (dist/renderer) while the workspace opens…'), run(vite, ['build'])) : Promise.resolve();
  const workspacePath = parsed.workspace ?? defaultWorkspacePath();
  console.log(`Workspace: ${workspacePath}`);
  let app: Awaited<ReturnType<typeof startBrowserMode>>;
  try {
    [app] = await Promise.all([
      startBrowserMode({
        workspacePath,
        staticDir: path.join(projectDir, 'dist', 'renderer'),
        sampleReturnsDir: parsed.samples ? path.join(projectDir, 'sample-data', 'returns') : null,
        publishedDir: path.join(projectDir, 'sample-data', 'ees'),
        port: parsed.port,
      }),
      building,
    ]);
  } catch (e) {
    const inUse = workspaceInUseMessage(e, workspacePath);
    console.error(`\n${inUse ?? `The workbench could not start: ${e instanceof Error ? e.message : String(e)}`}`);
    process.exit(inUse ? EXIT_IN_USE : 1);
  }
  for (const report of app.samples) {
    const rows = report.files.reduce((s, f) => s + f.rows, 0);
    console.log(`  sample ${flowLabel(report.year)}: ${report.ok ? `${report.files.length} files, ${rows} rows` : 'NOT imported'}`);
  }
  if (app.samples.length) console.log('The workspace was empty, so the synthetic sample years were imported (remove them on the Data page).');
  const opened = parsed.open ? openInBrowser(app.bridge.url) : false;
  console.log(
    opened
      ? '\nOpened in your browser. If it did not appear, open this address (it is for this session only; do not share it):\n'
      : '\nOpen this address in your browser (it is for this session only; do not share it):\n',
  );
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

/** Opens the address in the user's default browser without waiting for it; false when none can be. */
function openInBrowser(url: string): boolean {
  const command = browserOpenCommand(url, process.platform, process.env);
  if (!command) return false;
  try {
    const child = spawn(command.command, command.args, { stdio: 'ignore', detached: true, windowsHide: true });
    child.on('error', () => console.log('(No browser could be opened from here: open the address above yourself.)'));
    child.unref();
    return true;
  } catch {
    return false;
  }
}
