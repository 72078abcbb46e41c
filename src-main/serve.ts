import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { AppError } from './core/errors'
import { openWorkspace } from './core/services'
import { dispatch } from './dispatch'
import { appVersion, rendererDir, repoRoot, resourcesDir } from './node-entry'
import { openDatabaseAt, workspacePlace } from './core/db/open-database'
import { resolveTarget } from './paths'
import { stopOnSignals } from './shutdown'
import { startWebServer } from './web'

const USAGE = 'Usage: npm run web -- [--data-dir DIR | --database postgres://…] [--port N] [--first-run ask|demo]'

/** The renderer is rebuilt when any of its sources is newer than the last build. */
function rendererIsStale(): boolean {
  const built = join(rendererDir, 'index.html')
  if (!existsSync(built)) return true
  const builtAt = statSync(built).mtimeMs
  const newer = (path: string): boolean =>
    statSync(path).isDirectory()
      ? readdirSync(path).some((name) => newer(join(path, name)))
      : statSync(path).mtimeMs > builtAt
  return ['src-renderer', 'src-preload', 'electron.vite.config.ts'].some((path) => newer(join(repoRoot, path)))
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      database: { type: 'string' },
      port: { type: 'string', default: '0' },
      'first-run': { type: 'string', default: 'ask' },
    },
    strict: true,
  })
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw AppError.of('serve_port_invalid', { value: String(values.port) })
  // Before the build: a database that cannot be used is reported at once.
  const target = resolveTarget({ database: values.database, dataDir: values['data-dir'] })
  if (target.kind === 'postgres') await (await openDatabaseAt(target)).close()
  const place = await workspacePlace(target)
  const firstRun = values['first-run']
  if (firstRun !== 'ask' && firstRun !== 'demo')
    throw AppError.of('serve_first_run_invalid', { value: String(firstRun) })
  if (rendererIsStale()) {
    console.error('Building the app (first start or sources changed)…')
    const build = spawnSync(
      process.execPath,
      [join(repoRoot, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'],
      {
        cwd: repoRoot,
        stdio: ['ignore', process.stderr, process.stderr],
      },
    )
    if (build.status !== 0) throw new Error('The build failed; see the output above.')
  }
  const workspace = await openWorkspace({
    dataDir: place.dataDir,
    ...(place.postgresUrl !== undefined ? { postgresUrl: place.postgresUrl } : {}),
    resourcesDir,
    appVersion: appVersion(),
    // "demo" skips the first-run question (scripted runs, tests): the plain demo, acted as its first person.
    demoOnFirstRun: firstRun === 'demo',
    holder: 'Yardstick in web mode',
    checkpointInBackground: true,
    applyRetentionPolicy: true,
  })
  const context = { services: workspace.services }
  const server = await startWebServer({
    port,
    rendererDir,
    dispatch: (channel, input) => dispatch(channel, input, context),
  })
  console.log(`Yardstick web mode: open ${server.launchUrl}`)
  console.error(
    `${place.postgresUrl === undefined ? 'Data folder' : 'PostgreSQL workspace'}: ${place.location}. Listening on 127.0.0.1 only; press Ctrl+C to stop.`,
  )
  stopOnSignals([() => server.close(), () => workspace.close(), () => place.release()])
}

main().catch((error: unknown) => {
  console.error(error instanceof AppError || error instanceof TypeError ? error.message : error)
  console.error(USAGE)
  process.exit(1)
})
