import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiEnvelope, CallContext, QueryRequest, TabularResult } from '../../../shared/api.js';
import { decodeWire, encodeWire } from '../../../shared/wire.js';
import { isAllowedHost, isAllowedOrigin, isValidToken, resolveStaticPath, startBridge, type Bridge } from '../../../electron/bridge/server.js';
import { CONTENT_SECURITY_POLICY } from '../../../electron/main/windowOptions.js';
import { FakeApi } from '../../ui/fakeApi.js';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Raw HTTP, so tests can send any Host and Origin header (fetch would not let them). */
function send(port: number, method: string, urlPath: string, headers: Record<string, string> = {}, body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path: urlPath, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

describe('bridge checks (pure)', () => {
  it('accepts only this server as Host', () => {
    expect(isAllowedHost('127.0.0.1:5000', 5000)).toBe(true);
    expect(isAllowedHost('localhost:5000', 5000)).toBe(true);
    expect(isAllowedHost('127.0.0.1:5001', 5000)).toBe(false);
    expect(isAllowedHost('evil.example:5000', 5000)).toBe(false);
    expect(isAllowedHost('127.0.0.1', 5000)).toBe(false);
    expect(isAllowedHost(undefined, 5000)).toBe(false);
  });

  it('accepts no Origin (non-browser clients) or this server only', () => {
    expect(isAllowedOrigin(undefined, 5000)).toBe(true);
    expect(isAllowedOrigin('http://127.0.0.1:5000', 5000)).toBe(true);
    expect(isAllowedOrigin('http://localhost:5000', 5000)).toBe(true);
    expect(isAllowedOrigin('null', 5000)).toBe(false);
    expect(isAllowedOrigin('https://127.0.0.1:5000', 5000)).toBe(false);
    expect(isAllowedOrigin('http://evil.example', 5000)).toBe(false);
  });

  it('compares tokens exactly', () => {
    expect(isValidToken('abc', 'abc')).toBe(true);
    expect(isValidToken('abd', 'abc')).toBe(false);
    expect(isValidToken('ab', 'abc')).toBe(false);
    expect(isValidToken(undefined, 'abc')).toBe(false);
    expect(isValidToken(['abc'], 'abc')).toBe(false);
  });

  it('never resolves a static path outside the served folder', () => {
    const root = path.resolve('/srv/app');
    expect(resolveStaticPath(root, '/')).toBe(path.join(root, 'index.html'));
    expect(resolveStaticPath(root, '/assets/a.js?x=1')).toBe(path.join(root, 'assets', 'a.js'));
    expect(resolveStaticPath(root, '/../secret.txt')).toBeNull();
    expect(resolveStaticPath(root, '/%2e%2e/%2e%2e/etc/passwd')).toBeNull();
    expect(resolveStaticPath(root, '/assets/%00.js')).toBeNull();
    expect(resolveStaticPath(root, '/%E0%A4%A')).toBeNull();
  });
});

describe('bridge server', () => {
  let dir: string;
  let bridge: Bridge;
  let api: FakeApi;
  const token = 'test-token-0123456789';

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'bridge-'));
    await mkdir(path.join(dir, 'assets'));
    await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>t</title>');
    await writeFile(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
    await writeFile(path.join(tmpdir(), 'bridge-outside.txt'), 'outside');
    api = new FakeApi({ years: [2023, 2024] });
    bridge = await startBridge({ api, staticDir: dir, token });
  });
  afterAll(async () => {
    await bridge.close();
    await rm(dir, { recursive: true, force: true });
  });

  const call = (channel: string, payload: unknown, headers: Record<string, string> = {}) =>
    send(bridge.port, 'POST', `/api/${channel}`, { 'content-type': 'application/json', 'x-workbench-token': token, ...headers }, encodeWire(payload));

  it('listens on 127.0.0.1 and hands out the token only in the URL fragment', async () => {
    expect(bridge.origin).toBe(`http://127.0.0.1:${bridge.port}`);
    expect(bridge.url).toBe(`${bridge.origin}/#token=${token}`);
    const page = await send(bridge.port, 'GET', '/');
    expect(page.status).toBe(200);
    expect(page.body).not.toContain(token);
    expect(page.headers['content-security-policy']).toBe(`${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    const js = await send(bridge.port, 'GET', '/assets/app.js');
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it('refuses API calls without the right token', async () => {
    const none = await send(bridge.port, 'POST', '/api/packs.list', { 'content-type': 'application/json' }, '{}');
    expect(none.status).toBe(401);
    const wrong = await call('packs.list', {}, { 'x-workbench-token': 'nope' });
    expect(wrong.status).toBe(401);
    expect((decodeWire(wrong.body) as ApiEnvelope<unknown>).ok).toBe(false);
    expect(api.callsTo('packs.list')).toHaveLength(0);
  });

  it('refuses other Host and Origin headers even with the token (DNS rebinding, other sites)', async () => {
    const host = await call('packs.list', {}, { host: `evil.example:${bridge.port}` });
    expect(host.status).toBe(421);
    const origin = await call('packs.list', {}, { origin: 'http://evil.example' });
    expect(origin.status).toBe(403);
    const staticFromOtherHost = await send(bridge.port, 'GET', '/', { host: 'attacker.example' });
    expect(staticFromOtherHost.status).toBe(421);
    expect(api.callsTo('packs.list')).toHaveLength(0);
  });

  it('answers a valid call with the API value in an envelope', async () => {
    const ok = await call('packs.list', {}, { origin: bridge.origin });
    expect(ok.status).toBe(200);
    const envelope = decodeWire(ok.body) as ApiEnvelope<{ id: string }[]>;
    expect(envelope.ok).toBe(true);
    expect(envelope.ok && envelope.value.map((p) => p.id)).toEqual(['cla', 'age', 'legal-status', 'review-participation']);
  });

  it('validates requests with the shared schemas before the workspace sees them', async () => {
    const before = api.calls.length;
    const bad = decodeWire((await call('pack.run', { id: '../../etc/passwd' })).body) as ApiEnvelope<unknown>;
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(!bad.ok && bad.error.message).toMatch(/pack id/);
    const extra = decodeWire((await call('workspace.removeYear', { year: 2024, also: 'x' })).body) as ApiEnvelope<unknown>;
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    const unknown = decodeWire((await call('workspace.delete', {})).body) as ApiEnvelope<unknown>;
    expect(unknown).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(api.calls.length).toBe(before);
  });

  it('carries file bytes both ways and refuses file paths from the page', async () => {
    const bytes = new TextEncoder().encode('CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n001,1,01/01/2010,WBRI,,,\n');
    const imported = decodeWire((await call('workspace.import', { year: 2022, files: [{ name: 'header.csv', data: bytes }] })).body) as ApiEnvelope<{ ok: boolean; files: { rows: number }[] }>;
    expect(imported.ok && imported.value.ok).toBe(true);
    expect(imported.ok && imported.value.files[0]!.rows).toBe(1);
    const sent = api.callsTo('workspace.import').at(-1) as { files: { data: Uint8Array }[] };
    expect(Array.from(sent.files[0]!.data)).toEqual(Array.from(bytes));

    const byPath = decodeWire((await call('workspace.import', { year: 2022, files: [{ name: 'passwd', path: '/etc/passwd' }] })).body) as ApiEnvelope<unknown>;
    expect(byPath).toMatchObject({ ok: false, error: { code: 'invalid-request' } });

    const exported = decodeWire((await call('export.xlsx', { packs: ['age'] })).body) as ApiEnvelope<{ data: Uint8Array }>;
    expect(exported.ok && new TextDecoder().decode(exported.value.data)).toBe('xlsx:age');
  });

  it('passes the workspace error code and message through', async () => {
    const refused = decodeWire((await call('query.run', { sql: 'DROP TABLE episodes' })).body) as ApiEnvelope<unknown>;
    expect(refused).toEqual({ ok: false, error: { code: 'read-only', message: 'The SQL editor is read-only.' } });
  });

  it('refuses the wrong method, content type, a broken body and a body over the limit', async () => {
    expect((await send(bridge.port, 'GET', '/api/packs.list', { 'x-workbench-token': token })).status).toBe(405);
    expect((await call('packs.list', {}, { 'content-type': 'text/plain' })).status).toBe(415);
    const broken = await send(bridge.port, 'POST', '/api/packs.list', { 'content-type': 'application/json', 'x-workbench-token': token }, '{not json');
    expect(broken.status).toBe(400);
    const small = await startBridge({ api, staticDir: dir, token, maxBodyBytes: 100 });
    try {
      const big = await send(small.port, 'POST', '/api/query.run', { 'content-type': 'application/json', 'x-workbench-token': token }, encodeWire({ sql: 'x'.repeat(500) }));
      expect(big.status).toBe(413);
    } finally {
      await small.close();
    }
  });

  it('serves nothing outside the renderer folder', async () => {
    expect((await send(bridge.port, 'GET', '/../bridge-outside.txt')).status).toBe(404);
    expect((await send(bridge.port, 'GET', '/%2e%2e/bridge-outside.txt')).status).toBe(404);
    expect((await send(bridge.port, 'GET', '/missing.js')).status).toBe(404);
    expect((await send(bridge.port, 'POST', '/index.html', {}, '')).status).toBe(405);
  });
});

describe('bridge: the page going away', () => {
  it('aborts the call it was waiting on (a query is cancelled when the page closes)', async () => {
    const api = new FakeApi({ years: [2023] });
    let seen: AbortSignal | undefined;
    const aborted = new Promise<void>((resolve) => {
      api['query.run'] = (_req: QueryRequest, context?: CallContext) => {
        seen = context?.signal;
        return new Promise<TabularResult>((_resolve, reject) => {
          context?.signal?.addEventListener('abort', () => {
            resolve();
            reject(new Error('cancelled'));
          });
        });
      };
    });
    const dir = await mkdtemp(path.join(tmpdir(), 'bridge-gone-'));
    const bridge = await startBridge({ api, staticDir: dir, token: 'test-token-0123456789' });
    try {
      const req = request({
        host: '127.0.0.1',
        port: bridge.port,
        method: 'POST',
        path: '/api/query.run',
        headers: { host: `127.0.0.1:${bridge.port}`, 'content-type': 'application/json', 'x-workbench-token': 'test-token-0123456789' },
      });
      req.on('error', () => undefined);
      req.end(encodeWire({ sql: 'SELECT 1' }));
      await new Promise((r) => setTimeout(r, 200));
      expect(seen?.aborted).toBe(false);
      req.destroy();
      await aborted;
      expect(seen?.aborted).toBe(true);
    } finally {
      await bridge.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
