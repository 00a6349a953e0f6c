/** The native menu, as a template built by a pure function (unit tested without Electron). */
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  importYear: () => void;
  exportReport: () => void;
}

export function buildMenuTemplate(actions: MenuActions, platform: NodeJS.Platform): MenuItemConstructorOptions[] {
  const isMac = platform === 'darwin';
  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { id: 'import-year', label: 'Import year…', accelerator: 'CmdOrCtrl+O', click: () => actions.importYear() },
      { id: 'export', label: 'Export…', accelerator: 'CmdOrCtrl+E', click: () => actions.exportReport() },
      { type: 'separator' },
      isMac ? { role: 'close' } : { id: 'quit', label: 'Quit', role: 'quit', accelerator: 'CmdOrCtrl+Q' },
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
  };
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }],
  };
  const app: MenuItemConstructorOptions[] = isMac ? [{ role: 'appMenu' }] : [];
  return [...app, file, edit, view];
}

/** Files offered by the native "Import year…" dialog: the 903 return formats we read. */
export const IMPORT_DIALOG_FILTERS = [
  { name: 'SSDA903 returns (CSV, Excel)', extensions: ['csv', 'xlsx'] },
  { name: 'All files', extensions: ['*'] },
];
