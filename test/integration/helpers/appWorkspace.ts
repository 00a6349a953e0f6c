import { openAppWorkspace, type AppWorkspace } from '../../../electron/workspace/appWorkspace.js';

/** fn over the workspace at path, opened for it and closed after it (as a new process would). */
export async function withAppWorkspace<T>(path: string, fn: (ws: AppWorkspace) => Promise<T>): Promise<T> {
  const ws = await openAppWorkspace({ path });
  try {
    return await fn(ws);
  } finally {
    await ws.close();
  }
}
