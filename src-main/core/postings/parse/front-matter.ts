import { parse as parseYaml } from 'yaml'

export interface FrontMatterSplit {
  /** The posting title named by the front matter, if any. */
  title: string | null
  body: string
}

const maxFrontMatterLines = 200
const titleKeys = ['title', 'job_title', 'jobtitle', 'job-title', 'position', 'position_title', 'role']

function findClosingLine(lines: readonly string[], fence: RegExp): number {
  const limit = Math.min(lines.length, maxFrontMatterLines + 1)
  for (let i = 1; i < limit; i++) {
    if (fence.test(lines[i] ?? '')) return i
  }
  return -1
}

function titleFrom(record: Readonly<Record<string, unknown>>): string | null {
  for (const key of titleKeys) {
    const value = record[key]
    if (typeof value === 'string' && value.trim() !== '') return value.trim()
    if (typeof value === 'number') return String(value)
  }
  return null
}

function parseYamlRecord(source: string): Record<string, unknown> | null {
  try {
    const value: unknown = parseYaml(source, { maxAliasCount: 20, prettyErrors: false })
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return { ...value }
  } catch {
    // Broken YAML: fall through to the line reader, which still finds a plain `title:` line.
  }
  const record: Record<string, unknown> = {}
  let keyLines = 0
  for (const line of source.split('\n')) {
    const match = /^([A-Za-z_][\w-]{0,40})\s*:\s*(.*)$/.exec(line)
    if (!match?.[1]) continue
    keyLines++
    record[match[1].toLowerCase()] = (match[2] ?? '').trim().replace(/^(["'])(.*)\1$/, '$2')
  }
  return keyLines > 0 ? record : null
}

function unquoteToml(raw: string): string | null {
  const value = raw.trim()
  if (value.startsWith('"')) {
    const end = value.indexOf('"', 1)
    const inner = end > 0 ? value.slice(1, end) : value.slice(1)
    return inner.replace(/\\(["\\nt])/g, (_, char: string) => (char === 'n' ? '\n' : char === 't' ? '\t' : char))
  }
  if (value.startsWith("'")) {
    const end = value.indexOf("'", 1)
    return end > 0 ? value.slice(1, end) : value.slice(1)
  }
  return null
}

function parseTomlRecord(source: string): Record<string, unknown> {
  const record: Record<string, unknown> = {}
  for (const line of source.split('\n')) {
    if (/^\s*\[/.test(line)) break
    const match = /^\s*([A-Za-z0-9_-]{1,40})\s*=\s*(.+)$/.exec(line)
    if (!match?.[1] || match[2] === undefined) continue
    const value = unquoteToml(match[2])
    if (value !== null) record[match[1].toLowerCase()] = value
  }
  return record
}

/** Splits YAML (`---`) or TOML (`+++`) front matter from the body. Anything that does not parse as metadata stays in the body. */
export function splitFrontMatter(text: string): FrontMatterSplit {
  const start = text.search(/\S/)
  if (start < 0) return { title: null, body: text }
  const rest = text.slice(text.lastIndexOf('\n', start) + 1)
  const lines = rest.split('\n', maxFrontMatterLines + 2)
  const first = (lines[0] ?? '').trim()
  const fence = first === '---' ? /^(---|\.\.\.)\s*$/ : first === '+++' ? /^\+\+\+\s*$/ : null
  if (!fence) return { title: null, body: text }
  const closing = findClosingLine(lines, fence)
  if (closing < 0) return { title: null, body: text }
  const source = lines.slice(1, closing).join('\n')
  const record = first === '---' ? parseYamlRecord(source) : parseTomlRecord(source)
  if (!record) return { title: null, body: text }
  const consumed = lines.slice(0, closing + 1).reduce((sum, line) => sum + line.length + 1, 0)
  return { title: titleFrom(record), body: rest.slice(consumed) }
}
