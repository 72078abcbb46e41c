import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { dispatch } from '../../dispatch'
import { openTestWorkspace, type TestWorkspace } from '../testing/temp-workspace'

let workspace: TestWorkspace
beforeEach(async () => {
  workspace = await openTestWorkspace()
})
afterEach(() => workspace.dispose())

const call = (channel: string, input: unknown) => dispatch(channel, input, { services: workspace.services })

describe('the original file of a document', () => {
  it('comes back byte for byte, with its name and type, and says so when the stored file is gone', async () => {
    const { candidates } = workspace.services
    const candidate = await candidates.create({
      name: 'Elena Varga',
      emails: [],
      phones: [],
      links: [],
      location: '',
      source: '',
      tags: [],
      ifDuplicate: 'create',
    })
    const bytes = new TextEncoder().encode('Elena Varga\nelena@example.org\nGo, PostgreSQL\n')
    const attached = await candidates.attachDocument({ candidateId: candidate.id, fileName: 'elena-cv.txt', bytes })

    const result = await call('candidates:documentFile', { id: attached.document.id })
    const file = result.ok ? (result.data as { fileName: string; mimeType: string; contentBase64: string }) : null
    expect(file?.fileName).toBe('elena-cv.txt')
    expect(file?.mimeType).toMatch(/^text\/plain/)
    expect(Buffer.from(file?.contentBase64 ?? '', 'base64')).toEqual(Buffer.from(bytes))

    await workspace.context.files.delete(attached.document.sha256)
    const missing = await call('candidates:documentFile', { id: attached.document.id })
    expect(missing.ok === false && missing.error.code).toBe('not_found')
    expect(missing.ok === false && missing.error.message).toMatch(/missing/)
    expect(await call('candidates:documentFile', { id: 999 })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    })
  })
})
