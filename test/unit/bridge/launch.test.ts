import { describe, expect, it } from 'vitest';
import { browserOpenCommand, parseStartArgs, workspaceInUseMessage } from '../../../electron/bridge/launch.js';

describe('npm start', () => {
  it('opens the browser unless told not to', () => {
    expect(parseStartArgs([])).toMatchObject({ mode: 'auto', open: true, samples: true });
    expect(parseStartArgs(['--browser', '--no-open'])).toMatchObject({ mode: 'browser', open: false });
    expect(parseStartArgs(['--open-wide'])).toEqual({ error: 'Unknown option --open-wide. Try --help.' });
  });

  it("uses each system's own way to open an address, and none on Linux without a display", () => {
    const url = 'http://127.0.0.1:5177/?token=a&b';
    expect(browserOpenCommand(url, 'darwin', {})).toEqual({ command: 'open', args: [url] });
    expect(browserOpenCommand(url, 'win32', {})).toEqual({ command: 'cmd', args: ['/c', 'start', '""', 'http://127.0.0.1:5177/?token=a^&b'] });
    expect(browserOpenCommand(url, 'linux', { DISPLAY: ':0' })).toEqual({ command: 'xdg-open', args: [url] });
    expect(browserOpenCommand(url, 'linux', {})).toBeNull();
  });

  it('says plainly when the workspace is open elsewhere, and nothing for other errors', () => {
    const duck = new Error('IO Error: Could not set lock on file "/w.duckdb": Conflicting lock is held in /usr/bin/node (PID 42)');
    expect(workspaceInUseMessage(duck, '/w.duckdb')).toMatch(/^The workspace \/w.duckdb is already open in another workbench/);
    const core = Object.assign(new Error('The workspace /w.duckdb is already open in another window or process (PID 42, node).'), { code: 'workspace-in-use' });
    expect(workspaceInUseMessage(core, '/w.duckdb')).toBe(core.message);
    expect(workspaceInUseMessage(new Error('disk full'), '/w.duckdb')).toBeNull();
  });
});
