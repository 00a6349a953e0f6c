/**
 * The renderer's one API client. In Electron it talks to window.workbench (the preload); in
 * browser mode to the localhost bridge with the session token. Either way the UI sees a plain
 * WorkbenchApi whose calls throw ApiCallError (code + a message a person can act on).
 */
import type { ApiChannel, ApiEnvelope, ApiError, ApiRequest, ApiResponse, ImportMessage, WorkbenchApi } from '../../shared/api.js';
import { API_CHANNELS } from '../../shared/api.js';
import type { EnvelopedApi, MenuCommand, WindowWorkbench } from '../../shared/apiSchemas.js';
import { decodeWire, encodeWire } from '../../shared/wire.js';

declare global {
  interface Window {
    workbench?: WindowWorkbench;
  }
}

export class ApiCallError extends Error {
  readonly code: ApiError['code'];
  readonly messages: ImportMessage[];
  constructor(error: ApiError) {
    super(error.message);
    this.name = 'ApiCallError';
    this.code = error.code;
    this.messages = error.messages ?? [];
  }
}

/** Turn an envelope-answering transport into a WorkbenchApi that throws on failure. */
export function clientFromEnveloped(transport: EnvelopedApi): WorkbenchApi {
  const client: Partial<Record<ApiChannel, unknown>> = {};
  for (const channel of API_CHANNELS) {
    client[channel] = async (request: unknown) => {
      const call = transport[channel] as (req: unknown) => Promise<ApiEnvelope<unknown>>;
      const envelope = await call(request);
      if (!envelope.ok) throw new ApiCallError(envelope.error);
      return envelope.value;
    };
  }
  return client as WorkbenchApi;
}

export const TOKEN_HEADER = 'X-Workbench-Token';

/** The bridge transport: POST /api/<channel> with the token header and the wire codec. */
export function bridgeTransport(token: string, fetchFn: typeof fetch = (...args) => fetch(...args), base = ''): EnvelopedApi {
  const transport: Partial<Record<ApiChannel, unknown>> = {};
  for (const channel of API_CHANNELS) {
    transport[channel] = async <C extends ApiChannel>(request: ApiRequest<C>): Promise<ApiEnvelope<ApiResponse<C>>> => {
      let response: Response;
      try {
        response = await fetchFn(`${base}/api/${channel}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: token },
          body: encodeWire(request ?? {}),
          credentials: 'omit',
          cache: 'no-store',
        });
      } catch {
        return { ok: false, error: { code: 'internal', message: 'The workbench is not running any more. Start it again with "npm start" and open the new address.' } };
      }
      const text = await response.text();
      try {
        return decodeWire(text) as ApiEnvelope<ApiResponse<C>>;
      } catch {
        return { ok: false, error: { code: 'internal', message: `The workbench answered ${response.status}: ${text.slice(0, 200)}` } };
      }
    };
  }
  return transport as EnvelopedApi;
}

const TOKEN_KEY = 'workbench-session-token';

/**
 * Take the session token from the URL fragment (#token=...), keep it for this tab only
 * (sessionStorage, so a reload still works), and remove it from the address bar.
 */
export function takeSessionToken(win: Window): string | null {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(win.location.hash);
  if (match) {
    try {
      win.sessionStorage.setItem(TOKEN_KEY, match[1]!);
    } catch {
      // Storage can be disabled; the token still works for this page load.
    }
    win.history.replaceState(null, '', win.location.pathname + win.location.search);
    return match[1]!;
  }
  try {
    return win.sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export interface Connection {
  mode: 'electron' | 'browser';
  api: WorkbenchApi;
  onMenuCommand: (listener: (command: MenuCommand) => void) => () => void;
}

/** Connect to whichever host the page runs in, or null when browser mode has no token. */
export function connect(win: Window): Connection | null {
  if (win.workbench) {
    const bridge = win.workbench;
    return { mode: 'electron', api: clientFromEnveloped(bridge), onMenuCommand: (l) => bridge.onMenuCommand(l) };
  }
  const token = takeSessionToken(win);
  if (!token) return null;
  return { mode: 'browser', api: clientFromEnveloped(bridgeTransport(token)), onMenuCommand: () => () => undefined };
}

/** A message for any thrown value. */
export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}
