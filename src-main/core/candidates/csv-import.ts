import { randomUUID } from 'node:crypto'
import { createReadStream, existsSync } from 'node:fs'
import { mkdir, open, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { setImmediate as yieldToLoop } from 'node:timers/promises'
import type {
  CandidateOrigin,
  LegalBasis,
  CsvField,
  CsvImportResultDto,
  CsvPreviewDto,
  CsvPreviewRowDto,
  ImportMode,
  IssueDto,
  JobDto,
} from '@contract'
import { csvFields } from '@contract/candidates'
import Papa from 'papaparse'
import { recordActivity } from '../activity/activity-log'
import type { CoreContext } from '../context'
import { AppError, StoppedWithResultError } from '../errors'
import {
  BinaryContentError,
  detectEncoding,
  ENCODING_SAMPLE_BYTES,
  streamDecoder,
  type TextEncodingName,
} from '../files/text-encoding'
import type { PhoneRegion } from '../phones/phone-numbers'
import type { JobContext, JobRunner } from '../jobs/job-runner'
import type { WorkspaceService } from '../workspace/service'
import { CandidateBulkWriter, type BulkCandidate } from './bulk-writer'
import { foldText } from './normalise'
import { normaliseCandidate } from './service'

const PREVIEW_ROWS = 20
const BATCH_ROWS = 2_000
const MAX_REPORTED_ERRORS = 200
const UPLOAD_TTL_MS = 24 * 60 * 60_000
/** In KiB, as PRAGMA cache_size takes it when negative: 256 MB. */
const IMPORT_CACHE_SIZE = -262_144
const LIMITS = { name: 200, location: 200, source: 100, tag: 60, notes: 20_000 }

/** Header names (folded: lowercase, no accents, no punctuation) that suggest a field, in English and French. */
const HEADER_ALIASES: Record<CsvField, string[]> = {
  name: [
    'name',
    'full name',
    'fullname',
    'candidate',
    'candidate name',
    'nom complet',
    'nom et prenom',
    'prenom et nom',
    'candidat',
    'nom du candidat',
  ],
  first_name: ['first name', 'firstname', 'given name', 'forename', 'prenom'],
  last_name: ['last name', 'lastname', 'surname', 'family name', 'nom', 'nom de famille'],
  email: [
    'email',
    'e mail',
    'mail',
    'email address',
    'e mail address',
    'adresse e mail',
    'adresse email',
    'courriel',
    'adresse electronique',
    'emails',
  ],
  phone: [
    'phone',
    'telephone',
    'tel',
    'mobile',
    'cell',
    'phone number',
    'mobile phone',
    'numero de telephone',
    'portable',
    'phones',
  ],
  location: ['location', 'city', 'address', 'country', 'localisation', 'ville', 'lieu', 'adresse', 'pays', 'region'],
  source: ['source', 'origin', 'channel', 'job board', 'provenance', 'origine', 'canal'],
  tags: ['tags', 'tag', 'labels', 'label', 'skills', 'keywords', 'etiquettes', 'etiquette', 'mots cles', 'competences'],
  links: [
    'links',
    'link',
    'url',
    'urls',
    'linkedin',
    'github',
    'website',
    'portfolio',
    'profile',
    'liens',
    'lien',
    'site web',
    'profil',
  ],
  notes: ['notes', 'note', 'comments', 'comment', 'remarks', 'commentaires', 'commentaire', 'remarques'],
  origin: ['data origin', 'how we got the data', 'origine des donnees'],
  legal_basis: ['legal basis', 'lawful basis', 'basis', 'base legale', 'base juridique'],
  consent_given_on: [
    'consent given on',
    'consent given',
    'consent date',
    'consentement donne le',
    'date du consentement',
  ],
  consent_expires_on: [
    'consent expires on',
    'consent expires',
    'consent expiry',
    'consentement expire le',
    'expiration du consentement',
  ],
}

/** Cell words (folded) for the privacy columns, in English and French. */
const ORIGIN_WORDS: Record<string, CandidateOrigin> = {
  applied: 'applied',
  candidature: 'applied',
  sourced: 'sourced',
  approche: 'sourced',
  referred: 'referred',
  referral: 'referred',
  cooptation: 'referred',
  recommande: 'referred',
  imported: 'imported',
  importe: 'imported',
}
const BASIS_WORDS: Record<string, LegalBasis> = {
  consent: 'consent',
  consentement: 'consent',
  'legitimate interest': 'legitimate_interest',
  legitimate_interest: 'legitimate_interest',
  'interet legitime': 'legitimate_interest',
}
const isCalendarDate = (value: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value

/** Fields that can take several columns; the others take one. */
const MULTI_COLUMN: readonly CsvField[] = ['email', 'phone', 'links', 'tags', 'notes']

const headerKey = (header: string) =>
  foldText(header)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()

export function suggestMapping(headers: readonly string[]): (CsvField | null)[] {
  const used = new Set<CsvField>()
  return headers.map((header) => {
    const key = headerKey(header)
    const field = csvFields.find((candidate) => HEADER_ALIASES[candidate].includes(key))
    if (!field || (used.has(field) && !MULTI_COLUMN.includes(field))) return null
    used.add(field)
    return field
  })
}

export function checkMapping(headers: readonly string[], mapping: readonly (CsvField | null)[]): void {
  if (mapping.length !== headers.length) {
    throw new AppError(
      'invalid_input',
      `The mapping lists ${mapping.length} columns but the file has ${headers.length}.`,
      [{ path: 'mapping', message: `expected ${headers.length} entries` }],
    )
  }
  const issues: IssueDto[] = []
  for (const field of csvFields) {
    const count = mapping.filter((entry) => entry === field).length
    if (count > 1 && !MULTI_COLUMN.includes(field))
      issues.push({ path: 'mapping', message: `Only one column can be the ${field.replace('_', ' ')}.` })
  }
  if (!mapping.some((field) => field === 'name' || field === 'first_name' || field === 'last_name')) {
    const shown = headers
      .slice(0, 8)
      .map((header) => `"${header}"`)
      .join(', ')
    issues.push({
      path: 'mapping',
      message: `No column holds the candidate's name. The file's columns are ${shown}${headers.length > 8 ? ', …' : ''}; map one to the name (or to first and last name).`,
    })
  }
  const first = issues[0]
  if (first) throw new AppError('invalid_input', first.message, issues)
}

function splitCell(value: string, separators: RegExp): string[] {
  return value
    .split(separators)
    .map((part) => part.trim())
    .filter(Boolean)
}

/**
 * One data row → a candidate, or the row's problems. Cells are only ever stored as text: a cell starting
 * with =, +, - or @ stays exactly what it was, and nothing in a cell is evaluated.
 */
export function rowToCandidate(
  cells: readonly string[],
  mapping: readonly (CsvField | null)[],
  region: PhoneRegion,
): { candidate: BulkCandidate | null; errors: string[] } {
  const errors: string[] = []
  const extra = cells.slice(mapping.length).filter((cell) => cell.trim() !== '').length
  if (extra > 0) errors.push(`has ${cells.length} cells; the header has ${mapping.length}`)
  let name = ''
  let first = ''
  let last = ''
  let location = ''
  let source = ''
  const emails: string[] = []
  const phones: string[] = []
  const links: string[] = []
  const tags: string[] = []
  const notes: string[] = []
  const consent: NonNullable<BulkCandidate['consent']> = {
    origin: 'imported',
    legalBasis: 'legitimate_interest',
    consentGivenOn: null,
    consentExpiresOn: null,
  }
  mapping.forEach((field, index) => {
    const value = (cells[index] ?? '').trim()
    if (!field || !value) return
    switch (field) {
      case 'name':
        name = value
        break
      case 'first_name':
        first = value
        break
      case 'last_name':
        last = value
        break
      case 'location':
        location = value
        break
      case 'source':
        source = value
        break
      case 'email':
        emails.push(...splitCell(value, /[;,\s]+/))
        break
      case 'phone':
        phones.push(...splitCell(value, /[;,]|\s\/\s/))
        break
      case 'links':
        links.push(...splitCell(value, /[\s;,]+/))
        break
      case 'tags':
        tags.push(...splitCell(value, /[;,|]/))
        break
      case 'notes':
        notes.push(value)
        break
      case 'origin': {
        const origin =
          ORIGIN_WORDS[
            foldText(value)
              .replace(/[^a-z ]+/g, ' ')
              .trim()
          ]
        if (origin) consent.origin = origin
        else errors.push(`"${value}" is not a data origin (applied, sourced, referred or imported)`)
        break
      }
      case 'legal_basis': {
        const basis =
          BASIS_WORDS[
            foldText(value)
              .replace(/[^a-z_ ]+/g, ' ')
              .trim()
          ]
        if (basis) consent.legalBasis = basis
        else errors.push(`"${value}" is not a legal basis (consent or legitimate interest)`)
        break
      }
      case 'consent_given_on':
      case 'consent_expires_on':
        if (!isCalendarDate(value)) errors.push(`"${value}" is not a date in the form YYYY-MM-DD`)
        else if (field === 'consent_given_on') consent.consentGivenOn = value
        else consent.consentExpiresOn = value
        break
    }
  })
  const fullName = (name || [first, last].filter(Boolean).join(' ')).replace(/\s+/g, ' ')
  if (!fullName) errors.push('the name is empty')
  if (fullName.length > LIMITS.name) errors.push(`the name is longer than ${LIMITS.name} characters`)
  if (location.length > LIMITS.location) errors.push(`the location is longer than ${LIMITS.location} characters`)
  if (source.length > LIMITS.source) errors.push(`the source is longer than ${LIMITS.source} characters`)
  if (tags.some((tag) => tag.length > LIMITS.tag)) errors.push(`a tag is longer than ${LIMITS.tag} characters`)
  if (notes.join('\n').length > LIMITS.notes) errors.push(`the notes are longer than ${LIMITS.notes} characters`)
  if (emails.length > 20 || phones.length > 20 || links.length > 30) errors.push('too many e-mails, phones or links')
  let candidate: BulkCandidate | null = null
  try {
    if (fullName) {
      candidate = {
        ...normaliseCandidate({ name: fullName, emails, phones, links, location, source, tags }, region),
        notes: notes.length ? [notes.join('\n')] : [],
        consent,
      }
    }
  } catch (error) {
    if (!(error instanceof AppError)) throw error
    for (const issue of error.issues ?? []) errors.push(issue.message)
  }
  return errors.length ? { candidate: null, errors } : { candidate, errors }
}

/** The encoding of a CSV file, from its first bytes; a spreadsheet saved under a .csv name is refused. */
export async function detectCsvEncoding(path: string, fileName: string): Promise<TextEncodingName> {
  const handle = await open(path, 'r')
  try {
    const sample = new Uint8Array(ENCODING_SAMPLE_BYTES)
    const { bytesRead } = await handle.read(sample, 0, sample.length, 0)
    const head = sample.subarray(0, bytesRead)
    if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
      throw new AppError(
        'unsupported_file',
        `${fileName} is a spreadsheet or zip file, not CSV text. Export it as CSV (UTF-8) first.`,
      )
    }
    return detectEncoding(head, fileName).encoding
  } finally {
    await handle.close()
  }
}

/** Longest row held while waiting for its end (a quoted cell across lines); past it the file is refused. */
const MAX_ROW_CHARS = 4 * 1024 * 1024

/**
 * Streams the records of a CSV file (delimiter detected: comma, semicolon, tab …) with bounded memory, in the
 * given encoding or else the detected one.
 *
 * Each chunk of the file is parsed once: only the unfinished last row is carried to the next chunk. (Papa's
 * own Node stream re-parsed the rest of its chunk whenever the reader fell 16 rows behind, which made
 * time grow with the square of the row count: 131,072 blank lines took minutes.) The event loop gets a turn
 * after every chunk, so a large file never holds up other requests for more than one chunk's work.
 */
export async function* readCsvRows(
  path: string,
  fileName: string,
  encoding?: TextEncodingName,
): AsyncGenerator<string[]> {
  const decode = streamDecoder(encoding ?? (await detectCsvEncoding(path, fileName)))
  let parser: Papa.Parser | null = null
  let carry = ''
  const parse = (text: string, last: boolean): string[][] => {
    if (text.includes('\0')) throw new BinaryContentError(fileName)
    // Delimiter and line break are guessed once, from the first chunk, as Papa does for a stream.
    if (parser === null) {
      const { meta } = Papa.parse<string[]>(text, { preview: 1 })
      parser = new Papa.Parser({ delimiter: meta.delimiter, newline: meta.linebreak } as Papa.ParseConfig)
    }
    const result = parser.parse(text, 0, !last) as { data: string[][]; meta: { cursor: number } }
    carry = last ? '' : text.slice(result.meta.cursor)
    if (carry.length > MAX_ROW_CHARS) {
      throw new AppError(
        'invalid_input',
        `${fileName} has a row longer than ${MAX_ROW_CHARS / 1024 / 1024} MB (often a quote that is never closed); check the file.`,
      )
    }
    return result.data
  }
  for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 })) {
    yield* parse(carry + decode.write(chunk as Buffer), false)
    await yieldToLoop()
  }
  const rest = carry + decode.end()
  if (rest !== '') yield* parse(rest, true)
}

