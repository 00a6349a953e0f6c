import { describe, expect, it, vi } from 'vitest';
import { API_CHANNELS, type ApiEnvelope } from '../../../shared/api.js';
import { ipcChannel } from '../../../shared/apiSchemas.js';
import { GrantedPaths, registerApiHandlers, type InvokeEventLike, type IpcMainLike } from '../../../electron/main/ipcHandlers.js';
import { FakeApi } from '../../ui/fakeApi.js';

type Listener = (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>;

function fakeIpc() {
  const handlers = new Map<string, Listener>();
  const ipc: IpcMainLike = {
    handle: (channel, listener) => {
      if (handlers.has(channel)) throw new Error(`twice: ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler: (channel) => handlers.delete(channel),
  };
  return { ipc, handlers };
}

const APP = 'file:///opt/iro/dist/renderer/index.html';
const mainFrame = { url: APP };
const fromApp: InvokeEventLike = { senderFrame: mainFrame, sender: { mainFrame } };

function setup() {
  const { ipc, handlers } = fakeIpc();
  const api = new FakeApi({ years: [2023, 2024] });
  const granted = new GrantedPaths();
  const isTrustedSender = vi.fn((url: string | null, isMain: boolean) => isMain && url === APP);
  const unregister = registerApiHandlers(ipc, api, { isTrustedSender, allowPath: (p) => granted.has(p) });
  const invoke = (channel: string, payload: unknown, event: InvokeEventLike = fromApp) => handlers.get(ipcChannel(channel))!(event, payload) as Promise<ApiEnvelope<unknown>>;
  return { handlers, api, granted, invoke, unregister, isTrustedSender };
}

describe('IPC handlers', () => {
  it('register one handler per API channel, and remove them all again', () => {
    const { handlers, unregister } = setup();
    expect([...handlers.keys()].sort()).toEqual(API_CHANNELS.map((c) => `workbench:${c}`).sort());
    unregister();
    expect(handlers.size).toBe(0);
  });

  it('answer the app page with the workspace value', async () => {
    const { invoke, api } = setup();
    const reply = await invoke('pack.run', { id: 'age', suppress: 5 });
    expect(reply.ok).toBe(true);
    expect(api.callsTo('pack.run')).toEqual([{ id: 'age', suppress: 5 }]);
  });

  it('refuse a subframe, another page, or a frame-less sender, without calling the workspace', async () => {
    const { invoke, api } = setup();
    const sub = { url: APP };
    const other = { url: 'https://example.org/' };
    for (const event of [
      { senderFrame: sub, sender: { mainFrame } },
      { senderFrame: other, sender: { mainFrame: other } },
      { senderFrame: null, sender: { mainFrame } },
    ] satisfies InvokeEventLike[]) {
      const reply = await invoke('packs.list', {}, event);
      expect(reply).toEqual({ ok: false, error: { code: 'invalid-request', message: 'This call did not come from the workbench window and was refused.' } });
    }
    expect(api.calls).toHaveLength(0);
  });

  it('validate the request before the workspace sees it', async () => {
    const { invoke, api } = setup();
    const reply = await invoke('workspace.removeYear', { year: 'all' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(api.calls).toHaveLength(0);
  });

  it('read by path only files the user picked in the native dialog', async () => {
    const { invoke, api, granted } = setup();
    const refused = await invoke('workspace.import', { year: 2024, files: [{ name: 'passwd', path: '/etc/passwd' }] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-request', message: expect.stringMatching(/passwd was not chosen/) } });
    expect(api.callsTo('workspace.import')).toHaveLength(0);
    granted.grant(['/home/a/2024/header.csv']);
    const allowed = await invoke('workspace.import', { year: 2024, files: [{ name: 'header.csv', path: '/home/a/2024/header.csv' }] });
    expect(allowed.ok).toBe(true);
    expect(api.callsTo('workspace.import')).toHaveLength(1);
  });

  it('turn workspace errors into envelopes, keeping their code', async () => {
    const { invoke } = setup();
    expect(await invoke('query.run', { sql: 'DELETE FROM header' })).toEqual({ ok: false, error: { code: 'read-only', message: 'The SQL editor is read-only.' } });
    expect(await invoke('pack.run', { id: 'nope' })).toEqual({ ok: false, error: { code: 'not-found', message: 'There is no pack called nope.' } });
  });
});
