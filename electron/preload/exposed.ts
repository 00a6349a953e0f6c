/**
 * Builds the object the preload exposes as window.workbench, from the API channel list and an
 * invoke function. A pure function so the exact shape (the API channels, onMenuCommand, nothing
 * else) is unit tested without Electron.
 */
import type { ApiChannel } from '../../shared/api.js';
import { ipcChannel, type MenuCommand, type WindowWorkbench } from '../../shared/apiSchemas.js';

export function buildPreloadApi(
  channels: readonly ApiChannel[],
  invoke: (ipcChannelName: string, request: unknown) => Promise<unknown>,
  subscribe: (listener: (command: MenuCommand) => void) => () => void,
): WindowWorkbench {
  const api: Record<string, unknown> = {};
  for (const channel of channels) {
    // One argument only: whatever else the page passes is dropped here.
    api[channel] = (request: unknown) => invoke(ipcChannel(channel), request);
  }
  api.onMenuCommand = (listener: (command: MenuCommand) => void) => {
    if (typeof listener !== 'function') throw new TypeError('onMenuCommand needs a function.');
    return subscribe(listener);
  };
  return Object.freeze(api) as unknown as WindowWorkbench;
}
