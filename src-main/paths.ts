import { homedir } from 'node:os'
import { join } from 'node:path'
import { resolveDatabaseTarget, type DatabaseTarget } from './core/db/open-database'

export const APP_NAME = 'Yardstick'

/** The folder Electron calls userData for this app, so the CLI finds the desktop app's data by default. */
export function defaultDataDir(): string {
  const home = homedir()
  switch (process.platform) {
    case 'win32':
      return join(process.env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_NAME)
    case 'darwin':
      return join(home, 'Library', 'Application Support', APP_NAME)
    default:
      return join(process.env.XDG_CONFIG_HOME ?? join(home, '.config'), APP_NAME)
  }
}

/** --data-dir wins over YARDSTICK_DATA_DIR, which wins over the per-user default. */
export function resolveDataDir(flag: string | undefined): string {
  return flag ?? process.env.YARDSTICK_DATA_DIR ?? defaultDataDir()
}

/** --database (a PostgreSQL URL) or --data-dir, then $YARDSTICK_DATABASE_URL or $YARDSTICK_DATA_DIR, then the default folder. */
export function resolveTarget(flags: { database?: string; dataDir?: string }): DatabaseTarget {
  return resolveDatabaseTarget(flags, process.env, defaultDataDir)
}
