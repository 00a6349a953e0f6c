/**
 * Electron entry: one secure window over the built renderer, the workspace behind IPC.
 * Kept thin on purpose: every decision (window options, CSP, request filter, sender check,
 * validation, menu) lives in a plain module beside this one and is unit tested without Electron.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, session, type WebContents } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { MENU_COMMAND_CHANNEL, type MenuCommand } from '../../shared/apiSchemas.js';
import { defaultWorkspacePath } from '../workspace/paths.js';
import { openAppWorkspace } from '../workspace/appWorkspace.js';
import { WorkspaceInUse } from '../workspace/workspace.js';
import { GrantedPaths, registerApiHandlers } from './ipcHandlers.js';
import { buildMenuTemplate, IMPORT_DIALOG_FILTERS } from './menu.js';
import { importSampleYearsIfEmpty } from './sampleData.js';
import { isAllowedNavigation, isAllowedRequest, isPermissionAllowed, isTrustedSender, mainWindowOptions } from './windowOptions.js';

// Bundled as dist-electron/main.cjs; the renderer is dist/renderer, the preload dist-electron/preload.cjs.
const appDir = app.isPackaged ? app.getAppPath() : path.resolve(__dirname, '..');
const rendererRoot = path.join(appDir, 'dist', 'renderer');
const indexFile = path.join(rendererRoot, 'index.html');
const preloadFile = path.join(__dirname, 'preload.cjs');
const sampleReturns = app.isPackaged
  ? path.join(process.resourcesPath, 'sample-data', 'returns')
  : path.join(appDir, 'sample-data', 'returns');
const publishedSnapshot = app.isPackaged ? path.join(process.resourcesPath, 'sample-data', 'ees') : path.join(appDir, 'sample-data', 'ees');

app.enableSandbox();
// A second start focuses the first window (see 'second-instance') and goes: it must not reach
// whenReady, where it would try to open the workspace the first one holds.
const firstInstance = app.requestSingleInstanceLock();
if (!firstInstance) app.exit(0);

const granted = new GrantedPaths();
let mainWindow: BrowserWindow | null = null;

function harden(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url, indexFile)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

function sendMenuCommand(command: MenuCommand): void {
  mainWindow?.webContents.send(MENU_COMMAND_CHANNEL, command);
}

async function importYearFromMenu(): Promise<void> {
  if (!mainWindow) return;
  const chosen = await dialog.showOpenDialog(mainWindow, {
    title: 'Import a year of SSDA903 returns',
    properties: ['openFile', 'multiSelections'],
    filters: IMPORT_DIALOG_FILTERS,
  });
  if (chosen.canceled || chosen.filePaths.length === 0) return;
  granted.grant(chosen.filePaths);
  sendMenuCommand({ command: 'import', files: chosen.filePaths.map((p) => ({ name: path.basename(p), path: p })) });
}

async function createWindow(onClosed: () => void): Promise<void> {
  mainWindow = new BrowserWindow(mainWindowOptions(preloadFile));
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => {
    mainWindow = null;
    onClosed();
  });
  await mainWindow.loadURL(pathToFileURL(indexFile).href);
}

app.on('web-contents-created', (_event, contents) => harden(contents));
app.on('second-instance', () => {
  if (mainWindow?.isMinimized()) mainWindow.restore();
  mainWindow?.focus();
});
app.on('window-all-closed', () => app.quit());

if (firstInstance) void app.whenReady().then(async () => {
  const ses = session.defaultSession;
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequest(details.url, rendererRoot) }));
  ses.setPermissionRequestHandler((_contents, permission, callback) => callback(isPermissionAllowed(permission)));
  ses.setPermissionCheckHandler((_contents, permission) => isPermissionAllowed(permission));
  // Downloads (exports) ask where to save with the native dialog, named as the page suggests.
  ses.on('will-download', (_event, item) => {
    item.setSaveDialogOptions({ title: 'Save export', defaultPath: path.join(app.getPath('documents'), item.getFilename()) });
  });

  let workspace: Awaited<ReturnType<typeof openAppWorkspace>>;
  try {
    workspace = await openAppWorkspace({ path: defaultWorkspacePath(), sampleReturnsDir: sampleReturns, publishedDir: publishedSnapshot });
  } catch (err) {
    // The CLI (or another copy of the app) has the workspace open: say so, and quit.
    dialog.showErrorBox('IRO Workbench', err instanceof WorkspaceInUse ? err.message : `The workspace could not be opened: ${err instanceof Error ? err.message : String(err)}`);
    app.exit(err instanceof WorkspaceInUse ? 3 : 1);
    return;
  }
  await importSampleYearsIfEmpty(workspace, sampleReturns).catch((e: unknown) => {
    dialog.showErrorBox('Sample data', `The sample returns could not be loaded: ${e instanceof Error ? e.message : String(e)}`);
  });
  const unregister = registerApiHandlers(ipcMain, workspace, {
    isTrustedSender: (url, isMainFrame) => isTrustedSender(url, indexFile, isMainFrame),
    allowPath: (p) => granted.has(p),
  });
  // Quit once the workspace has closed (DuckDB writes its last checkpoint and releases the file),
  // not while a query may still be running. (app.exit skips will-quit; a second quit while the
  // workspace is closing just waits for the first.)
  let closing: Promise<void> | null = null;
  app.on('will-quit', (event) => {
    event.preventDefault();
    if (closing) return;
    unregister();
    closing = workspace.close().finally(() => app.exit(0));
  });

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate(
        { importYear: () => void importYearFromMenu(), exportReport: () => sendMenuCommand({ command: 'export' }) },
        process.platform,
      ),
    ),
  );
  // Closing the window stops the query it started in Explore.
  await createWindow(() => workspace.engine.cancelUserQueries());
});