interface ImportFileOptions {
  fileName: string
  mapping: (CsvField | null)[] | null
  mode: ImportMode
  rowCount?: number | null
  /** As chosen in the preview; detected from the file when absent. */
  encoding?: TextEncodingName | undefined
}

/** What the committed batches of an import hold: counts, the last line, and how many reported entries. */
interface Committed {
  line: number
  rows: number
  created: number
  existing: number
  skipped: number
  errorCount: number
  errors: number
  known: number
}

const isBlank = (cells: readonly string[]) => cells.every((cell) => cell.trim() === '')

export class CsvImportService {
  constructor(
    private readonly ctx: CoreContext,
    private readonly workspace: WorkspaceService,
    private readonly jobs: JobRunner,
  ) {}

  private get uploadDir(): string {
    return join(this.ctx.dataDir, 'tmp', 'imports')
  }

  private uploadPath(uploadId: string): string {
    if (!/^[0-9a-f-]{36}$/.test(uploadId)) throw new AppError('invalid_input', 'Not an upload id.')
    const path = join(this.uploadDir, `${uploadId}.csv`)
    if (!existsSync(path)) throw new AppError('not_found', 'This upload is unknown or expired; choose the file again.')
    return path
  }

  /** Keeps the file for the mapping and import steps, so a large file crosses IPC or HTTP only once. */
  async upload(fileName: string, bytes: Uint8Array): Promise<CsvPreviewDto> {
    await mkdir(this.uploadDir, { recursive: true })
    await this.pruneUploads()
    const uploadId = randomUUID()
    const path = join(this.uploadDir, `${uploadId}.csv`)
    await writeFile(path, bytes)
    await writeFile(`${path}.name`, fileName)
    try {
      return await this.preview(uploadId, null)
    } catch (error) {
      await rm(path, { force: true })
      await rm(`${path}.name`, { force: true })
      throw error
    }
  }

