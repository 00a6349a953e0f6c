/**
 * zod schemas for every WorkbenchApi request, and the one validated dispatcher that both doors into
 * the core use (Electron IPC handlers and the localhost HTTP bridge). Whatever arrives from the page
 * is untrusted: it is parsed here before the workspace sees it, and every failure comes back as an
 * ApiEnvelope error a person can act on.
 */
import { z } from 'zod';
import {
  API_CHANNELS,
  type ApiChannel,
  type ApiEnvelope,
  type ApiError,
  type ApiRequest,
  type ApiResponse,
  type CallContext,
  type ImportMessage,
  type WorkbenchApi,
} from './api.js';
import { MAX_RETURN_YEAR, MIN_RETURN_YEAR } from './domain/years.js';

const year = z
  .number({ error: 'Year must be a number, e.g. 2024.' })
  .int('Year must be a whole number, e.g. 2024.')
  .min(MIN_RETURN_YEAR, `Year must be ${MIN_RETURN_YEAR} or later.`)
  .max(MAX_RETURN_YEAR, `Year must be ${MAX_RETURN_YEAR} or earlier.`);

/** A column of a pack's table: a collection year, or a reporting month as yyyymm (202304) for a local pack by month. */
const period = z.union([
  year,
  z
    .number()
    .int()
    .min(MIN_RETURN_YEAR * 100 + 1)
    .max(MAX_RETURN_YEAR * 100 + 12)
    .refine((p) => p % 100 >= 1 && p % 100 <= 12, 'A month is given as yyyymm, e.g. 202304 for April 2023.'),
]);

/** Pack ids are short kebab-case names (age, legal-status, ...): nothing that could be a path or SQL. */
const packId = z
  .string()
  .min(1, 'A pack id is required.')
  .max(64)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'A pack id is lower-case letters, digits and hyphens.');

const suppress = z.number().int().min(0).max(100, 'Suppression threshold must be between 0 and 100.').nullable().optional();

/** Pack options are a handful of named switches, e.g. { sdqBasis: '5-16' }. */
const options = z
  .record(z.string().max(64).regex(/^[A-Za-z][A-Za-z0-9_-]*$/), z.string().max(256))
  .refine((o) => Object.keys(o).length <= 20, 'Too many pack options.')
  .optional();

const bytes = z.instanceof(Uint8Array, { error: 'File contents must be bytes.' });

/** 1 GiB: far above any 903 return, but a ceiling all the same. */
const MAX_FILE_BYTES = 1024 * 1024 * 1024;

const importFile = z
  .strictObject({
    name: z.string().min(1, 'Each file needs a name.').max(260),
    path: z.string().min(1).max(4096).optional(),
    data: bytes.refine((b) => b.byteLength <= MAX_FILE_BYTES, 'A file may be at most 1 GB.').optional(),
  })
  .refine((f) => (f.path === undefined) !== (f.data === undefined), 'Each file must come with either its path or its contents, not both.');

const empty = z.strictObject({});

/** An authority as the user names it: a name, a new E-code or an old three-digit code. */
const areaName = z.string().trim().min(1, 'Name the authority, or give its code.').max(120);

const queryRequest = z.strictObject({
  sql: z.string().trim().min(1, 'Type a query first.').max(200_000, 'The query is too long.'),
  allowWrite: z.boolean().optional(),
  limit: z.number().int().min(1).max(1_000_000).optional(),
  timeLimitSeconds: z.number().int().min(1).max(3600, 'The time limit is at most an hour (3600 seconds).').optional(),
  maxMegabytes: z.number().int().min(1).max(512, 'Results are limited to 512 MB at most.').optional(),
});

