import Papa from 'papaparse'
import { isMap, isScalar, LineCounter, parseDocument, stringify, type Document, type Node } from 'yaml'
import { z } from 'zod'
import type { IssueDto, LadderFileFormat } from '@contract'
import { AppError } from '../errors'
import { csvText } from '../exports/csv-writer'
import { restoreCell } from '../files/csv-cell'

/** A ladder as it travels in files: levels and competencies by name, never by database id. */
export interface LadderFile {
  name: string
  description: string
  levels: { code: string; title: string; summary: string }[]
  competencies: { name: string; description: string }[]
  expectations: { level: string; competency: string; text: string; examples: string }[]
}

const line = (max: number) => z.string().trim().min(1, 'is empty').max(max, `is longer than ${max} characters`)
const body = (max: number) => z.string().max(max, `is longer than ${max} characters`).default('')

const expectationValue = z.union([
  z.string().max(10_000, 'is longer than 10000 characters'),
  z.object({ text: z.string().max(10_000, 'is longer than 10000 characters'), examples: body(10_000) }).strict(),
])

const yamlSchema = z
  .object({
    name: line(200),
    description: body(5_000),
    competencies: z
      .array(z.union([line(120), z.object({ name: line(120), description: body(5_000) }).strict()]))
      .default([]),
    levels: z
      .array(
        z
          .object({
            code: z.union([line(40), z.number().transform(String)]),
            title: line(200),
            summary: body(5_000),
            expectations: z.record(z.string(), expectationValue).default({}),
          })
          .strict(),
      )
      .min(1, 'needs at least one level'),
  })
  .strict()

export function detectFormat(fileName: string, requested?: LadderFileFormat): LadderFileFormat {
  if (requested) return requested
  const extension = fileName.toLowerCase().split('.').pop()
  if (extension === 'yaml' || extension === 'yml') return 'yaml'
  if (extension === 'csv') return 'csv'
  throw AppError.of('ladder_file_extension', { file: fileName })
}

export function parseLadderFile(content: string, fileName: string, format: LadderFileFormat): LadderFile {
  const ladder = format === 'yaml' ? parseYaml(content, fileName) : parseCsv(content, fileName)
  checkConsistency(ladder, fileName)
  return ladder
}

function fail(fileName: string, issues: IssueDto[]): never {
  const first = issues[0]
  const where = { file: fileName, path: first?.path ?? '', detail: first?.message ?? '' }
  throw issues.length > 1
    ? AppError.of('ladder_file_invalid_more', { ...where, count: issues.length - 1 }, issues)
    : AppError.of('ladder_file_invalid', where, issues)
}

function parseYaml(content: string, fileName: string): LadderFile {
  const lineCounter = new LineCounter()
  const doc = parseDocument(content, { lineCounter, uniqueKeys: true })
  const syntaxErrors = doc.errors.map((error) => ({
    path: `line ${error.linePos?.[0].line ?? 1}`,
    message: error.message.split('\n')[0] ?? error.message,
  }))
  if (syntaxErrors.length > 0) fail(fileName, syntaxErrors)
  let data: unknown
  try {
    data = doc.toJS({ maxAliasCount: 50 })
  } catch {
    fail(fileName, [{ path: 'line 1', message: 'too many aliases (the file expands to an unreasonable size)' }])
  }
  const parsed = yamlSchema.safeParse(data)
  if (!parsed.success) {
    fail(
      fileName,
      parsed.error.issues.map((issue) => ({
        path: `line ${lineOf(doc, lineCounter, issue.path)}`,
        message: `${describePath(issue.path)} ${issue.message === 'Required' || issue.code === 'invalid_type' ? describeType(issue) : issue.message}`,
      })),
    )
  }
  const ladder = parsed.data
  const competencies = ladder.competencies.map((entry) =>
    typeof entry === 'string' ? { name: entry, description: '' } : entry,
  )
  const expectations: LadderFile['expectations'] = []
  for (const level of ladder.levels) {
    for (const [competency, value] of Object.entries(level.expectations)) {
      const { text, examples } = typeof value === 'string' ? { text: value, examples: '' } : value
      expectations.push({
        level: level.code,
        competency: competency.trim(),
        text: text.trim(),
        examples: examples.trim(),
      })
    }
  }
  // Competencies named only inside expectations are added in the order they appear.
  for (const { competency } of expectations) {
    if (!competencies.some((known) => same(known.name, competency)))
      competencies.push({ name: competency, description: '' })
  }
  return {
    name: ladder.name,
    description: ladder.description.trim(),
    levels: ladder.levels.map(({ code, title, summary }) => ({ code, title, summary: summary.trim() })),
    competencies,
    expectations,
  }
}

