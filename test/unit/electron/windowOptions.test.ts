import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  isAllowedNavigation,
  isAllowedRequest,
  isPermissionAllowed,
  isTrustedSender,
  mainWindowOptions,
} from '../../../electron/main/windowOptions.js';

const root = path.resolve('/opt/iro/resources/app/dist/renderer');
const index = path.join(root, 'index.html');
const indexUrl = pathToFileURL(index).href;

describe('the app window', () => {
  it('is isolated, sandboxed, without Node, with web security, and loads our preload', () => {
    const o = mainWindowOptions('/opt/iro/preload.cjs');
    expect(o.webPreferences).toMatchObject({
      preload: '/opt/iro/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
    // No remote module, no experimental features, nothing that loosens the sandbox.
    expect(Object.keys(o.webPreferences!)).not.toContain('enableRemoteModule');
    expect(o.webPreferences!.experimentalFeatures).toBe(false);
  });
});

describe('Content-Security-Policy', () => {
  const directives = Object.fromEntries(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));

  it('allows scripts from the app only, never eval or inline scripts', () => {
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['default-src']).toEqual(["'none'"]);
    expect(directives['connect-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['base-uri']).toEqual(["'none'"]);
  });

  it("needs 'unsafe-inline' for styles only (Plotly and AG Grid inject <style>)", () => {
    const inline = Object.entries(directives).filter(([, v]) => v!.includes("'unsafe-inline'")).map(([k]) => k);
    expect(inline).toEqual(['style-src']);
  });

  it('is the same policy as the <meta> in renderer/index.html', () => {
    const html = readFileSync('renderer/index.html', 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html);
    expect(meta?.[1]).toBe(CONTENT_SECURITY_POLICY);
  });
});

describe('request filter', () => {
  it("allows the app's own files and in-page data/blob URLs", () => {
    expect(isAllowedRequest(indexUrl, root)).toBe(true);
    expect(isAllowedRequest(pathToFileURL(path.join(root, 'assets', 'index-abc.js')).href, root)).toBe(true);
    expect(isAllowedRequest('data:image/png;base64,iVBORw0KGgo=', root)).toBe(true);
    expect(isAllowedRequest('blob:file:///0b1d6c1e-8a4e-4f55-9d7c-2a7f3c1e9b10', root)).toBe(true);
  });

  it('refuses the network and every file outside the renderer folder', () => {
    for (const url of [
      'https://example.org/x.js',
      'http://127.0.0.1:8080/api',
      'ws://localhost:9000',
      'ftp://example.org/a',
      pathToFileURL('/etc/passwd').href,
      pathToFileURL(path.join(root, '..', 'main.cjs')).href,
      `file://${root}/../../secret`,
      `file://${root}/%2e%2e/%2e%2e/secret`,
      `file://fileserver${root}/index.html`,
      pathToFileURL(`${root}-evil/index.html`).href,
      'not a url',
    ]) {
      expect(isAllowedRequest(url, root), url).toBe(false);
    }
  });
});

describe('IPC sender check', () => {
  it('trusts only the main frame showing the app index', () => {
    expect(isTrustedSender(indexUrl, index, true)).toBe(true);
    expect(isTrustedSender(`${indexUrl}#/packs`, index, true)).toBe(true);
    expect(isTrustedSender(indexUrl, index, false)).toBe(false);
    expect(isTrustedSender(pathToFileURL(path.join(root, 'other.html')).href, index, true)).toBe(false);
    expect(isTrustedSender('https://example.org/', index, true)).toBe(false);
    expect(isTrustedSender('http://127.0.0.1:5173/', index, true)).toBe(false);
    expect(isTrustedSender('', index, true)).toBe(false);
    expect(isTrustedSender(null, index, true)).toBe(false);
  });

  it('blocks navigation away from the app', () => {
    expect(isAllowedNavigation(indexUrl, index)).toBe(true);
    expect(isAllowedNavigation('https://example.org/', index)).toBe(false);
    expect(isAllowedNavigation(pathToFileURL('/tmp/evil.html').href, index)).toBe(false);
  });
});

describe('permissions', () => {
  it('denies every permission request', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'clipboard-sanitized-write', 'openExternal', 'fullscreen', 'hid', 'usb']) {
      expect(isPermissionAllowed(p)).toBe(false);
    }
  });
});