  /** Header, suggested (or given) mapping, the first rows with their problems, and the number of rows. */
  async preview(
    uploadId: string,
    mapping: (CsvField | null)[] | null,
    chosenEncoding?: TextEncodingName,
  ): Promise<CsvPreviewDto> {
    const path = this.uploadPath(uploadId)
    const fileName = await this.uploadName(path)
    const detectedEncoding = await detectCsvEncoding(path, fileName)
    const encoding = chosenEncoding ?? detectedEncoding
    let headers: string[] | null = null
    let effective: (CsvField | null)[] = []
    const rows: CsvPreviewRowDto[] = []
    const writer = new CandidateBulkWriter(this.ctx.sqlite)
    let rowCount = 0
    let line = 1
    const region = await this.workspace.phoneRegion()
    for await (const cells of readCsvRows(path, fileName, encoding)) {
      if (headers === null) {
        headers = cells.map((cell) => cell.trim())
        // No mapping (or an empty one, after choosing another encoding): the one the headers suggest.
        effective = mapping !== null && mapping.length > 0 ? mapping : suggestMapping(headers)
        if (effective.length !== headers.length) checkMapping(headers, effective)
        continue
      }
      line++
      if (isBlank(cells)) continue
      rowCount++
      if (rows.length < PREVIEW_ROWS) {
        const { candidate, errors } = rowToCandidate(cells, effective, region)
        const knownId = candidate ? writer.findExisting(candidate) : null
        rows.push({ line, values: cells, errors, known: knownId === null ? null : { candidateId: knownId, name: '' } })
      }
    }
    const names = await this.candidateNames(rows.flatMap((row) => (row.known ? [row.known.candidateId] : [])))
    for (const row of rows) if (row.known) row.known.name = names.get(row.known.candidateId) ?? ''
    if (headers === null || headers.every((header) => header === ''))
      throw new AppError('invalid_input', `${fileName} is empty: a CSV needs a header line and rows.`)
    return { uploadId, fileName, encoding, detectedEncoding, headers, mapping: effective, rows, rowCount }
  }

