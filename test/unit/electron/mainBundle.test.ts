/**
 * The built main-process bundle (dist-electron/main.cjs), loaded in plain Node with a stand-in for
 * the 'electron' module (no Electron binary can run here). Checks the real wiring: the window's
 * options, the page it loads, the request filter, permissions, the menu, and IPC handlers that call
 * a real workspace and refuse other senders.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { build } from 'vite';
import { API_CHANNELS, type ApiEnvelope, type PackSummary } from '../../../shared/api.js';

type Handler = (event: unknown, payload: unknown) => Promise<ApiEnvelope<unknown>>;

const state = {
  handlers: new Map<string, Handler>(),
  appEvents: new Map<string, (...a: unknown[]) => void>(),
  windowOptions: null as null | { webPreferences: Record<string, unknown> },
  loadedUrl: '',
  requestFilter: null as null | ((details: { url: string }, cb: (r: { cancel: boolean }) => void) => void),
  permissionRequest: null as null | ((wc: unknown, permission: string, cb: (ok: boolean) => void) => void),
  menu: [] as { label?: string; submenu?: { label?: string }[] }[],
  sandboxEnabled: false,
  exitCode: null as null | number,
};

const fakeElectron = {
  app: {
    isPackaged: false,
    enableSandbox: () => {
      state.sandboxEnabled = true;
    },
    requestSingleInstanceLock: () => true,
    quit: () => undefined,
    exit: (code: number) => {
      state.exitCode = code;
    },
    on: (name: string, fn: (...a: unknown[]) => void) => state.appEvents.set(name, fn),
    whenReady: () => Promise.resolve(),
    getPath: () => tmpdir(),
  },
  BrowserWindow: class {
    webContents = { send: () => undefined };
    constructor(options: { webPreferences: Record<string, unknown> }) {
      state.windowOptions = options;
    }
    once() {}
    on() {}
    show() {}
    loadURL(url: string) {
      state.loadedUrl = url;
      return Promise.resolve();
    }
  },
  session: {
    defaultSession: {
      webRequest: { onBeforeRequest: (fn: typeof state.requestFilter) => (state.requestFilter = fn) },
      setPermissionRequestHandler: (fn: typeof state.permissionRequest) => (state.permissionRequest = fn),
      setPermissionCheckHandler: () => undefined,
      on: () => undefined,
    },
  },
  ipcMain: {
    handle: (channel: string, fn: Handler) => state.handlers.set(channel, fn),
    removeHandler: (channel: string) => state.handlers.delete(channel),
  },
  Menu: { setApplicationMenu: () => undefined, buildFromTemplate: (t: typeof state.menu) => (state.menu = t) },
  dialog: { showOpenDialog: async () => ({ canceled: true, filePaths: [] }), showErrorBox: () => undefined },
};

let dir: string;
let outDir: string;
const savedXdg = process.env.XDG_DATA_HOME;
const moduleInternals = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
const originalLoad = moduleInternals._load;

beforeAll(async () => {
  // Inside the repo (under the git-ignored dist/), so the bundle's external packages (DuckDB's
  // native binding) resolve from node_modules as they do in the app.
  await mkdir(path.resolve('dist'), { recursive: true });
  dir = await mkdtemp(path.resolve('dist', 'test-main-'));
  outDir = path.join(dir, 'dist-electron');
  await build({ configFile: path.resolve('vite.electron.config.ts'), logLevel: 'silent', build: { outDir, emptyOutDir: true, sourcemap: false } });
  // The workspace goes to the (temporary) user data folder, never the real one.
  process.env.XDG_DATA_HOME = dir;
  moduleInternals._load = function (request: string, ...rest: unknown[]) {
    if (request === 'electron') return fakeElectron;
    return originalLoad.call(this, request, ...rest);
  };
  createRequire(import.meta.url)(path.join(outDir, 'main.cjs'));
  const deadline = Date.now() + 30_000;
  while (state.loadedUrl === '' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
}, 120_000);

afterAll(async () => {
  // Normally the last test quit already; if it did not get that far, close the workspace here.
  if (state.exitCode === null) state.appEvents.get('will-quit')?.({ preventDefault: () => undefined });
  await new Promise((r) => setTimeout(r, 200));
  moduleInternals._load = originalLoad;
  if (savedXdg === undefined) delete process.env.XDG_DATA_HOME;
  else process.env.XDG_DATA_HOME = savedXdg;
  await rm(dir, { recursive: true, force: true });
});

describe('the main-process bundle', () => {
  const indexUrl = () => pathToFileURL(path.join(dir, 'dist', 'renderer', 'index.html')).href;
  const fromApp = () => {
    const frame = { url: indexUrl() };
    return { senderFrame: frame, sender: { mainFrame: frame } };
  };

  it('opens one sandboxed, isolated window on the built renderer, with the bundled preload', () => {
    expect(state.sandboxEnabled).toBe(true);
    expect(state.windowOptions?.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, preload: path.join(outDir, 'preload.cjs') });
    expect(state.loadedUrl).toBe(indexUrl());
  });

  it('refuses every request outside the app, and every permission', () => {
    const cancel = (url: string) => {
      let result: boolean | undefined;
      state.requestFilter!({ url }, (r) => (result = r.cancel));
      return result;
    };
    expect(cancel(indexUrl())).toBe(false);
    expect(cancel('https://example.org/')).toBe(true);
    expect(cancel(pathToFileURL('/etc/passwd').href)).toBe(true);
    let allowed: boolean | undefined;
    state.permissionRequest!({}, 'media', (ok) => (allowed = ok));
    expect(allowed).toBe(false);
  });

  it('has the File menu', () => {
    const file = state.menu.find((m) => m.label === '&File');
    expect(file?.submenu?.map((i) => i.label).filter(Boolean)).toEqual(['Import year…', 'Export…', 'Quit']);
  });

  it('answers the app page from a real workspace, and refuses anyone else', async () => {
    expect(state.handlers.size).toBe(API_CHANNELS.length);
    const list = await state.handlers.get('workbench:packs.list')!(fromApp(), {});
    expect(list.ok).toBe(true);
    expect((list as { value: PackSummary[] }).value.map((p) => p.id)).toContain('legal-status');
    const status = await state.handlers.get('workbench:workspace.status')!(fromApp(), {});
    expect(status).toMatchObject({ ok: true, value: { path: path.join(dir, 'iro-workbench', 'workspace.duckdb'), years: [] } });
    const stranger = { senderFrame: { url: 'https://example.org/' }, sender: { mainFrame: null } };
    expect(await state.handlers.get('workbench:packs.list')!(stranger, {})).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    const bad = await state.handlers.get('workbench:workspace.import')!(fromApp(), { year: 2024, files: [{ name: 'passwd', path: '/etc/passwd' }] });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  it('on quit, holds the app until the workspace has closed, then exits', async () => {
    let prevented = false;
    state.appEvents.get('will-quit')!({ preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    expect(state.exitCode).toBeNull(); // not before the workspace has closed
    expect(state.handlers.size).toBe(0); // no request can reach the closing workspace
    await vi.waitFor(() => expect(state.exitCode).toBe(0));
  });

  it('a second start, refused the single-instance lock, exits at once and never reaches whenReady', () => {
    const main = path.join(outDir, 'main.cjs');
    const load = createRequire(import.meta.url);
    delete load.cache[main];
    let readyCalls = 0;
    fakeElectron.app.requestSingleInstanceLock = () => false;
    fakeElectron.app.whenReady = () => {
      readyCalls++;
      return Promise.resolve();
    };
    state.exitCode = null;
    load(main);
    expect(state.exitCode).toBe(0);
    expect(readyCalls).toBe(0);
  });
});