function describeType(issue: z.core.$ZodIssue): string {
  return issue.code === 'invalid_type' && issue.input === undefined
    ? 'is missing'
    : issue.message.replace(/^Invalid input: /, 'is invalid: ')
}

function describePath(path: PropertyKey[]): string {
  if (path.length === 0) return 'the file'
  return path
    .map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`))
    .join('')
}

/** The line of the deepest YAML node that exists along the path. */
function lineOf(doc: Document, lineCounter: LineCounter, path: PropertyKey[]): number {
  for (let depth = path.length; depth >= 0; depth--) {
    const node: unknown = doc.getIn(path.slice(0, depth), true)
    if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line
  }
  return 1
}

const isNode = (value: unknown): value is Node =>
  isScalar(value) || isMap(value) || (typeof value === 'object' && value !== null && 'range' in value)

const CSV_COLUMNS = {
  ladder: ['ladder', 'ladder name'],
  levelCode: ['level code', 'code'],
  levelTitle: ['level title', 'level', 'title'],
  levelSummary: ['level summary', 'summary', 'scope'],
  competency: ['competency', 'competency name'],
  competencyDescription: ['competency description'],
  expectation: ['expectation', 'expectations', 'text'],
  examples: ['examples', 'example'],
} as const
type CsvColumn = keyof typeof CSV_COLUMNS

const normaliseHeader = (header: string) =>
  header
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ')

function parseCsv(content: string, fileName: string): LadderFile {
  const rows: { line: number; cells: string[] }[] = []
  const errors: IssueDto[] = []
  const newlines = (from: number, to: number) => {
    let count = 0
    for (let index = from; index < to; index++) if (content.charCodeAt(index) === 10) count++
    return count
  }
  let cursor = 0
  let line = 1
  Papa.parse<string[]>(content, {
    skipEmptyLines: 'greedy',
    step: (result) => {
      let start = cursor
      // Blank lines that papaparse skipped still count.
      while (start < content.length && /\s/.test(content[start] ?? '')) start++
      const rowLine = line + newlines(cursor, start)
      line = rowLine + newlines(start, result.meta.cursor)
      cursor = result.meta.cursor
      for (const error of result.errors) errors.push({ path: `line ${rowLine}`, message: error.message })
      rows.push({ line: rowLine, cells: result.data.map((cell) => restoreCell(cell.trim())) })
    },
  })
  if (errors.length > 0) fail(fileName, errors)
  const header = rows.shift()
  if (!header) fail(fileName, [{ path: 'line 1', message: 'the file is empty' }])
  const columnIndex = new Map<CsvColumn, number>()
  for (const [index, cell] of header.cells.entries()) {
    const key = normaliseHeader(cell)
    const column = (Object.keys(CSV_COLUMNS) as CsvColumn[]).find((candidate) =>
      (CSV_COLUMNS[candidate] as readonly string[]).includes(key),
    )
    if (column && !columnIndex.has(column)) columnIndex.set(column, index)
  }
  const missing: string[] = []
  if (!columnIndex.has('levelCode') && !columnIndex.has('levelTitle')) missing.push('"level_title" (or "level_code")')
  if (!columnIndex.has('competency')) missing.push('"competency"')
  if (!columnIndex.has('expectation')) missing.push('"expectation"')
  if (missing.length > 0) {
    fail(fileName, [
      {
        path: `line ${header.line}`,
        message: `missing column ${missing.join(', ')}; found ${header.cells.map((cell) => `"${cell}"`).join(', ')}`,
      },
    ])
  }

  const ladder: LadderFile = { name: '', description: '', levels: [], competencies: [], expectations: [] }
  const rowIssues: IssueDto[] = []
  for (const row of rows) {
    const cell = (column: CsvColumn) => {
      const index = columnIndex.get(column)
      return index === undefined ? '' : (row.cells[index] ?? '')
    }
    const problem = (message: string) => rowIssues.push({ path: `line ${row.line}`, message })
    if (row.cells.length !== header.cells.length) {
      problem(`has ${row.cells.length} cells, the header has ${header.cells.length}`)
      continue
    }
    if (!ladder.name && cell('ladder')) ladder.name = cell('ladder')
    const title = cell('levelTitle') || cell('levelCode')
    if (!title) {
      problem('the level is empty')
      continue
    }
    let level = ladder.levels.find(
      (known) => same(known.title, title) || (cell('levelCode') && same(known.code, cell('levelCode'))),
    )
    if (!level) {
      level = { code: cell('levelCode') || deriveCode(title, ladder.levels), title, summary: cell('levelSummary') }
      ladder.levels.push(level)
    } else if (!level.summary && cell('levelSummary')) {
      level.summary = cell('levelSummary')
    }
    const competency = cell('competency')
    const text = cell('expectation')
    if (!competency) {
      if (text) problem('an expectation needs a competency')
      continue
    }
    const known = ladder.competencies.find((entry) => same(entry.name, competency))
    if (!known) ladder.competencies.push({ name: competency, description: cell('competencyDescription') })
    else if (!known.description && cell('competencyDescription')) known.description = cell('competencyDescription')
    if (text || cell('examples')) {
      ladder.expectations.push({ level: level.code, competency, text, examples: cell('examples') })
    }
  }
  if (rowIssues.length > 0) fail(fileName, rowIssues)
  if (ladder.levels.length === 0)
    fail(fileName, [{ path: `line ${header.line + 1}`, message: 'the file has no level rows' }])
  ladder.name ||= fileName.replace(/\.[^.]+$/, '').trim() || 'Imported ladder'
  return ladder
}

const same = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0

/** "Senior Backend Engineer II" → "SBE-II": short, readable, unique within the ladder. */
function deriveCode(title: string, existing: { code: string }[]): string {
  const words = title.split(/\s+/).filter(Boolean)
  const numeral = words.at(-1)?.match(/^([IVX]+|\d+)$/)?.[0]
  const initials = (numeral ? words.slice(0, -1) : words).map((word) => word[0]?.toUpperCase() ?? '').join('')
  const base = (numeral ? `${initials}-${numeral}` : initials).slice(0, 36) || 'L'
  let code = base
  for (let n = 2; existing.some((level) => same(level.code, code)); n++) code = `${base}-${n}`
  return code
}

const LIMITS = { levels: 100, competencies: 100 }

function checkConsistency(ladder: LadderFile, fileName: string): void {
  const issues: IssueDto[] = []
  const duplicates = (values: string[]) =>
    values.filter((value, index) => values.findIndex((other) => same(other, value)) !== index)
  for (const code of duplicates(ladder.levels.map((level) => level.code)))
    issues.push({ path: 'levels', message: `level code "${code}" appears twice` })
  for (const title of duplicates(ladder.levels.map((level) => level.title)))
    issues.push({ path: 'levels', message: `level title "${title}" appears twice` })
  for (const name of duplicates(ladder.competencies.map((entry) => entry.name)))
    issues.push({ path: 'competencies', message: `competency "${name}" appears twice` })
  const pairs = ladder.expectations.map(
    (entry) => `${entry.level.toLowerCase()}\u0000${entry.competency.toLowerCase()}`,
  )
  for (const [index, pair] of pairs.entries()) {
    if (pairs.indexOf(pair) !== index) {
      const entry = ladder.expectations[index]
      issues.push({
        path: 'expectations',
        message: `level "${entry?.level}" has two expectations for "${entry?.competency}"`,
      })
    }
  }
  if (ladder.levels.length > LIMITS.levels) issues.push({ path: 'levels', message: `at most ${LIMITS.levels} levels` })
  if (ladder.competencies.length > LIMITS.competencies)
    issues.push({ path: 'competencies', message: `at most ${LIMITS.competencies} competencies` })
  if (issues.length > 0) fail(fileName, issues)
}

export function serialiseLadder(ladder: LadderFile, format: LadderFileFormat): string {
  if (format === 'yaml') {
    const expectationsOf = (code: string) =>
      Object.fromEntries(
        ladder.expectations
          .filter((entry) => entry.level === code)
          .map((entry) => [
            entry.competency,
            entry.examples ? { text: entry.text, examples: entry.examples } : entry.text,
          ]),
      )
    return stringify(
      {
        name: ladder.name,
        description: ladder.description,
        competencies: ladder.competencies,
        levels: ladder.levels.map((level) => ({ ...level, expectations: expectationsOf(level.code) })),
      },
      { lineWidth: 0 },
    )
  }
  const rows: string[][] = []
  for (const level of ladder.levels) {
    const own = ladder.expectations.filter((entry) => entry.level === level.code)
    if (own.length === 0) rows.push([ladder.name, level.code, level.title, level.summary, '', '', '', ''])
    for (const entry of own) {
      const competency = ladder.competencies.find((known) => same(known.name, entry.competency))
      rows.push([
        ladder.name,
        level.code,
        level.title,
        level.summary,
        entry.competency,
        competency?.description ?? '',
        entry.text,
        entry.examples,
      ])
    }
  }
  // Competencies without any expectation still travel, on the first level's row.
  for (const competency of ladder.competencies) {
    if (!ladder.expectations.some((entry) => same(entry.competency, competency.name))) {
      const first = ladder.levels[0]
      if (first)
        rows.push([
          ladder.name,
          first.code,
          first.title,
          first.summary,
          competency.name,
          competency.description,
          '',
          '',
        ])
    }
  }
  return csvText([
    [
      'ladder',
      'level_code',
      'level_title',
      'level_summary',
      'competency',
      'competency_description',
      'expectation',
      'examples',
    ],
    ...rows,
  ])
}
