import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { channels } from '../dispatch'
import { commands } from './commands'
import { localTooling } from './tooling'

describe('command line commands', () => {
  it('each name a channel of the contract, or are local tooling listed with the reason', () => {
    for (const command of commands) {
      if (command.tooling) expect(localTooling[command.name], command.name).toBeTruthy()
      else expect(channels, command.name).toContain(command.channel)
    }
  })

  it('list as tooling only commands that exist and name no channel', () => {
    const tooling = commands.filter((command) => command.tooling).map((command) => command.name)
    expect(Object.keys(localTooling).sort()).toEqual(tooling.sort())
    expect(tooling.length).toBeLessThan(commands.length / 4)
  })

  it('reach the workspace only through dispatch(), except local tooling', () => {
    const sources = ['applications', 'candidates', 'interviews', 'ladders', 'postings', 'privacy', 'reports']
    for (const file of sources) {
      const source = readFileSync(join(import.meta.dirname, `${file}.ts`), 'utf8')
      expect(source, file).not.toMatch(/\bservices\./)
    }
  })
})
