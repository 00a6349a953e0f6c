/**
 * Browser mode: a localhost-only HTTP server that serves the built renderer (dist/renderer) and the
 * WorkbenchApi as POST /api/<channel>. It is the same door as Electron's IPC, with the same zod
 * validation (shared/apiSchemas.ts) and the same wire codec (shared/wire.ts).
 *
 * Who may call: the server listens on 127.0.0.1 only, on a random port. Every API call must carry
 * the per-session token in the X-Workbench-Token header; the token reaches the page only through
 * the URL fragment printed at start (fragments are never sent to a server, so GET / does not leak
 * it). Host must name this server (defeats DNS rebinding), Origin, when sent, must be this server
 * (defeats other web pages), and a custom header plus JSON content type force a CORS preflight,
 * which this server never answers.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { ApiEnvelope, WorkbenchApi } from '../../shared/api.js';
import { dispatchApiCall } from '../../shared/apiSchemas.js';
import { decodeWire, encodeWire } from '../../shared/wire.js';
import { CONTENT_SECURITY_POLICY } from '../main/windowOptions.js';

export const TOKEN_HEADER = 'x-workbench-token';
export const API_PREFIX = '/api/';
/** base64 grows bytes by a third: 400 MB of JSON carries about 300 MB of files (V8 strings stop near 512 MB). */
const DEFAULT_MAX_BODY = 400 * 1024 * 1024;

export interface BridgeOptions {
  api: WorkbenchApi;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Fixed token for tests; a random one otherwise. */
  token?: string;
  maxBodyBytes?: number;
  /** Called after each API call, e.g. for a log line. */
  onCall?: (channel: string, ok: boolean, ms: number) => void;
}

export interface Bridge {
  /** Origin of the server, e.g. http://127.0.0.1:53111 */
  origin: string;
  /** What to open in a browser: origin + '/#token=...'. */
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

/** Host header must be this server, by IP or by the name localhost. */
export function isAllowedHost(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

/** Origin header, when a browser sends one, must be this server. Non-browser clients send none. */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  return origin === undefined || origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

export function isValidToken(sent: string | string[] | undefined, token: string): boolean {
  if (typeof sent !== 'string') return false;
  const a = Buffer.from(sent, 'utf8');
  const b = Buffer.from(token, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

/**
 * Resolve a URL path to a file inside staticDir, or null if it would leave it.
 * '/' is index.html; the query string is ignored.
 */
export function resolveStaticPath(staticDir: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0]!);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const root = path.resolve(staticDir);
  const full = path.resolve(root, relative);
  return full.startsWith(root + path.sep) ? full : null;
}

export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const token = options.token ?? newToken();
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  let port = 0;

  const server: Server = createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, failure('internal', `The bridge failed: ${err instanceof Error ? err.message : String(err)}`));
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isAllowedHost(req.headers.host, port)) {
      return sendText(res, 421, 'This server only answers to 127.0.0.1.');
    }
    const origin = typeof req.headers.origin === 'string' ? req.headers.origin : undefined;
    if (!isAllowedOrigin(origin, port)) return sendText(res, 403, 'Requests from other sites are refused.');
    const url = req.url ?? '/';

    if (url.startsWith(API_PREFIX)) {
      if (req.method !== 'POST') return sendJson(res, 405, failure('invalid-request', 'API calls are POST requests.'));
      if (!isValidToken(req.headers[TOKEN_HEADER], token)) {
        return sendJson(res, 401, failure('invalid-request', 'This page is not connected to the workbench session. Open the address printed when the workbench started.'));
      }
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
        return sendJson(res, 415, failure('invalid-request', 'API calls send JSON.'));
      }
      const channel = decodeURIComponent(url.slice(API_PREFIX.length).split('?')[0]!);
      const body = await readBody(req, maxBody);
      if (body === null) return sendJson(res, 413, failure('invalid-request', 'The request is too large.'));
      let payload: unknown;
      try {
        payload = body.length ? decodeWire(body) : {};
      } catch {
        return sendJson(res, 400, failure('invalid-request', 'The request body is not valid JSON.'));
      }
      const started = Date.now();
      // The page went away (closed, reloaded) before the answer: whatever it started stops.
      const gone = new AbortController();
      res.on('close', () => {
        if (!res.writableFinished) gone.abort();
      });
      // A web page can never name a file on disk: paths are refused, contents must be sent.
      const envelope = await dispatchApiCall(options.api, channel, payload, { allowPath: () => false, signal: gone.signal });
      options.onCall?.(channel, envelope.ok, Date.now() - started);
      return sendJson(res, 200, envelope);
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed.');
    const file = resolveStaticPath(options.staticDir, url);
    if (!file) return sendText(res, 404, 'Not found.');
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) {
      if (file === path.resolve(options.staticDir, 'index.html')) {
        return sendText(res, 503, 'The workbench screens are not built yet. Run "npm run build" (or "npm start", which builds them).');
      }
      return sendText(res, 404, 'Not found.');
    }
    const data = await readFile(file);
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': String(data.byteLength),
    });
    res.end(req.method === 'HEAD' ? undefined : data);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const originUrl = `http://127.0.0.1:${port}`;
  return {
    origin: originUrl,
    url: `${originUrl}/#token=${token}`,
    token,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function failure(code: 'invalid-request' | 'internal', message: string): ApiEnvelope<never> {
  return { ok: false, error: { code, message } };
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = encodeWire(value);
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(Buffer.byteLength(body)) });
  res.end(body);
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}

/** The request body as text, or null when it exceeds the limit. */
function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) over = true;
      if (!over) chunks.push(chunk);
    });
    req.on('end', () => resolve(over ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
