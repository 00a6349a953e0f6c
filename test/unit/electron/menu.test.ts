import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { buildMenuTemplate } from '../../../electron/main/menu.js';

function items(menu: MenuItemConstructorOptions | undefined): MenuItemConstructorOptions[] {
  return (menu?.submenu ?? []) as MenuItemConstructorOptions[];
}

describe('native menu', () => {
  it('has File: Import year…, Export…, Quit, wired to the actions', () => {
    const actions = { importYear: vi.fn(), exportReport: vi.fn() };
    const template = buildMenuTemplate(actions, 'win32');
    const file = template.find((m) => m.label === '&File');
    const labels = items(file).filter((i) => i.type !== 'separator').map((i) => i.label);
    expect(labels).toEqual(['Import year…', 'Export…', 'Quit']);
    const click = (id: string) => (items(file).find((i) => i.id === id)!.click as () => void)();
    click('import-year');
    click('export');
    expect(actions.importYear).toHaveBeenCalledTimes(1);
    expect(actions.exportReport).toHaveBeenCalledTimes(1);
    expect(items(file).find((i) => i.id === 'quit')!.role).toBe('quit');
  });

  it('has no developer tools or reload entries', () => {
    const all = buildMenuTemplate({ importYear: vi.fn(), exportReport: vi.fn() }, 'linux').flatMap((m) => items(m));
    const roles = all.map((i) => i.role);
    expect(roles).not.toContain('toggleDevTools');
    expect(roles).not.toContain('reload');
    expect(roles).not.toContain('forceReload');
  });

  it('uses the app menu on macOS', () => {
    const template = buildMenuTemplate({ importYear: vi.fn(), exportReport: vi.fn() }, 'darwin');
    expect(template[0]!.role).toBe('appMenu');
  });
});
