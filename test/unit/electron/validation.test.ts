import { describe, expect, it } from 'vitest';
import { API_CHANNELS } from '../../../shared/api.js';
import { isApiChannel, MENU_COMMAND_SCHEMA, parseRequest, REQUEST_SCHEMAS, toApiError } from '../../../shared/apiSchemas.js';

const bytes = new Uint8Array([1, 2, 3]);

describe('request schemas', () => {
  it('exist for every API channel and nothing else', () => {
    expect(Object.keys(REQUEST_SCHEMAS).sort()).toEqual([...API_CHANNELS].sort());
    expect(isApiChannel('pack.run')).toBe(true);
    expect(isApiChannel('pack.delete')).toBe(false);
    expect(isApiChannel(42)).toBe(false);
  });

  it('accept the requests the UI makes', () => {
    const good: [string, unknown][] = [
      ['workspace.status', {}],
      ['workspace.import', { year: 2024, files: [{ name: 'header.csv', data: bytes }] }],
      ['workspace.import', { year: 2019, files: [{ name: 'episodes.csv', path: '/home/a/episodes.csv' }] }],
      ['workspace.removeYear', { year: 2020 }],
      ['workspace.activity', {}],
      ['packs.list', {}],
      ['pack.run', { id: 'legal-status', suppress: 5 }],
      ['pack.run', { id: 'sdq', suppress: null, options: { basis: '5-16' } }],
      ['pack.drill', { pack: 'age', year: 2024, key: '10-15', maskIds: true }],
      ['pack.drill', { pack: 'age', year: 2024 }],
      ['query.run', { sql: 'SELECT 1', allowWrite: false, limit: 100 }],
      ['export.xlsx', { packs: ['age', 'cla'], suppress: 5, charts: { age: bytes } }],
      ['export.docx', { packs: ['age'], optionsByPack: { age: { by: 'gender' } } }],
      ['export.docx', { packs: ['age'] }],
    ];
    for (const [channel, payload] of good) {
      const parsed = parseRequest(channel as never, payload);
      expect(parsed.ok, `${channel} ${JSON.stringify(payload)}`).toBe(true);
    }
  });

  it('refuse malformed requests with a message naming the field', () => {
    const bad: [string, unknown, RegExp][] = [
      ['workspace.status', { extra: 1 }, /Unrecognized key|extra/],
      ['workspace.import', { year: 2024, files: [] }, /at least one file/],
      ['workspace.import', { year: 24, files: [{ name: 'a.csv', data: bytes }] }, /year: Year must be 1990 or later/],
      ['workspace.import', { year: 2024.5, files: [{ name: 'a.csv', data: bytes }] }, /whole number/],
      ['workspace.import', { year: 2024, files: [{ name: 'a.csv' }] }, /either its path or its contents/],
      ['workspace.import', { year: 2024, files: [{ name: 'a.csv', data: bytes, path: '/x' }] }, /either its path or its contents/],
      ['workspace.import', { year: 2024, files: [{ name: 'a.csv', data: 'not bytes' }] }, /bytes/],
      ['workspace.removeYear', { year: '2024' }, /year/],
      ['pack.run', { id: 'Age; DROP TABLE x' }, /pack id/],
      ['pack.run', { id: 'age', suppress: 1000 }, /between 0 and 100/],
      ['pack.run', { id: 'age', options: { 'bad key': 'x' } }, /options/],
      ['pack.drill', { pack: 'age' }, /year/],
      ['query.run', { sql: '   ' }, /Type a query first/],
      ['query.run', { sql: 'SELECT 1', allowWrite: 'yes' }, /allowWrite/],
      ['export.xlsx', { packs: [] }, /at least one pack/],
      ['export.xlsx', { packs: ['age'], charts: { age: 'png' } }, /charts/],
      ['export.xlsx', { packs: ['age'], optionsByPack: { age: { by: 7 } } }, /optionsByPack/],
    ];
    for (const [channel, payload, message] of bad) {
      const parsed = parseRequest(channel as never, payload);
      expect(parsed.ok, `${channel} ${JSON.stringify(payload)}`).toBe(false);
      if (!parsed.ok) {
        expect(parsed.error.code).toBe('invalid-request');
        expect(parsed.error.message).toMatch(message);
        expect(parsed.error.message).toContain(channel);
      }
    }
  });

  it('treat a missing request as an empty one', () => {
    expect(parseRequest('packs.list', undefined).ok).toBe(true);
    expect(parseRequest('pack.run', undefined).ok).toBe(false);
  });
});

describe('errors across the boundary', () => {
  it('keep our codes, messages and import messages; anything else is internal', () => {
    expect(toApiError(Object.assign(new Error('Only SELECT'), { code: 'read-only' }))).toEqual({ code: 'read-only', message: 'Only SELECT' });
    const messages = [{ level: 'error', file: 'a.csv', row: 3, column: 'DOB', text: 'Not a date' }];
    expect(toApiError({ code: 'import-refused', message: 'Refused', messages })).toEqual({ code: 'import-refused', message: 'Refused', messages });
    expect(toApiError(Object.assign(new Error('disk full'), { code: 'ENOSPC' }))).toEqual({ code: 'internal', message: 'disk full' });
    expect(toApiError('boom')).toEqual({ code: 'internal', message: 'boom' });
    expect(toApiError(null)).toEqual({ code: 'internal', message: 'Something went wrong.' });
  });
});

describe('menu commands', () => {
  it('are validated before the page sees them', () => {
    expect(MENU_COMMAND_SCHEMA.safeParse({ command: 'export' }).success).toBe(true);
    expect(MENU_COMMAND_SCHEMA.safeParse({ command: 'import', files: [{ name: 'a.csv', path: '/a.csv' }] }).success).toBe(true);
    expect(MENU_COMMAND_SCHEMA.safeParse({ command: 'run', script: 'x' }).success).toBe(false);
    expect(MENU_COMMAND_SCHEMA.safeParse({ command: 'import', files: [{ name: 'a.csv' }] }).success).toBe(false);
  });
});
