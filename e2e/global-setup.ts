import { execFileSync } from 'node:child_process'
import { join } from 'node:path'

/** Builds the app once, so every test's web server starts from the same fresh bundle. */
export default function globalSetup(): void {
  const root = join(import.meta.dirname, '..')
  execFileSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  })
}
