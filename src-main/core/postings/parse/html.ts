import { Parser } from 'htmlparser2'
import { AppError } from '../../errors'

const tagLike = /<\/?[a-zA-Z][a-zA-Z0-9-]*(?:\s|\/?>)|<!--/
const entityLike = /&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});/
const blockTag =
  /<(?:p|div|li|ul|ol|br|h[1-6]|table|tr|section|article|body|html|header|footer|main|blockquote|dl|dt|dd)(?:\s|\/?>)/gi
const markdownLine = /^[ \t]*(?:#{1,6}\s|[-*+•]\s|\d{1,3}[.)]\s)/gm

/** Content of these elements is never posting text (code, styling, embedded objects, form widgets). */
// prettier-ignore
const droppedElements = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'embed', 'canvas', 'head', 'title',
  'select', 'textarea', 'button',
])
// prettier-ignore
const blockElements = new Set([
  'p', 'div', 'section', 'article', 'header', 'footer', 'main', 'aside', 'nav', 'table', 'thead', 'tbody', 'tfoot',
  'tr', 'blockquote', 'pre', 'dl', 'dt', 'dd', 'form', 'fieldset', 'address', 'figure', 'figcaption', 'details',
  'summary', 'body', 'html',
])
const headingLevels: Readonly<Record<string, number>> = { h1: 1, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6 }
// prettier-ignore
const voidElements = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr',
])
/** htmlparser2's work per tag grows with the number of open elements; real pages stay far below this depth. */
const maxOpenElements = 2000
const itemStart = /^\s*(?:-|\d+\.)\s*$/

export function looksLikeHtml(text: string): boolean {
  return tagLike.test(text) || entityLike.test(text)
}

function countMatches(text: string, pattern: RegExp): number {
  let count = 0
  pattern.lastIndex = 0
  while (pattern.exec(text)) count++
  pattern.lastIndex = 0
  return count
}

interface ListFrame {
  ordered: boolean
  counter: number
}

/**
 * Turns HTML (or markdown with inline HTML) into markdown-like lines the line parser understands:
 * headings become `#` lines, list items `- ` lines, bold runs `**…**`, entities are decoded and
 * scripts, styles and embedded objects are dropped. Broken markup (unclosed `<p>`, `<li>`) is tolerated.
 *
 * A document with more block tags than markdown lines is treated as HTML, where source newlines carry
 * no meaning; otherwise the source newlines are kept and only the tags are interpreted.
 */
export function htmlToText(source: string): string {
  const htmlMode = countMatches(source, blockTag) > countMatches(source, markdownLine)
  const lines: string[] = []
  let current = ''
  let dropDepth = 0
  let preDepth = 0
  let openElements = 0
  const lists: ListFrame[] = []

  const flush = (): void => {
    lines.push(current.trimEnd())
    current = ''
  }
  const paragraphBreak = (): void => {
    flush()
    lines.push('')
  }

  const parser = new Parser(
    {
      onopentag(name) {
        if (!voidElements.has(name) && ++openElements > maxOpenElements) {
          throw AppError.of('html_too_deep')
        }
        if (droppedElements.has(name)) {
          dropDepth++
          return
        }
        if (dropDepth > 0) return
        if (name === 'br') {
          flush()
        } else if (name === 'hr') {
          paragraphBreak()
          lines.push('***', '')
        } else if (name === 'ul' || name === 'ol') {
          flush()
          lists.push({ ordered: name === 'ol', counter: 0 })
        } else if (name === 'li') {
          flush()
          const frame = lists.at(-1)
          const indent = '  '.repeat(Math.max(0, lists.length - 1))
          if (frame?.ordered) {
            frame.counter++
            current = `${indent}${frame.counter}. `
          } else {
            current = `${indent}- `
          }
        } else if (headingLevels[name] !== undefined) {
          paragraphBreak()
          current = `${'#'.repeat(headingLevels[name])} `
        } else if (name === 'strong' || name === 'b') {
          current += '**'
        } else if (blockElements.has(name)) {
          if (name === 'pre') preDepth++
          // Editors wrap list item text in <p>: "<li><p>Text</p></li>" is still one bullet.
          if (itemStart.test(current)) return
          if (name === 'p') paragraphBreak()
          else flush()
        } else if (name === 'td' || name === 'th') {
          current += ' '
        }
      },
      onclosetag(name) {
        if (!voidElements.has(name)) openElements = Math.max(0, openElements - 1)
        if (droppedElements.has(name)) {
          dropDepth = Math.max(0, dropDepth - 1)
          return
        }
        if (dropDepth > 0) return
        if (name === 'ul' || name === 'ol') {
          lists.pop()
          flush()
        } else if (name === 'li') {
          flush()
        } else if (headingLevels[name] !== undefined) {
          paragraphBreak()
        } else if (name === 'strong' || name === 'b') {
          current += '**'
        } else if (blockElements.has(name)) {
          if (name === 'pre') preDepth = Math.max(0, preDepth - 1)
          if (itemStart.test(current)) return
          if (name === 'p' && lists.length === 0) paragraphBreak()
          else flush()
        }
      },
      ontext(data) {
        if (dropDepth > 0) return
        if (htmlMode && preDepth === 0) {
          const collapsed = data.replace(/\s+/g, ' ')
          current += current.trim() === '' || current.endsWith(' ') ? collapsed.trimStart() : collapsed
          return
        }
        const parts = data.split('\n')
        parts.forEach((part, index) => {
          if (index > 0) flush()
          current += part
        })
      },
    },
    { decodeEntities: true, lowerCaseTags: true, recognizeSelfClosing: true },
  )
  parser.write(source)
  parser.end()
  flush()
  // Bold markers around nothing (`<b> </b>`) would otherwise look like a heading.
  return lines.map((line) => line.replace(/\*\*\s*\*\*/g, ' ').trimEnd()).join('\n')
}
