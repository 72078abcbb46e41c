import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ParsedPosting, PostingItem, SectionKind } from '@contract/posting-parse'

/** Reads a posting written for these tests from `fixtures/`. */
export function readFixture(name: string): string {
  return readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8')
}

export function itemsOf(parsed: ParsedPosting, kind: SectionKind): PostingItem[] {
  return parsed.sections.filter((section) => section.kind === kind).flatMap((section) => section.items)
}

export function textsOf(parsed: ParsedPosting, kind: SectionKind): string[] {
  return itemsOf(parsed, kind).map((item) => item.text)
}

export function itemWith(parsed: ParsedPosting, fragment: string): PostingItem {
  const item = parsed.sections
    .flatMap((section) => section.items)
    .find((candidate) => candidate.text.includes(fragment))
  if (!item) throw new Error(`no item contains "${fragment}"`)
  return item
}

export function kindOf(parsed: ParsedPosting, fragment: string): SectionKind {
  const section = parsed.sections.find((candidate) => candidate.items.some((item) => item.text.includes(fragment)))
  if (!section) throw new Error(`no item contains "${fragment}"`)
  return section.kind
}
