import type { HighlightedTextDto } from '@contract'
import { Fragment } from 'react'

/** Text with ranges marked, built from text nodes only: what a document contains is never parsed as HTML. */
export function HighlightedText({ value }: { value: HighlightedTextDto }) {
  const parts: { text: string; marked: boolean }[] = []
  let at = 0
  for (const [start, end] of value.highlights) {
    if (start < at || end > value.text.length) continue
    if (start > at) parts.push({ text: value.text.slice(at, start), marked: false })
    parts.push({ text: value.text.slice(start, end), marked: true })
    at = end
  }
  if (at < value.text.length) parts.push({ text: value.text.slice(at), marked: false })
  return (
    <>
      {parts.map((part, index) =>
        part.marked ? <mark key={index}>{part.text}</mark> : <Fragment key={index}>{part.text}</Fragment>,
      )}
    </>
  )
}
