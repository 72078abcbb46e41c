/** Words that tell a reader what to write rather than what the person did: a template's instructions. */
const instructionWords =
  /(?<![\p{L}])(?:describe|mention|add|list|insert|replace|enter|write|type|e\.g\.|eg\.|tip|hint|example|your|placeholder|degree, e\.g|decrivez|indiquez|ajoutez|beschreiben|nennen|hier)(?![\p{L}])/iu

/** A bracketed span of at most this many characters may be an instruction; longer brackets are content. */
const MAX_BRACKET = 400

/**
 * Spans of a résumé that are not evidence: a template's bracketed instructions ("[Describe your
 * responsibilities here. Mention technologies such as …]", "[Degree, e.g. …], [University]") and lines that
 * give advice ("Tip: recruiters look for …"). Returned sorted and without overlap.
 */
export function instructionSpans(text: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = []
  for (const match of text.matchAll(/\[[^[\]]{1,400}\]/g)) {
    const inner = match[0]
    if (inner.length > MAX_BRACKET) continue
    // A bracket holding a placeholder word alone ("[University]", "[Year]") is a template's slot too.
    const slot = /^\[(?:university|year|company(?: name)?|city|dates?|degree|title|job title|name)\]$/i.test(inner)
    if (slot || instructionWords.test(inner)) spans.push({ start: match.index, end: match.index + inner.length })
  }
  for (const match of text.matchAll(/^[ \t]*(?:tip|hint|conseil|astuce|tipp|hinweis)\s*:[^\n]*/gimu)) {
    spans.push({ start: match.index, end: match.index + match[0].length })
  }
  spans.sort((a, b) => a.start - b.start)
  const merged: { start: number; end: number }[] = []
  for (const span of spans) {
    const last = merged.at(-1)
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end)
    else merged.push({ ...span })
  }
  return merged
}

/** The text with the given spans blanked (same length, line breaks kept), so offsets stay those of the original. */
export function blankSpans(text: string, spans: readonly { start: number; end: number }[]): string {
  if (spans.length === 0) return text
  let out = ''
  let from = 0
  for (const span of spans) {
    out += text.slice(from, span.start) + text.slice(span.start, span.end).replace(/[^\n]/g, ' ')
    from = span.end
  }
  return out + text.slice(from)
}
