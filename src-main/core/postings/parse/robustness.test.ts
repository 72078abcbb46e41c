import { describe, expect, it } from 'vitest'
import { AppError } from '../../errors'
import { maxPostingChars } from './normalize-input'
import { parsePosting } from './parse-posting'
import { readFixture } from './test-support'

function errorOf(run: () => unknown): AppError {
  try {
    run()
  } catch (error) {
    if (error instanceof AppError) return error
    throw error
  }
  throw new Error('expected an AppError')
}

const fiveMegabytes = 5 * 1024 * 1024

describe('parsePosting: robustness', () => {
  it.each([[''], ['   \n\t\n  '], ['<script>alert(1)</script><style>p{}</style>'], ['---\nteam: Sales\n---\n']])(
    'rejects text without any words: %j',
    (text) => {
      const error = errorOf(() => parsePosting(text))
      expect(error.code).toBe('invalid_input')
      expect(error.message).toBe('No text found in the posting.')
    },
  )

  it('rejects input that is not a string', () => {
    expect(errorOf(() => Reflect.apply(parsePosting, undefined, [42])).code).toBe('invalid_input')
  })

  it('rejects binary data with a clear message', () => {
    const samples = [
      '%PDF-1.7\n%âãÏÓ\n1 0 obj',
      'PK\u0003\u0004\u0014\u0000\u0006\u0000word/document.xml',
      Array.from({ length: 4000 }, (_, i) => String.fromCharCode(i % 32)).join(''),
      'R\u0000e\u0000q\u0000u\u0000i\u0000r\u0000e\u0000m\u0000e\u0000n\u0000t\u0000s\u0000',
      '\uFFFD\uFFFD\uFFFDabc\uFFFD\uFFFD\uFFFD\uFFFD'.repeat(20),
    ]
    for (const sample of samples) {
      const error = errorOf(() => parsePosting(sample))
      expect(error.code).toBe('unsupported_file')
      expect(error.message).toMatch(/^The text looks like binary data/)
    }
  })

  it('drops stray control characters in otherwise normal text', () => {
    const parsed = parsePosting('Requirements:\nPython\u0007 and SQL\u0000\nGit')
    expect(parsed.sections[0]?.items.map((item) => item.text)).toEqual(['Python and SQL', 'Git'])
  })

  it('rejects text above the size cap', () => {
    expect(errorOf(() => parsePosting('a'.repeat(maxPostingChars + 1))).code).toBe('too_large')
  })

  it('caps the length of an item', () => {
    const parsed = parsePosting(`Requirements:\n- ${'Experience with distributed systems and '.repeat(100)}`)
    const text = parsed.sections[0]?.items[0]?.text ?? ''
    expect(text.length).toBeLessThanOrEqual(1000)
    expect(text.endsWith('…')).toBe(true)
  })

  it.each([
    [
      'a repeated posting',
      () => readFixture('en-markdown.md').repeat(Math.ceil(fiveMegabytes / readFixture('en-markdown.md').length)),
    ],
    ['one long line', () => 'word '.repeat(fiveMegabytes / 5)],
    ['one line of letters then a space', () => `${'a'.repeat(fiveMegabytes)} b`],
    ['many short lines', () => 'A\n'.repeat(fiveMegabytes / 2)],
    ['many bullets', () => '- item\n'.repeat(fiveMegabytes / 7)],
    ['deep sub-bullets', () => `- parent\n${'    - child\n'.repeat(fiveMegabytes / 12)}`],
    ['unclosed brackets and markers', () => '[!['.repeat(fiveMegabytes / 3) + ' text'],
    ['underscores inside a word', () => `a${'_'.repeat(fiveMegabytes)}b`],
    ['unclosed list items', () => '<li>x'.repeat(fiveMegabytes / 5)],
    ['blank lines', () => `${'\n'.repeat(fiveMegabytes)}x`],
  ])('finishes on 5 MB of %s', (_name, make) => {
    const parsed = parsePosting(make())
    expect(parsed.sections.reduce((count, section) => count + section.items.length, 0)).toBeLessThanOrEqual(1000)
  })

  it('refuses HTML nested beyond any real page instead of slowing down', () => {
    expect(errorOf(() => parsePosting(`${'<div>'.repeat(fiveMegabytes / 5)}text`)).code).toBe('unsupported_file')
  })
})
