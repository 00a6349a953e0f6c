/**
 * The security settings of the one app window, as plain data and pure functions so they are unit
 * tested without the Electron binary. main.ts only wires these into Electron.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * Content-Security-Policy of the renderer: everything from the app itself, nothing else.
 * No 'unsafe-eval' anywhere. style-src needs 'unsafe-inline' because Plotly and AG Grid's theming
 * API inject <style> elements at run time. img-src allows data:/blob: for Plotly's PNG export.
 * The same string is the <meta> in renderer/index.html (file:// has no headers) and the header the
 * localhost bridge sends; a unit test keeps the two identical.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');

export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1400,
    height: 900,
    minWidth: 960,
    minHeight: 640,
    title: 'IRO annual report workbench',
    backgroundColor: '#ffffff',
    // Shown once the first paint is ready, so there is no white flash.
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
    },
  };
}

/** True when `url` is a file:// URL naming a file inside `appRoot` (the built renderer folder). */
export function isInsideAppRoot(url: string, appRoot: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'file:' || (parsed.host !== '' && parsed.host !== 'localhost')) return false;
  let filePath: string;
  try {
    filePath = fileURLToPath(parsed);
  } catch {
    return false;
  }
  const root = path.resolve(appRoot);
  const resolved = path.resolve(filePath);
  return resolved === root || resolved.startsWith(root + path.sep);
}

/**
 * The session's request filter: the app's own files, and in-memory data:/blob: URLs the page makes
 * itself (chart images, downloads). Everything else — http(s), ws, other files — is refused.
 */
export function isAllowedRequest(url: string, appRoot: string): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:file://') || url.startsWith('blob:null/')) return true;
  if (url.startsWith('devtools://')) return true;
  return isInsideAppRoot(url, appRoot);
}

/**
 * IPC calls are honoured only from the app's own page: the sender frame must be the main frame
 * showing renderer/index.html (any hash or query), never a subframe or another document.
 */
export function isTrustedSender(frameUrl: string | undefined | null, indexFile: string, isMainFrame: boolean): boolean {
  if (!isMainFrame || !frameUrl) return false;
  let parsed: URL;
  try {
    parsed = new URL(frameUrl);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'file:' || (parsed.host !== '' && parsed.host !== 'localhost')) return false;
  try {
    return path.resolve(fileURLToPath(parsed)) === path.resolve(indexFile);
  } catch {
    return false;
  }
}

/** In-app navigation is refused except a reload of the app's own page (e.g. after a crash). */
export function isAllowedNavigation(targetUrl: string, indexFile: string): boolean {
  return isTrustedSender(targetUrl, indexFile, true);
}

/** Every permission (camera, notifications, geolocation, clipboard-read, ...) is denied. */
export function isPermissionAllowed(_permission: string): boolean {
  return false;
}
