import { EventEmitter } from 'node:events'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { stopOnSignals } from './shutdown'

/** A process stand-in that records the exit code instead of ending the test run. */
function harness() {
  const signals = new EventEmitter()
  const exits: number[] = []
  let exited: () => void = () => undefined
  const done = new Promise<void>((resolve) => (exited = resolve))
  const exit = (code: number) => {
    exits.push(code)
    exited()
  }
  return { signals, exits, done, exit }
}

describe('stopping a server process', () => {
  it('runs every step in order on SIGTERM, once, and exits 0', async () => {
    const { signals, exits, done, exit } = harness()
    const order: string[] = []
    const scratch = mkdtempSync(join(tmpdir(), 'yardstick-stop-'))
    stopOnSignals(
      [
        async () => {
          await new Promise((resolve) => setTimeout(resolve, 20))
          order.push('server')
        },
        () => order.push('workspace'),
        () => rmSync(scratch, { recursive: true, force: true }),
      ],
      { signals, exit },
    )
    signals.emit('SIGTERM')
    signals.emit('SIGINT')
    await done
    expect(order).toEqual(['server', 'workspace'])
    expect(existsSync(scratch)).toBe(false)
    expect(exits).toEqual([0])
  })

  it('still releases the scratch folder when closing the workspace fails, and exits 1', async () => {
    const { signals, exits, done, exit } = harness()
    const scratch = mkdtempSync(join(tmpdir(), 'yardstick-stop-'))
    const logged: unknown[] = []
    stopOnSignals(
      [
        () => {
          throw new Error('close failed')
        },
        () => rmSync(scratch, { recursive: true, force: true }),
      ],
      { signals, exit, log: (_message, error) => logged.push(error) },
    )
    signals.emit('SIGINT')
    await done
    expect(existsSync(scratch)).toBe(false)
    expect(exits).toEqual([1])
    expect(String(logged[0])).toContain('close failed')
  })

  it('exits 1 after the grace period when a step hangs', async () => {
    const { signals, exits, done, exit } = harness()
    stopOnSignals([() => new Promise(() => undefined)], { signals, exit, graceMs: 50 })
    signals.emit('SIGTERM')
    await done
    expect(exits).toEqual([1])
  })
})
