import { contract } from '@contract'
import { describe, expect, it } from 'vitest'
import { validationError } from './validation'

function refused(schema: { safeParse(input: unknown): { success: boolean; error?: unknown } }, input: unknown) {
  const parsed = schema.safeParse(input)
  if (parsed.success) throw new Error('expected a refusal')
  return validationError(parsed.error as Parameters<typeof validationError>[0])
}

describe('validation errors', () => {
  it('names the field, keeps the English message and gives every issue a key and its parameters', () => {
    const error = refused(contract.candidates.create.input, { name: 'x'.repeat(300), emails: ['ana@example.org'] })
    expect(error).toMatchObject({
      code: 'invalid_input',
      key: 'invalid_field',
      params: { field: 'name' },
      issues: [{ path: 'name', key: 'v_too_long', params: { maximum: 200 } }],
    })
    expect(error.message).toMatch(/^name: Too long/)
  })

  it('maps a missing field, an unknown option and a contract refinement to their keys', () => {
    expect(refused(contract.candidates.get.input, {}).issues).toMatchObject([{ path: 'id', key: 'v_required' }])
    expect(refused(contract.candidates.list.input, { sort: 'age' }).issues).toMatchObject([
      { path: 'sort', key: 'v_one_of', params: { values: expect.stringContaining('name') as unknown } },
    ])
    expect(
      refused(contract.reports.run.input, { name: 'funnel', filters: { from: '2026-03-01', to: '2026-01-01' } }).issues,
    ).toMatchObject([{ key: 'v_date_range' }])
    expect(
      refused(contract.reports.run.input, { name: 'funnel', filters: { from: '2026-13-01' } }).issues,
    ).toMatchObject([{ path: 'filters.from', key: 'v_not_calendar_date' }])
    expect(refused(contract.candidates.get.input, { id: 1, extra: true }).issues).toMatchObject([
      { key: 'v_unknown_fields', params: { keys: 'extra' } },
    ])
  })
})
