import type { HighlightedTextDto } from '@contract'
import { HIGHLIGHT_CLOSE, HIGHLIGHT_OPEN } from './repository'

const MAX_TERMS = 8

/**
 * Turns what a user typed into an FTS5 expression: every word must match, as a prefix ("ele var" finds
 * "Elena Varga"). Words are cut at anything but letters and digits, so no FTS5 syntax can get through.
 * Returns null when nothing searchable is left.
 */
export function toMatchExpression(query: string, columns?: readonly string[]): string | null {
  const terms = query
    .normalize('NFC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, MAX_TERMS)
  if (terms.length === 0) return null
  const expression = terms.map((term) => `"${term}"*`).join(' ')
  return columns ? `{${columns.join(' ')}} : (${expression})` : expression
}

/** Converts FTS5 output with highlight markers into plain text and the ranges to highlight. */
export function toHighlighted(marked: string): HighlightedTextDto {
  let text = ''
  const highlights: [number, number][] = []
  let start = -1
  for (const char of marked) {
    if (char === HIGHLIGHT_OPEN) start = text.length
    else if (char === HIGHLIGHT_CLOSE) {
      if (start >= 0 && text.length > start) highlights.push([start, text.length])
      start = -1
    } else text += char
  }
  return { text, highlights }
}

export const hasHighlight = (marked: string): boolean => marked.includes(HIGHLIGHT_OPEN)