  private async candidateNames(ids: number[]): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map()
    const rows = await this.ctx.db.selectFrom('candidates').select(['id', 'name']).where('id', 'in', ids).execute()
    return new Map(rows.map((row) => [row.id, row.name]))
  }

  /** The suggested mapping with some headers (lowercase) given another field, or none. */
  async mappingFor(
    path: string,
    fileName: string,
    overrides: Map<string, CsvField | null>,
    encoding?: TextEncodingName,
  ): Promise<(CsvField | null)[]> {
    const rows = readCsvRows(path, fileName, encoding)
    const header = await rows.next()
    await rows.return(undefined)
    if (header.done) throw new AppError('invalid_input', `${fileName} is empty: a CSV needs a header line and rows.`)
    const headers = header.value.map((cell) => cell.trim())
    const known = new Set(headers.map((entry) => entry.toLowerCase()))
    const unknown = [...overrides.keys()].filter((key) => !known.has(key))
    if (unknown.length > 0) {
      throw new AppError(
        'invalid_input',
        `${fileName} has no column named ${unknown.map((key) => `"${key}"`).join(', ')}.`,
      )
    }
    return suggestMapping(headers).map((field, index) => {
      const key = (headers[index] ?? '').toLowerCase()
      return overrides.has(key) ? (overrides.get(key) ?? null) : field
    })
  }

  startImport(
    uploadId: string,
    options: {
      mapping: (CsvField | null)[]
      mode: ImportMode
      rowCount: number | null
      fileName?: string | undefined
      encoding?: TextEncodingName | undefined
    },
  ): JobDto {
    const path = this.uploadPath(uploadId)
    return this.jobs.start('candidates.csv-import', async (job) => {
      // The uploaded copy goes when the job ends, however it ends: it holds personal data.
      try {
        const fileName = options.fileName ?? (await this.uploadName(path))
        return await this.importFile(path, { ...options, fileName }, job)
      } finally {
        await rm(path, { force: true })
        await rm(`${path}.name`, { force: true })
      }
    })
  }

  /**
   * Imports a CSV file. all_or_nothing: one transaction, rolled back on the first problem (all problems
   * are still reported). skip_invalid: transactions of BATCH_ROWS rows; bad rows are reported and skipped.
   * Rows whose e-mail or phone is already known (or came earlier in the file) are counted as existing.
   */
  async importFile(path: string, options: ImportFileOptions, job?: JobContext): Promise<CsvImportResultDto> {
    const actor = await this.workspace.currentPersonId()
    const writer = new CandidateBulkWriter(this.ctx.sqlite)
    // Rows land at random places in a dozen indexes; a larger page cache for the import's duration
    // keeps those pages in memory instead of re-reading them for every row.
    const cacheSize = Number(this.ctx.sqlite.pragma('cache_size', { simple: true }))
    this.ctx.sqlite.pragma(`cache_size = ${IMPORT_CACHE_SIZE}`)
    try {
      return await this.importRows(path, options, job, actor, writer)
    } finally {
      this.ctx.sqlite.pragma(`cache_size = ${cacheSize}`)
    }
  }

  private async importRows(
    path: string,
    options: ImportFileOptions,
    job: JobContext | undefined,
    actor: number | null,
    writer: CandidateBulkWriter,
  ): Promise<CsvImportResultDto> {
    const at = new Date().toISOString()
    const region = await this.workspace.phoneRegion()
    const encoding = options.encoding ?? (await detectCsvEncoding(path, options.fileName))
    const result: CsvImportResultDto = {
      mode: options.mode,
      encoding,
      rows: 0,
      created: 0,
      existing: 0,
      skipped: 0,
      known: [],
      errors: [],
      errorCount: 0,
    }
    const rows = readCsvRows(path, options.fileName, encoding)
    const header = await rows.next()
    if (header.done)
      throw new AppError('invalid_input', `${options.fileName} is empty: a CSV needs a header line and rows.`)
    const headers = header.value.map((cell) => cell.trim())
    const mapping = options.mapping ?? suggestMapping(headers)
    checkMapping(headers, mapping)
    let line = 1
    const report = (message: string) => {
      result.errorCount++
      if (result.errors.length < MAX_REPORTED_ERRORS) result.errors.push({ path: `line ${line}`, message })
    }
    const write = (candidate: BulkCandidate) => {
      const knownId = writer.findExisting(candidate)
      if (knownId !== null) {
        result.existing++
        if (result.known.length < MAX_REPORTED_ERRORS) result.known.push({ line, candidateId: knownId, name: '' })
      } else {
        writer.insert(candidate, actor, at, { via: 'csv', line })
        result.created++
      }
    }
    const progress = () => {
      job?.progress(result.rows, options.rowCount ?? null, `${result.rows} rows`)
    }
    const summary = {
      personId: actor,
      entityType: 'candidate_import',
      entityId: null,
      action: 'imported',
    }

    if (options.mode === 'all_or_nothing') {
      await this.ctx.db.transaction().execute(async (trx) => {
        for await (const cells of rows) {
          line++
          if (isBlank(cells)) continue
          result.rows++
          const { candidate, errors } = rowToCandidate(cells, mapping, region)
          for (const message of errors) report(message)
          if (candidate && result.errorCount === 0) write(candidate)
          if (result.rows % 500 === 0) {
            job?.throwIfCancelled()
            progress()
          }
        }
        if (result.errorCount > 0) {
          const first = result.errors[0]
          throw new AppError(
            'invalid_input',
            `${result.errorCount} problem${result.errorCount === 1 ? '' : 's'} in ${options.fileName}; nothing was imported. First: ${first?.path}: ${first?.message}`,
            result.errors,
          )
        }
        await recordActivity(trx, { ...summary, detail: { ...counts(result) } })
      })
      progress()
      return result
    }

    let batch: { candidate: BulkCandidate; line: number }[] = []
    const flush = async () => {
      const pending = batch
      batch = []
      if (pending.length === 0) return
      // The writer's statements are synchronous; the Kysely transaction only wraps them in BEGIN/COMMIT.
      await this.ctx.db.transaction().execute(() => {
        for (const entry of pending) {
          line = entry.line
          write(entry.candidate)
        }
        return Promise.resolve()
      })
    }
    // What the committed batches hold. A stop (cancel, failure) reports exactly this, never the rows in flight:
    // a batch whose transaction rolled back may have counted rows it did not keep.
    let committed: Committed = {
      line: 1,
      rows: 0,
      created: 0,
      existing: 0,
      skipped: 0,
      errorCount: 0,
      errors: 0,
      known: 0,
    }
    const commit = () => {
      committed = {
        line,
        rows: result.rows,
        created: result.created,
        existing: result.existing,
        skipped: result.skipped,
        errorCount: result.errorCount,
        errors: result.errors.length,
        known: result.known.length,
      }
    }
    const log = (outcome: CsvImportResultDto) =>
      outcome.created > 0 || outcome.existing > 0
        ? this.ctx.db.transaction().execute((trx) =>
            recordActivity(trx, {
              ...summary,
              detail: {
                ...counts(outcome),
                ...(outcome.stopped ? { stopped: outcome.stopped.reason, afterLine: outcome.stopped.afterLine } : {}),
              },
            }),
          )
        : Promise.resolve()
    let cancelled = false
    try {
      for await (const cells of rows) {
        line++
        if (isBlank(cells)) continue
        result.rows++
        const { candidate, errors } = rowToCandidate(cells, mapping, region)
        if (candidate) batch.push({ candidate, line })
        else {
          result.skipped++
          for (const message of errors) report(message)
        }
        if (batch.length >= BATCH_ROWS) {
          const reached = line
          await flush()
          line = reached
          commit()
          progress()
          if (job?.signal.aborted) {
            cancelled = true
            break
          }
        }
      }
      if (!cancelled) {
        const reached = line
        await flush()
        line = reached
        commit()
      }
    } catch (error) {
      const stopped = await this.stoppedImport(result, committed, 'failed')
      await log(stopped).catch(() => undefined)
      const kept = keptText(stopped)
      if (error instanceof AppError) {
        throw new StoppedWithResultError(error.code, `${error.message} ${kept}`, stopped)
      }
      console.error('[csv import]', error)
      throw new StoppedWithResultError('internal', `The import stopped unexpectedly. ${kept}`, stopped)
    }
    if (cancelled) {
      const stopped = await this.stoppedImport(result, committed, 'cancelled')
      await log(stopped)
      throw new StoppedWithResultError('cancelled', `Cancelled. ${keptText(stopped)}`, stopped)
    }
    await log(result)
    progress()
    const names = await this.candidateNames(result.known.map((entry) => entry.candidateId))
    for (const entry of result.known) entry.name = names.get(entry.candidateId) ?? ''
    return result
  }

  /** The result of a stopped import: only what its committed batches hold, names included. */
  private async stoppedImport(
    result: CsvImportResultDto,
    committed: Committed,
    reason: 'cancelled' | 'failed',
  ): Promise<CsvImportResultDto> {
    const known = result.known.slice(0, committed.known)
    const names = await this.candidateNames(known.map((entry) => entry.candidateId)).catch(
      () => new Map<number, string>(),
    )
    return {
      ...result,
      rows: committed.rows,
      created: committed.created,
      existing: committed.existing,
      skipped: committed.skipped,
      errorCount: committed.errorCount,
      errors: result.errors.slice(0, committed.errors),
      known: known.map((entry) => ({ ...entry, name: names.get(entry.candidateId) ?? '' })),
      stopped: { reason, afterLine: committed.line },
    }
  }

  private async uploadName(path: string): Promise<string> {
    return readFile(`${path}.name`, 'utf8').catch(() => 'the CSV file')
  }

  private async pruneUploads(): Promise<void> {
    const cutoff = Date.now() - UPLOAD_TTL_MS
    for (const name of await readdir(this.uploadDir)) {
      const path = join(this.uploadDir, name)
      if ((await stat(path)).mtimeMs < cutoff) await rm(path, { force: true })
    }
  }
}

const keptText = (stopped: CsvImportResultDto) =>
  stopped.created === 0 && stopped.existing === 0
    ? 'Nothing was imported.'
    : `The lines up to ${stopped.stopped?.afterLine} stay imported: ${stopped.created} candidate${stopped.created === 1 ? '' : 's'} created, ${stopped.existing} already known, ${stopped.skipped} skipped; nothing after that line was imported.`

const counts = (result: CsvImportResultDto) => ({
  mode: result.mode,
  rows: result.rows,
  created: result.created,
  existing: result.existing,
  skipped: result.skipped,
})
