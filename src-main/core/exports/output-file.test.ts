import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { tempDir } from '../testing/temp-workspace'
import { writeFileAtomically } from './output-file'

let dir: ReturnType<typeof tempDir>
beforeEach(() => {
  dir = tempDir()
})
afterEach(() => {
  chmodSync(dir.path, 0o700)
  dir.remove()
})

const writeText = (text: string) => (temp: string) => writeFile(temp, text)

/** Root ignores folder permissions; a path below a regular file is then the honest unwritable folder. */
function unwritableFolder(): { folder: string; reason: RegExp } {
  if (process.getuid?.() !== 0) {
    const folder = join(dir.path, 'locked')
    mkdirSync(folder)
    chmodSync(folder, 0o500)
    return { folder, reason: /permission denied/ }
  }
  const file = join(dir.path, 'a-file')
  writeFileSync(file, 'not a folder')
  return { folder: file, reason: /is not a folder/ }
}

describe('writeFileAtomically', () => {
  it('writes the file and leaves no temporary file', async () => {
    const path = join(dir.path, 'report.csv')
    const size = await writeFileAtomically(path, writeText('hello'))
    expect(size).toBe(5)
    expect(readFileSync(path, 'utf8')).toBe('hello')
    expect(readdirSync(dir.path)).toEqual(['report.csv'])
  })

  it('refuses a folder that does not exist, clearly', async () => {
    const path = join(dir.path, 'missing', 'report.csv')
    await expect(writeFileAtomically(path, writeText('x'))).rejects.toThrow(/the folder .*missing does not exist/)
  })

  it('refuses a folder it cannot write in, before doing any work', async () => {
    const { folder, reason } = unwritableFolder()
    let worked = false
    await expect(
      writeFileAtomically(join(folder, 'report.csv'), () => {
        worked = true
        return Promise.resolve()
      }),
    ).rejects.toThrow(reason)
    expect(worked).toBe(false)
    expect(existsSync(join(folder, 'report.csv'))).toBe(false)
  })

  it('refuses a target that is a folder', async () => {
    await expect(writeFileAtomically(dir.path, writeText('x'))).rejects.toThrow(/it is a folder/)
  })

  it('removes the temporary file when the writer fails', async () => {
    const path = join(dir.path, 'report.csv')
    await expect(
      writeFileAtomically(path, async (temp) => {
        await writeFile(temp, 'half')
        throw new Error('disk on fire')
      }),
    ).rejects.toThrow('disk on fire')
    expect(readdirSync(dir.path)).toEqual([])
  })
})
