import type { ApplicantViewState, PostingDto } from '@contract'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { dispatch } from '../../dispatch'
import { openTestWorkspace, type TestWorkspace } from '../testing/temp-workspace'

let workspace: TestWorkspace
let posting: PostingDto

beforeEach(async () => {
  workspace = await openTestWorkspace({ demo: true })
  const [summary] = await workspace.services.postings.list({})
  if (!summary) throw new Error('the demo posting is missing')
  posting = await workspace.services.postings.get(summary.id)
})
afterEach(() => workspace.dispose())

const call = (channel: string, input: unknown) => dispatch(channel, input, { services: workspace.services })

function assessedIds(): number[] {
  return posting.requirements
    .filter((requirement) => requirement.section !== 'benefit' && requirement.section !== 'other')
    .map((requirement) => requirement.id)
}

async function stateNaming(requirementId: number): Promise<ApplicantViewState> {
  const [stage] = await workspace.services.stages.list(posting.id)
  return {
    filters: {
      text: 'ada',
      stageId: stage?.id ?? null,
      status: 'active',
      source: 'LinkedIn',
      mustHaves: 'all_met',
      atLeast: [{ requirementId, rating: 'partial' }],
    },
    sort: { column: `req:${requirementId}`, direction: 'desc' },
    hidden: ['email', `req:${requirementId}`],
  }
}

describe('saved views', () => {
  it('saves, lists, renames, updates and deletes a view of the applicants table', async () => {
    const [first, second] = assessedIds()
    if (!first || !second) throw new Error('the demo posting needs two assessed items')
    const state = await stateNaming(first)
    const created = await call('views:create', {
      table: 'applicants',
      postingId: posting.id,
      name: 'Strong ones',
      state,
    })
    expect(created).toMatchObject({ ok: true, data: { name: 'Strong ones', state, dropped: [] } })
    if (!created.ok) return
    const view = created.data as { id: number }

    const duplicate = await call('views:create', {
      table: 'applicants',
      postingId: posting.id,
      name: 'strong ONES',
      state,
    })
    expect(duplicate).toMatchObject({ ok: false, error: { code: 'conflict' } })

    expect(await call('views:rename', { id: view.id, name: 'Shortlist' })).toMatchObject({
      ok: true,
      data: { name: 'Shortlist' },
    })
    const changed = { ...state, sort: { column: 'fit', direction: 'desc' } }
    expect(await call('views:update', { id: view.id, state: changed })).toMatchObject({
      ok: true,
      data: { state: changed },
    })
    const listed = await call('views:list', { table: 'applicants', postingId: posting.id })
    expect(listed).toMatchObject({ ok: true, data: [{ id: view.id, name: 'Shortlist', state: changed }] })

    expect(await call('views:remove', { id: view.id })).toEqual({ ok: true, data: { id: view.id } })
    expect(await call('views:list', { table: 'applicants', postingId: posting.id })).toEqual({ ok: true, data: [] })
    expect(await call('views:remove', { id: view.id })).toMatchObject({ ok: false, error: { code: 'not_found' } })
  })

  it('opens a view whose requirement was deleted since, leaving out what is gone', async () => {
    const [first, second] = assessedIds()
    if (!first || !second) throw new Error('the demo posting needs two assessed items')
    const state = await stateNaming(first)
    state.filters.atLeast.push({ requirementId: second, rating: 'met' })
    await workspace.services.views.create({ table: 'applicants', postingId: posting.id, name: 'Before', state })
    await workspace.services.postings.removeRequirement(first)

    const [view] = await workspace.services.views.list({ table: 'applicants', postingId: posting.id })
    expect(view?.dropped.sort()).toEqual(['column', 'ratingFilter', 'sort'])
    expect(view?.state).toEqual({
      filters: { ...state.filters, atLeast: [{ requirementId: second, rating: 'met' }] },
      sort: { column: 'applied', direction: 'desc' },
      hidden: ['email'],
    })
  })

  it('refuses at the contract a view naming what the posting lacks, or a malformed state', async () => {
    const [first] = assessedIds()
    if (!first) throw new Error('the demo posting needs an assessed item')
    const stale = await stateNaming(first)
    stale.filters.atLeast = [{ requirementId: 999_999, rating: 'met' }]
    const refused = await call('views:create', { table: 'applicants', postingId: posting.id, name: 'X', state: stale })
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', issues: [{ path: 'state.filters.atLeast.0.requirementId' }] },
    })
    const malformed = await call('views:create', {
      table: 'applicants',
      postingId: posting.id,
      name: 'Y',
      state: { ...stale, sort: { column: 'drop table', direction: 'up' } },
    })
    expect(malformed).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    const blank = await call('views:create', { table: 'applicants', postingId: posting.id, name: '  ', state: stale })
    expect(blank).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    expect(await workspace.services.views.list({ table: 'applicants', postingId: posting.id })).toEqual([])
  })

  it('opens a stored view that no longer parses as the default one, saying so', async () => {
    const [first] = assessedIds()
    if (!first) throw new Error('the demo posting needs an assessed item')
    const view = await workspace.services.views.create({
      table: 'applicants',
      postingId: posting.id,
      name: 'Old',
      state: await stateNaming(first),
    })
    await workspace.context.db
      .updateTable('saved_views')
      .set({ state: '{"filters":42}' })
      .where('id', '=', view.id)
      .execute()
    const [opened] = await workspace.services.views.list({ table: 'applicants', postingId: posting.id })
    expect(opened).toMatchObject({ name: 'Old', dropped: ['state'], state: { hidden: [], filters: { atLeast: [] } } })
  })
})
