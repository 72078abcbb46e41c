import { existsSync } from 'node:fs'
import { isIP } from 'node:net'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { AppError } from './core/errors'
import { openWorkspace } from './core/services'
import { appVersion, rendererDir, resourcesDir } from './node-entry'
import { defaultDataDir, resolveTarget } from './paths'
import { stopOnSignals } from './shutdown'
import { startTeamServer } from './team-server'

const USAGE =
  'Usage: npm run server -- --database postgres://… [--host H] [--port P] [--public-url URL] [--trust-proxy] [--files-dir DIR]\n' +
  '       npm run server -- --data-dir DIR …   (a local data folder, for trials)'

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      database: { type: 'string' },
      'data-dir': { type: 'string' },
      'files-dir': { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '8080' },
      'public-url': { type: 'string' },
      'trust-proxy': { type: 'boolean', default: false },
    },
    strict: true,
  })
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw AppError.of('serve_port_invalid', { value: String(values.port) })
  if (isIP(values.host) === 0 && values.host !== 'localhost')
    throw AppError.of('server_host_invalid', { value: values.host })
  let publicUrl: URL | undefined
  if (values['public-url'] !== undefined) {
    publicUrl = URL.canParse(values['public-url']) ? new URL(values['public-url']) : undefined
    if (!publicUrl || !['http:', 'https:'].includes(publicUrl.protocol))
      throw AppError.of('server_public_url_invalid', { value: values['public-url'] })
  }
  if (!existsSync(join(rendererDir, 'index.html')))
    throw new Error('The app is not built yet: run `npm run build` first, then start the server again.')
  const target = resolveTarget({ database: values.database, dataDir: values['data-dir'] })
  const dataDir =
    target.kind === 'sqlite' ? target.dataDir : (values['files-dir'] ?? join(defaultDataDir(), 'team-server'))
  const workspace = await openWorkspace({
    dataDir,
    ...(target.kind === 'postgres' ? { postgresUrl: target.url } : {}),
    resourcesDir,
    appVersion: appVersion(),
    demoOnFirstRun: false,
    holder: 'the Yardstick team server',
    checkpointInBackground: true,
    applyRetentionPolicy: true,
  })
  const server = await startTeamServer({
    services: workspace.services,
    rendererDir,
    host: values.host,
    port,
    publicUrl,
    trustProxy: values['trust-proxy'],
  })
  const where = target.kind === 'postgres' ? 'a PostgreSQL database' : `the data folder ${dataDir}`
  console.log(`Yardstick team server on ${server.url} (${where}); people sign in at ${publicUrl?.href ?? server.url}`)
  // The files folder stays: on PostgreSQL it keeps the team's résumés and attachments between starts.
  stopOnSignals([() => server.close(), () => workspace.close()])
}

main().catch((error: unknown) => {
  console.error(error instanceof AppError || error instanceof TypeError ? error.message : error)
  console.error(USAGE)
  process.exit(1)
})
