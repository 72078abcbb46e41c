/** Every space-like character that is not a plain space, tab or line break. */
const ODD_SPACES = /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g
/** Invisible characters that only break words apart (zero-width, soft hyphen, BOM, bidi marks). */
const INVISIBLES = /[\u00ad\u180e\u200b-\u200f\u2028\u2029\u2060-\u2064\u206a-\u206f\ufeff]/g
/** C0 controls other than tab and line feed. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const C0_CONTROLS = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/g
/**
 * C1 controls and private-use code points: in PDFs these are glyphs of symbol fonts (Wingdings bullets,
 * icon fonts before a phone or an e-mail) whose real meaning is lost; a bullet keeps them as separators.
 */
const SYMBOL_GLYPHS = /[\u0080-\u009f\ue000-\uf8ff]/g
/** Mac PDFs write "555-\u00ad\u2010555": a hyphen doubled by a Unicode hyphen. */
const HYPHEN_RUNS = /-?[\u2010\u2011]+-?/g
const LIGATURES: Readonly<Record<string, string>> = {
  '\ufb00': 'ff',
  '\ufb01': 'fi',
  '\ufb02': 'fl',
  '\ufb03': 'ffi',
  '\ufb04': 'ffl',
  '\ufb05': 'st',
  '\ufb06': 'st',
}

/** Character-level clean-up shared by every format; keeps tabs and line breaks. */
export function normalizeChars(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\f/g, '\n')
    .replace(INVISIBLES, '')
    .replace(ODD_SPACES, ' ')
    .replace(C0_CONTROLS, '')
    .replace(SYMBOL_GLYPHS, '•')
    .replace(HYPHEN_RUNS, '-')
    .replace(/[\ufb00-\ufb06]/g, (ch) => LIGATURES[ch] ?? ch)
}

/** Trailing spaces off every line, at most one empty line in a row, no leading or trailing blank lines. */
export function tidyLines(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+/, '')
    .replace(/\n+$/, '')
}

/**
 * Inside a line (indentation kept): a whitespace run with a tab becomes one tab (a column gap), any other run
 * one space. For PDF and DOCX, where runs of spaces and tabs are layout, not content.
 */
export function collapseInlineSpace(text: string): string {
  return text.replace(/(?<=\S)[ \t]{2,}(?=\S)/g, (run) => (run.includes('\t') ? '\t' : ' '))
}

/** Reverse map of windows-1252's 0x80–0x9F block, for undoing UTF-8 that was decoded as windows-1252. */
const CP1252_HIGH: ReadonlyMap<string, number> = new Map(
  [...new TextDecoder('windows-1252').decode(Uint8Array.from({ length: 32 }, (_, i) => 0x80 + i))].map((ch, i) => [
    ch,
    0x80 + i,
  ]),
)
const MOJIBAKE =
  /[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]{1,3}/g

function toCp1252Byte(ch: string): number | undefined {
  const code = ch.charCodeAt(0)
  if (code >= 0xa0 && code <= 0xff) return code
  if (code >= 0x80 && code <= 0x9f) return code
  return CP1252_HIGH.get(ch)
}

/**
 * Repairs UTF-8 that an earlier conversion decoded as windows-1252 or Latin-1 ("â€¢" → "•", "Ã©" → "é").
 * Only sequences that decode as valid UTF-8 are replaced, so genuine Latin-1 text is left alone.
 */
export function repairMojibake(text: string): string {
  const utf8 = new TextDecoder('utf-8', { fatal: true })
  return text.replace(MOJIBAKE, (match) => {
    const bytes: number[] = []
    for (const ch of match) {
      const b = toCp1252Byte(ch)
      if (b === undefined) return match
      bytes.push(b)
    }
    const lead = bytes[0] ?? 0
    const expected = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2
    if (bytes.length < expected) {
      // A byte was lost on the way (windows-1252 has no character for 0x81, 0x8D, 0x8F, 0x90, 0x9D; C1 controls get
      // dropped). "â¢" was "•" and "â€" is usually "”" (E2 80 9D); other truncated punctuation is unreadable noise.
      if (bytes.length !== 2) return match
      if (lead === 0xe2 && bytes[1] === 0xa2) return '•'
      if (lead === 0xe2 && bytes[1] === 0x80) return '”'
      return lead === 0xe2 || lead === 0xef ? '' : match
    }
    try {
      const decoded = utf8.decode(Uint8Array.from(bytes.slice(0, expected)))
      return decoded + match.slice(expected)
    } catch {
      return match
    }
  })
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  rsquo: '’',
  lsquo: '‘',
  rdquo: '”',
  ldquo: '“',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  bull: '•',
  middot: '·',
  copy: '©',
  reg: '®',
  trade: '™',
  eacute: 'é',
  egrave: 'è',
  agrave: 'à',
  ccedil: 'ç',
}

/** HTML entities left behind by HTML-to-PDF/DOCX generators ("4+ years&rsquo; experience"). */
export function decodeStrayEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, (match, body: string) => {
    if (body.startsWith('#')) {
      const code =
        body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10)
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : match
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? match
  })
}

/** Cuts at maxChars without splitting a surrogate pair. */
export function capText(text: string, maxChars: number): { text: string; truncated: boolean } {
  if (text.length <= maxChars) return { text, truncated: false }
  let end = maxChars
  const last = text.charCodeAt(end - 1)
  if (last >= 0xd800 && last <= 0xdbff) end--
  return { text: text.slice(0, end), truncated: true }
}