export const REQUEST_SCHEMAS = {
  'workspace.status': empty,
  'workspace.import': z.strictObject({
    year,
    files: z.array(importFile).min(1, 'Choose at least one file to import.').max(500, 'At most 500 files can be imported at once.'),
    blankUnreadable: z.boolean().optional(),
  }),
  'workspace.removeYear': z.strictObject({ year }),
  'workspace.activity': empty,
  'packs.list': empty,
  'pack.run': z.strictObject({ id: packId, suppress, options, includeIncompleteHistory: z.boolean().optional() }),
  'pack.drill': z.strictObject({
    pack: packId,
    year: period,
    key: z.string().max(200).optional(),
    options,
    maskIds: z.boolean().optional(),
    forExport: z.boolean().optional(),
  }),
  'query.run': queryRequest,
  'query.exportCsv': queryRequest,
  'query.cancel': empty,
  'export.xlsx': exportRequest(),
  'export.docx': exportRequest(),
  'published.status': empty,
  'published.import': z.strictObject({
    files: z.array(importFile).min(1, 'Choose at least one file to load.').max(100, 'At most 100 files can be loaded at once.'),
  }),
  'benchmarks.setAuthority': z.strictObject({
    authority: areaName.nullable(),
    comparators: z.array(areaName).max(200, 'At most 200 comparators.').nullable().optional(),
  }),
  'benchmarks.get': benchmarkRequest(),
  'benchmarks.xlsx': benchmarkRequest(),
  'benchmarks.docx': benchmarkRequest(),
  'localPacks.tables': empty,
  'localPacks.list': empty,
  // The spec itself is checked by the workspace against its schema and the table (messages name the field).
  'localPacks.save': z.strictObject({ spec: z.unknown() }),
  'localPacks.remove': z.strictObject({ id: packId }),
  'quality.summary': empty,
  'quality.findings': z.strictObject({
    year: year.optional(),
    rule: z.string().max(16).regex(/^[A-Za-z0-9]+$/, 'A rule code is letters and digits, e.g. 103 or W01.').optional(),
    maskIds: z.boolean().optional(),
    limit: z.number().int().min(1).max(1_000_000).optional(),
  }),
  'quality.export': z.strictObject({ format: z.enum(['xlsx', 'csv']), maskIds: z.boolean().optional() }),
  'report.outline': empty,
  // Checked by the workspace against reportOutlineSchema (its messages name the item).
  'report.saveOutline': z.strictObject({ outline: z.unknown() }),
  'report.docx': z.strictObject({ suppress, charts: z.record(packId, bytes).optional() }),
  'report.xlsx': z.strictObject({ suppress, charts: z.record(packId, bytes).optional() }),
  'style.get': empty,
  // The style is checked by the workspace against houseStyleSchema (its messages name the field), the logo by its bytes.
  'style.save': z.strictObject({ style: z.unknown(), logo: z.strictObject({ name: z.string().min(1).max(260), data: bytes }).nullable().optional() }),
} satisfies { [C in ApiChannel]: z.ZodType<ApiRequest<C>> };

function benchmarkRequest() {
  return z.strictObject({ year: year.nullable().optional() });
}

function exportRequest() {
  return z.strictObject({
    packs: z.array(packId).min(1, 'Choose at least one pack to export.').max(200),
    suppress,
    charts: z.record(packId, bytes).optional(),
    chartsDrawn: z.record(packId, z.strictObject({ years: z.array(year).max(100), alt: z.string().max(20_000) })).optional(),
    chartYears: z.record(packId, z.array(year).max(100)).optional(),
    includeCharts: z.boolean().optional(),
    includeIncompleteHistory: z.boolean().optional(),
    optionsByPack: z.record(packId, options.unwrap()).optional(),
  });
}

export function isApiChannel(channel: unknown): channel is ApiChannel {
  return typeof channel === 'string' && (API_CHANNELS as readonly string[]).includes(channel);
}

export type ParseResult<C extends ApiChannel> = { ok: true; value: ApiRequest<C> } | { ok: false; error: ApiError };

/** Validate one request for one channel. */
export function parseRequest<C extends ApiChannel>(channel: C, payload: unknown): ParseResult<C> {
  const schema = REQUEST_SCHEMAS[channel] as z.ZodType<ApiRequest<C>>;
  const parsed = schema.safeParse(payload ?? {});
  if (parsed.success) return { ok: true, value: parsed.data };
  const details = parsed.error.issues.map((issue) => {
    const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
    return `${where}${issue.message}`;
  });
  return { ok: false, error: { code: 'invalid-request', message: `The request to ${channel} was not valid. ${details.join('; ')}` } };
}

