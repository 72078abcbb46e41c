import { describe, expect, it } from 'vitest'
import { AppError } from '../errors'
import { JobRunner } from './job-runner'

describe('JobRunner', () => {
  it('reports progress and the result of a job', async () => {
    const runner = new JobRunner()
    let release = () => {}
    const gate = new Promise<void>((resolve) => (release = resolve))
    const job = runner.start('count', async ({ progress }) => {
      progress(3, 10, 'counting')
      await gate
      progress(10)
      return { counted: 10 }
    })
    await Promise.resolve()
    expect(runner.get(job.id)).toMatchObject({ status: 'running', done: 3, total: 10, message: 'counting' })
    release()
    expect(await runner.wait(job.id)).toMatchObject({ status: 'succeeded', done: 10, result: { counted: 10 } })
  })

  it('cancels a job that checks for cancellation', async () => {
    const runner = new JobRunner()
    const job = runner.start('loop', async ({ throwIfCancelled, progress }) => {
      for (let index = 0; ; index++) {
        throwIfCancelled()
        progress(index)
        await new Promise((resolve) => setTimeout(resolve, 1))
      }
    })
    runner.cancel(job.id)
    expect(await runner.wait(job.id)).toMatchObject({ status: 'cancelled', error: { code: 'cancelled' } })
  })

  it('ignores a cancel once the work is past its point of no return, and ends as the work does', async () => {
    const runner = new JobRunner()
    let abortedBefore = false
    const job = runner.start('publish', async (context) => {
      // A cancel just before the point of no return still aborts the signal; the work goes on regardless.
      runner.cancel(job.id)
      abortedBefore = context.signal.aborted
      context.uncancellable?.()
      await new Promise((resolve) => setTimeout(resolve, 1))
      runner.cancel(job.id)
      return { published: 3 }
    })
    expect(await runner.wait(job.id)).toMatchObject({ status: 'succeeded', result: { published: 3 }, error: null })
    expect(abortedBefore).toBe(true)
  })

  it('keeps expected failures and hides unexpected ones', async () => {
    const runner = new JobRunner()
    const expected = runner.start('bad', () => Promise.reject(new AppError('invalid_input', 'Row 3 is bad.')))
    const unexpected = runner.start('crash', () => Promise.reject(new Error('segfault details')))
    expect(await runner.wait(expected.id)).toMatchObject({
      status: 'failed',
      error: { code: 'invalid_input', message: 'Row 3 is bad.' },
    })
    const crashed = await runner.wait(unexpected.id)
    expect(crashed).toMatchObject({ status: 'failed', error: { code: 'internal' } })
    expect(crashed.error?.message).not.toContain('segfault')
  })

  it('refuses unknown jobs', () => {
    expect(() => new JobRunner().get('00000000-0000-4000-8000-000000000000')).toThrow(AppError)
  })
})
