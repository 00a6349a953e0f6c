/**
 * One IPC handler per API channel. Each checks who is calling (the app's own page only), validates
 * the request with the shared zod schemas, and answers an ApiEnvelope; nothing is thrown across
 * the process boundary (Electron would strip an error down to its message).
 * Written against a minimal IpcMain-like interface so it is unit tested without Electron.
 */
import { API_CHANNELS, type ApiEnvelope, type WorkbenchApi } from '../../shared/api.js';
import { dispatchApiCall, ipcChannel } from '../../shared/apiSchemas.js';

/** The part of Electron's IpcMainInvokeEvent the handlers read. */
export interface InvokeEventLike {
  senderFrame: { url: string } | null;
  sender: { mainFrame: unknown };
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface HandlerOptions {
  /** Decide whether a sender frame is the app's own page (see isTrustedSender). */
  isTrustedSender: (frameUrl: string | null, isMainFrame: boolean) => boolean;
  /** Paths the user picked in a native dialog this session. */
  allowPath: (path: string) => boolean;
}

export async function handleInvoke(
  api: WorkbenchApi,
  channel: string,
  event: InvokeEventLike,
  payload: unknown,
  options: HandlerOptions,
): Promise<ApiEnvelope<unknown>> {
  const frame = event.senderFrame;
  const isMainFrame = frame !== null && frame === event.sender.mainFrame;
  if (!options.isTrustedSender(frame?.url ?? null, isMainFrame)) {
    return { ok: false, error: { code: 'invalid-request', message: 'This call did not come from the workbench window and was refused.' } };
  }
  return dispatchApiCall(api, channel, payload, { allowPath: options.allowPath });
}

/** Register a handler for every API channel; returns a function that removes them again. */
export function registerApiHandlers(ipcMain: IpcMainLike, api: WorkbenchApi, options: HandlerOptions): () => void {
  for (const channel of API_CHANNELS) {
    ipcMain.handle(ipcChannel(channel), (event, payload) => handleInvoke(api, channel, event, payload, options));
  }
  return () => {
    for (const channel of API_CHANNELS) ipcMain.removeHandler(ipcChannel(channel));
  };
}

/**
 * Paths the user chose in the native "Import year…" dialog. Only these may be read by path when the
 * page asks for an import; a page cannot name an arbitrary file on disk.
 */
export class GrantedPaths {
  private readonly granted = new Set<string>();
  grant(paths: readonly string[]): void {
    for (const p of paths) this.granted.add(p);
  }
  has(path: string): boolean {
    return this.granted.has(path);
  }
}
