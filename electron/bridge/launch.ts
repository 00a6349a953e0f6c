/**
 * What `npm start` does, as functions the e2e tests reuse: find an Electron binary (without
 * triggering electron's download-on-require), tell whether the built renderer is out of date, and
 * start browser mode (workspace + first-run sample import + bridge).
 */
import { existsSync, readFileSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ImportReport } from '../../shared/api.js';
import { importSampleYearsIfEmpty } from '../main/sampleData.js';
import { openAppWorkspace, type AppWorkspace } from '../workspace/appWorkspace.js';
import { startBridge, type Bridge } from './server.js';

/**
 * The Electron executable if one is installed, else null. Reads node_modules/electron/path.txt
 * directly: require('electron') would try to download the binary, which this machine must never do.
 */
export function findElectronBinary(projectDir: string): string | null {
  const dir = path.join(projectDir, 'node_modules', 'electron');
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const candidate = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, process.platform === 'win32' ? 'electron.exe' : 'electron');
    return existsSync(candidate) ? candidate : null;
  }
  const pathFile = path.join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = path.join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

async function newestMtime(dir: string): Promise<number> {
  let newest = 0;
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, await newestMtime(full));
    else if (e.isFile()) newest = Math.max(newest, (await stat(full)).mtimeMs);
  }
  return newest;
}

/** True when dist/renderer is missing or older than any source it is built from. */
export async function rendererIsStale(projectDir: string): Promise<boolean> {
  const built = await stat(path.join(projectDir, 'dist', 'renderer', 'index.html')).catch(() => null);
  if (!built) return true;
  const sources = Math.max(
    await newestMtime(path.join(projectDir, 'renderer')),
    await newestMtime(path.join(projectDir, 'shared')),
    (await stat(path.join(projectDir, 'vite.config.ts')).catch(() => null))?.mtimeMs ?? 0,
  );
  return sources > built.mtimeMs;
}

export interface StartOptions {
  /** 'app' (the default) or 'browser', or 'help'. */
  mode: 'auto' | 'browser' | 'help';
  workspace: string | null;
  port: number;
  samples: boolean;
  /** Open the address in the user's browser (browser mode). */
  open: boolean;
}

export function parseStartArgs(argv: readonly string[]): StartOptions | { error: string } {
  const out: StartOptions = { mode: 'auto', workspace: null, port: 0, samples: true, open: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--browser') out.mode = 'browser';
    else if (arg === '--help' || arg === '-h') out.mode = 'help';
    else if (arg === '--no-samples') out.samples = false;
    else if (arg === '--no-open') out.open = false;
    else if (arg === '--workspace' && argv[i + 1]) out.workspace = path.resolve(argv[++i]!);
    else if (arg === '--port' && argv[i + 1]) {
      const port = Number(argv[++i]);
      if (!Number.isInteger(port) || port < 0 || port > 65535) return { error: `--port needs a number from 0 to 65535, not ${argv[i]}` };
      out.port = port;
    } else return { error: `Unknown option ${arg}. Try --help.` };
  }
  return out;
}

/** The message for a person when the workspace is locked by another workbench, else null. */
export function workspaceInUseMessage(e: unknown, workspacePath: string): string | null {
  const err = e as { code?: unknown; message?: unknown } | null;
  // The core's own "in use" error is already written for a person.
  if (err?.code === 'workspace-in-use' && typeof err.message === 'string') return err.message;
  if (typeof err?.message === 'string' && /could not set lock|conflicting lock/i.test(err.message)) {
    return (
      `The workspace ${workspacePath} is already open in another workbench (another npm start, the desktop app or a CLI command).\n` +
      'Use that one, or close it and try again; or open another workspace: npm start -- --workspace OTHER-FILE'
    );
  }
  return null;
}

/**
 * How to open an address in the user's default browser: open (macOS), start (Windows), xdg-open
 * elsewhere but only with a display (without one, xdg-open may start a text browser in the
 * terminal). null when there is no browser to open.
 */
export function browserOpenCommand(url: string, platform: NodeJS.Platform, env: NodeJS.ProcessEnv): { command: string; args: string[] } | null {
  if (platform === 'darwin') return { command: 'open', args: [url] };
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""', url.replace(/&/g, '^&')] };
  return env.DISPLAY || env.WAYLAND_DISPLAY ? { command: 'xdg-open', args: [url] } : null;
}

export interface BrowserMode {
  workspace: AppWorkspace;
  bridge: Bridge;
  samples: ImportReport[];
  close(): Promise<void>;
}

export async function startBrowserMode(options: {
  workspacePath: string;
  staticDir: string;
  /** Import these sample returns if the workspace is empty; null: never. */
  sampleReturnsDir: string | null;
  /** The bundled snapshot of DfE's published figures, loaded when first asked for. */
  publishedDir?: string;
  port?: number;
  token?: string;
  onCall?: (channel: string, ok: boolean, ms: number) => void;
}): Promise<BrowserMode> {
  const workspace = await openAppWorkspace({
    path: options.workspacePath,
    ...(options.sampleReturnsDir ? { sampleReturnsDir: options.sampleReturnsDir } : {}),
    ...(options.publishedDir ? { publishedDir: options.publishedDir } : {}),
  });
  try {
    const samples = options.sampleReturnsDir ? await importSampleYearsIfEmpty(workspace, options.sampleReturnsDir) : [];
    const bridge = await startBridge({
      api: workspace,
      staticDir: options.staticDir,
      ...(options.port !== undefined ? { port: options.port } : {}),
      ...(options.token !== undefined ? { token: options.token } : {}),
      ...(options.onCall ? { onCall: options.onCall } : {}),
    });
    return {
      workspace,
      bridge,
      samples,
      close: async () => {
        await bridge.close();
        await workspace.close();
      },
    };
  } catch (err) {
    await workspace.close();
    throw err;
  }
}