const ERROR_CODES: readonly ApiError['code'][] = ['invalid-request', 'import-refused', 'not-found', 'read-only', 'refused', 'sql-error', 'cancelled', 'limit', 'internal'];

/**
 * Turn anything thrown by the workspace into an ApiError. Errors that already carry one of our
 * codes keep their code, message and import messages; anything else is 'internal'.
 */
export function toApiError(thrown: unknown): ApiError {
  if (thrown && typeof thrown === 'object') {
    const e = thrown as { code?: unknown; message?: unknown; messages?: unknown };
    const message = typeof e.message === 'string' && e.message ? e.message : 'Something went wrong.';
    if (typeof e.code === 'string' && (ERROR_CODES as readonly string[]).includes(e.code)) {
      const error: ApiError = { code: e.code as ApiError['code'], message };
      if (Array.isArray(e.messages)) error.messages = e.messages as ImportMessage[];
      return error;
    }
    return { code: 'internal', message };
  }
  return { code: 'internal', message: typeof thrown === 'string' ? thrown : 'Something went wrong.' };
}

export interface DispatchOptions {
  /**
   * Whether a file path sent by the page may be read. Electron allows only paths the user picked in
   * a native dialog; the bridge allows none (a web page has no business naming files on disk).
   */
  allowPath?: (path: string) => boolean;
  /** Aborts when the caller has gone (the page closed): a query it started is cancelled. */
  signal?: AbortSignal;
}

/** Validate channel and request, call the workspace, and wrap the outcome in an envelope. Never throws. */
export async function dispatchApiCall(
  api: WorkbenchApi,
  channel: unknown,
  payload: unknown,
  options: DispatchOptions = {},
): Promise<ApiEnvelope<unknown>> {
  if (!isApiChannel(channel)) {
    return { ok: false, error: { code: 'invalid-request', message: `There is no API call named ${JSON.stringify(String(channel)).slice(0, 80)}.` } };
  }
  const parsed = parseRequest(channel, payload);
  if (!parsed.ok) return parsed;
  if (channel === 'workspace.import' || channel === 'published.import') {
    const request = parsed.value as ApiRequest<'workspace.import'>;
    const refused = request.files.find((f) => f.path !== undefined && !(options.allowPath?.(f.path) ?? false));
    if (refused) {
      return {
        ok: false,
        error: { code: 'invalid-request', message: `The file ${refused.name} was not chosen in this session's file dialog, so it cannot be read by path.` },
      };
    }
  }
  try {
    const call = api[channel] as (req: unknown, context: CallContext) => Promise<unknown>;
    return { ok: true, value: await call.call(api, parsed.value, options.signal ? { signal: options.signal } : {}) };
  } catch (thrown) {
    return { ok: false, error: toApiError(thrown) };
  }
}

/** The API as the page sees it across a process or network boundary: every call answers an envelope. */
export type EnvelopedApi = { [C in ApiChannel]: (req: ApiRequest<C>) => Promise<ApiEnvelope<ApiResponse<C>>> };

/**
 * Commands the native menu sends to the page (Electron only): open the import form with the files
 * the user picked in the native dialog, or open the export view. Validated in the preload before
 * the page sees them.
 */
export const MENU_COMMAND_SCHEMA = z.discriminatedUnion('command', [
  z.strictObject({
    command: z.literal('import'),
    files: z.array(z.strictObject({ name: z.string().min(1).max(260), path: z.string().min(1).max(4096) })).max(500),
  }),
  z.strictObject({ command: z.literal('export') }),
]);
export type MenuCommand = z.infer<typeof MENU_COMMAND_SCHEMA>;

/** What the preload puts on window.workbench: the enveloped API, plus the menu command listener. */
export type WindowWorkbench = EnvelopedApi & {
  /** Subscribe to native menu commands; returns the unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
};

/** The IPC channel main uses to send menu commands to the page. */
export const MENU_COMMAND_CHANNEL = 'workbench-menu-command';

/** The Electron IPC channel name of an API channel, e.g. 'workbench:pack.run'. */
export function ipcChannel(channel: string): string {
  return `workbench:${channel}`;
}
