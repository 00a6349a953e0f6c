/**
 * The only bridge between the sandboxed page and the main process: window.workbench holds one
 * function per API channel (answering an ApiEnvelope) and the menu-command listener. Nothing else
 * (no ipcRenderer, no generic invoke) is exposed.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { API_CHANNELS } from '../../shared/api.js';
import { MENU_COMMAND_CHANNEL, MENU_COMMAND_SCHEMA, type MenuCommand, type WindowWorkbench } from '../../shared/apiSchemas.js';
import { buildPreloadApi } from './exposed.js';

const exposed: WindowWorkbench = buildPreloadApi(API_CHANNELS, (channel, request) => ipcRenderer.invoke(channel, request), (listener) => {
  const handler = (_event: IpcRendererEvent, raw: unknown) => {
    const parsed = MENU_COMMAND_SCHEMA.safeParse(raw);
    if (parsed.success) listener(parsed.data as MenuCommand);
  };
  ipcRenderer.on(MENU_COMMAND_CHANNEL, handler);
  return () => {
    ipcRenderer.removeListener(MENU_COMMAND_CHANNEL, handler);
  };
});

contextBridge.exposeInMainWorld('workbench', exposed);
