import { describe, expect, it } from 'vitest'
import { openTestWorkspace } from './temp-workspace'
import { collectRows, compareAnswers, describeDifferences, type WorkspaceAnswers } from './workspace-answers'

const answers = (entries: [string, unknown][]): WorkspaceAnswers => new Map(entries)

describe('comparing two workspaces’ answers', () => {
  it('finds nothing when every answer is the same, whatever the order the calls were made in', () => {
    const left = answers([
      ['report a', { rows: [{ cells: { n: 1 } }], generatedAt: 'x' }],
      ['search b', [{ id: 2 }]],
    ])
    const right = answers([
      ['search b', [{ id: 2 }]],
      ['report a', { rows: [{ cells: { n: 1 } }], generatedAt: 'x' }],
    ])
    expect(compareAnswers(left, right)).toEqual([])
  })

  it('names the call, the field and both values of each difference', () => {
    const left = answers([['report a', { tables: [{ rows: [{ cells: { median: 1.5, n: 3 } }] }] }]])
    const right = answers([['report a', { tables: [{ rows: [{ cells: { median: 1.25, n: 3 } }] }] }]])
    const differences = compareAnswers(left, right)
    expect(differences).toEqual([{ call: 'report a', path: '.tables[0].rows[0].cells.median', left: 1.5, right: 1.25 }])
    expect(describeDifferences(differences, ['SQLite', 'PostgreSQL'])).toBe(
      'report a.tables[0].rows[0].cells.median: SQLite 1.5 / PostgreSQL 1.25',
    )
  })

  it('sees rows in another order, a missing row, a missing field, a key order and a call asked on one side only', () => {
    const left = answers([
      ['page', { rows: [{ id: 1 }, { id: 2 }, { id: 3 }] }],
      ['page short', { rows: [{ id: 1 }, { id: 2 }] }],
      ['fields', { a: 1, b: null }],
      ['order', { a: 1, b: 2 }],
      ['only left', []],
    ])
    const right = answers([
      ['page', { rows: [{ id: 2 }, { id: 1 }, { id: 3 }] }],
      ['page short', { rows: [{ id: 1 }] }],
      ['fields', { a: 1 }],
      ['order', { b: 2, a: 1 }],
    ])
    const differences = compareAnswers(left, right)
    expect(differences.map((d) => `${d.call}${d.path}`)).toEqual([
      'page.rows[0].id',
      'page.rows[1].id',
      'page short.rows.length',
      'fields.b',
      'order (key order)',
      'only left',
    ])
    expect(differences.find((d) => d.call === 'only left')).toMatchObject({ left: 'answered', right: 'not asked' })
    expect(differences.find((d) => d.call === 'fields')).toMatchObject({ left: null, right: 'absent' })
  })

  it('tells a number from its text, as the wire would', () => {
    const differences = compareAnswers(answers([['count', { n: 3 }]]), answers([['count', { n: '3' }]]))
    expect(differences).toEqual([{ call: 'count', path: '.n', left: 3, right: '3' }])
  })

  it('reports a call that threw on one side once, with its error', () => {
    const failed = { threw: { code: '42601', message: 'syntax error at or near "MATCH"' } }
    const differences = compareAnswers(
      answers([['search x', { rows: [1, 2], total: 2 }]]),
      answers([['search x', failed]]),
    )
    expect(differences).toEqual([
      { call: 'search x', path: '', left: 'answered', right: 'threw 42601: syntax error at or near "MATCH"' },
    ])
    expect(compareAnswers(answers([['search x', failed]]), answers([['search x', failed]]))).toEqual([])
  })

  it('keeps at most the given number of differences per call', () => {
    const left = answers([['page', Array.from({ length: 20 }, (_, i) => i)]])
    const right = answers([['page', Array.from({ length: 20 }, (_, i) => i + 1)]])
    expect(compareAnswers(left, right, 3)).toHaveLength(3)
  })
})

describe("a workspace's stored rows, as compared", () => {
  it('keys rows by id, sorts JSON keys, and leaves out the search index and the workspace identity', async () => {
    const workspace = await openTestWorkspace()
    try {
      await workspace.services.demo.init()
      const rows = await collectRows(workspace)
      expect([...rows.keys()].some((table) => table.includes('candidate_search'))).toBe(false)
      const candidates = rows.get('table candidates') as Record<string, { id: number; name: string }>
      const [first] = Object.entries(candidates)
      expect(first?.[0]).toBe(`id=${first?.[1].id}`)
      const [settings] = Object.values(rows.get('table workspace') as Record<string, Record<string, unknown>>)
      expect(settings).toBeTruthy()
      expect(settings).not.toHaveProperty('uid')
      const activity = Object.values(rows.get('table activity') as Record<string, { detail: string }>)
      const detail = activity
        .map((entry) => entry.detail)
        .find((text) => Object.keys(JSON.parse(text) as object).length > 1)
      expect(detail).toBeDefined()
      const keys = Object.keys(JSON.parse(detail ?? '{}') as object)
      expect(keys).toEqual([...keys].sort())
    } finally {
      await workspace.dispose()
    }
  })
})
