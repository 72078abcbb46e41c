/** What stops a server process: the listener first (no new requests), then the workspace, then its folders. */
export type ShutdownStep = () => unknown

export interface ShutdownOptions {
  /** Where SIGINT and SIGTERM arrive; the process itself outside tests. */
  signals?: { once(event: 'SIGINT' | 'SIGTERM', listener: () => void): unknown }
  exit?: (code: number) => void
  /** A step that hangs (a stuck connection) must not keep the process alive for ever. */
  graceMs?: number
  log?: (message: string, error: unknown) => void
}

/**
 * Runs `steps` in order on the first SIGINT or SIGTERM, each awaited, then exits: 0 when all went well, 1 when
 * one failed (the later steps still run, so a failed close never leaves a scratch folder behind). Shared by the
 * web mode and the team server.
 */
export function stopOnSignals(steps: readonly ShutdownStep[], options: ShutdownOptions = {}): () => Promise<void> {
  const exit = options.exit ?? ((code: number) => process.exit(code))
  const log = options.log ?? ((message: string, error: unknown) => console.error(message, error))
  let stopping: Promise<void> | undefined
  const stop = () => {
    stopping ??= (async () => {
      const timer = setTimeout(() => exit(1), options.graceMs ?? 10_000)
      timer.unref()
      let failed = false
      for (const step of steps) {
        try {
          await step()
        } catch (error) {
          failed = true
          log('Stopping:', error)
        }
      }
      clearTimeout(timer)
      exit(failed ? 1 : 0)
    })()
    return stopping
  }
  const signals = options.signals ?? process
  signals.once('SIGINT', () => void stop())
  signals.once('SIGTERM', () => void stop())
  return stop
}
