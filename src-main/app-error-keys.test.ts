import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * An error a person reads is raised as a key with parameters (`AppError.of`), so that the renderer and the
 * CLI can say it in the user's language. An English sentence written inside `new AppError(code, '…')` would
 * reach a French screen in English; this scans every non-test source of src-main for one.
 */
const INLINE_MESSAGE = /new\s+(?:AppError|StoppedWithResultError)\s*\(\s*[^,()]+,\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1/g

/** A literal counts as English when its own text (outside `${…}`) holds a word; `${error.message} ${kept}` passes the words of another error on. */
const hasWords = (literal: string): boolean => /[A-Za-z]{2,}/.test(literal.replace(/\$\{[^}]*\}/g, ''))

const root = import.meta.dirname

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sources(path)
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')
      ? [relative(root, path).split(sep).join('/')]
      : []
  })
}

function inlineMessages(path: string, text: string): string[] {
  return [...text.matchAll(INLINE_MESSAGE)]
    .filter((match) => hasWords(match[2] ?? ''))
    .map((match) => `${path}:${text.slice(0, match.index).split('\n').length}`)
}

describe('errors are raised as message keys', () => {
  const files = sources(root)

  it('scans the sources it is meant to scan', () => {
    expect(files).toContain('core/errors.ts')
    expect(files).toContain('serve.ts')
    expect(files).toContain('core/interviews/scorecard-service.ts')
    expect(files.some((path) => path.endsWith('.test.ts'))).toBe(false)
  })

  it('finds no English sentence written into new AppError(…) outside tests', () => {
    const found = files.flatMap((path) => inlineMessages(path, readFileSync(join(root, path), 'utf8')))
    expect(found, 'raise these with AppError.of(key, params) and a key in error-messages.ts').toEqual([])
  })

  it('recognises an inline message however it is written, and lets keyed raises pass', () => {
    const inline = [
      "throw new AppError('conflict', 'This changed meanwhile.')",
      'throw new AppError(\n  "not_found",\n  `Posting ${id} does not exist.`,\n)',
      'new StoppedWithResultError(code, `Cancelled. ${kept}`, stopped)',
      "new AppError(reply.code, 'The worker failed', issues)",
    ]
    for (const sample of inline) expect(inlineMessages('sample.ts', sample), sample).toHaveLength(1)
    const keyed = [
      "throw AppError.of('posting_not_found', { id })",
      'new AppError(errorMessages[key].code, englishMessage(key, params), issues, { key, params })',
      'new AppError(reply.code, reply.message, undefined, keyed)',
      'new StoppedWithResultError(error.code, `${error.message} ${kept}`, stopped, keyed)',
    ]
    for (const sample of keyed) expect(inlineMessages('sample.ts', sample), sample).toEqual([])
  })
})
