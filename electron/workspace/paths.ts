/** Where a workspace lives by default: the user's own data folder, never a shared location. */
import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_FOLDER = 'IRO Workbench';

export function defaultDataFolder(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_FOLDER);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_FOLDER);
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'iro-workbench');
}

export function defaultWorkspacePath(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  return join(defaultDataFolder(env, platform), 'workspace.duckdb');
}
