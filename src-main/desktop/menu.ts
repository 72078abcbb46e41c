import type { MenuItemConstructorOptions } from 'electron'

export interface MenuActions {
  openDataFolder: () => void
  openLogFile: () => void
}

/**
 * The application menu: the usual roles, so shortcuts (undo, copy, zoom …) work as on any desktop app.
 * Reload and developer tools only while developing: in use, a reload would drop unsaved input.
 */
export function menuTemplate(
  actions: MenuActions,
  { development, platform }: { development: boolean; platform: NodeJS.Platform },
): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin'
  const view: MenuItemConstructorOptions[] = [
    ...(development
      ? ([{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }] as const)
      : []),
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ]
  return [
    ...(mac ? [{ role: 'appMenu' } as const] : []),
    { role: 'fileMenu' },
    {
      label: 'Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    { label: 'View', submenu: view },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        { label: 'Open data folder', click: actions.openDataFolder },
        { label: 'Open log file', click: actions.openLogFile },
      ],
    },
  ]
}
