import { describe, expect, it, vi } from 'vitest';
import { API_CHANNELS } from '../../../shared/api.js';
import { buildPreloadApi } from '../../../electron/preload/exposed.js';

describe('what the preload exposes', () => {
  it('is exactly one function per API channel plus onMenuCommand, frozen', () => {
    const exposed = buildPreloadApi(API_CHANNELS, vi.fn(), vi.fn());
    expect(Object.keys(exposed).sort()).toEqual([...API_CHANNELS, 'onMenuCommand'].sort());
    expect(Object.isFrozen(exposed)).toBe(true);
    for (const value of Object.values(exposed)) expect(typeof value).toBe('function');
  });

  it('invokes the prefixed IPC channel with the one request argument only', async () => {
    const invoke = vi.fn(async () => ({ ok: true, value: [] }));
    const exposed = buildPreloadApi(API_CHANNELS, invoke, vi.fn());
    await (exposed['pack.run'] as (...a: unknown[]) => Promise<unknown>)({ id: 'age' }, 'smuggled', { more: 1 });
    expect(invoke).toHaveBeenCalledWith('workbench:pack.run', { id: 'age' });
    expect(invoke.mock.calls[0]).toHaveLength(2);
  });

  it('hands menu listeners to the subscription and returns its unsubscribe', () => {
    const unsubscribe = vi.fn();
    const subscribe = vi.fn(() => unsubscribe);
    const exposed = buildPreloadApi(API_CHANNELS, vi.fn(), subscribe);
    const listener = vi.fn();
    expect(exposed.onMenuCommand(listener)).toBe(unsubscribe);
    expect(subscribe).toHaveBeenCalledWith(listener);
    expect(() => exposed.onMenuCommand('x' as never)).toThrow(TypeError);
  });
});
