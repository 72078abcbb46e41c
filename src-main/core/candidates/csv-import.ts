import { randomUUID } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { CsvField, CsvImportResultDto, CsvPreviewDto, CsvPreviewRowDto, ImportMode, JobDto } from '@contract'
import { systemClock } from '../clock'
import type { CoreContext } from '../context'
import { actingCaller } from '../accounts/acting-person'
import { requireBeyondInterviews } from '../access/row-rules'
import { AppError } from '../errors'
import type { TextEncodingName } from '../files/text-encoding'
import type { JobContext, JobRunner } from '../jobs/job-runner'
import type { WorkspaceService } from '../workspace/service'
import { batchPause, publishStaged } from './csv-import-publish'
import { BATCH_ROWS, CsvImportRunner, isBlank } from './csv-import-run'
import { IMPORT_APPLICATION_NAME, PostgresCsvImportWriter } from './csv-import-postgres-writer'
import { CsvImportWriter, type CsvImportStore } from './csv-import-writer'
import type { NormalisedCandidate } from './candidate-input'
import { checkMapping, rowToCandidate, suggestMapping } from './csv-mapping'
import { detectCsvEncoding, readCsvRows } from './csv-reader'

const PREVIEW_ROWS = 20
const UPLOAD_TTL_MS = 24 * 60 * 60_000
/** In KiB, as PRAGMA cache_size takes it when negative: 256 MB. */
const IMPORT_CACHE_SIZE = -262_144

interface ImportFileOptions {
  fileName: string
  mapping: (CsvField | null)[] | null
  mode: ImportMode
  rowCount?: number | null
  /** As chosen in the preview; detected from the file when absent. */
  encoding?: TextEncodingName | undefined
  /** Rows per transaction; tests make it small to watch other work interleave with an import. */
  batchRows?: number
}

export class CsvImportService {
  private preparedWriter: CsvImportStore | undefined

  constructor(
    private readonly ctx: CoreContext,
    private readonly workspace: WorkspaceService,
    private readonly jobs: JobRunner,
  ) {}

  /** Prepared on first use: opening a workspace prepares no statement it does not need. */
  private get writer(): CsvImportStore {
    this.preparedWriter ??=
      this.ctx.dialect === 'sqlite'
        ? new CsvImportWriter(this.ctx.db, this.ctx.sqlite)
        : new PostgresCsvImportWriter(this.ctx.db)
    return this.preparedWriter
  }

  /**
   * The writer an import runs with. On PostgreSQL, a connection of its own for the import's whole run, holding a
   * session lock on the import: a server that loses the connection drops the lock, so this process and any other
   * server know the import is no longer running, and the next open or import finishes or removes it.
   */
  private async withImportWriter<T>(run: (writer: CsvImportStore) => Promise<T>): Promise<T> {
    if (this.ctx.dialect === 'sqlite') return run(this.writer)
    return this.ctx.db.connection().execute(async (db) => {
      const writer = new PostgresCsvImportWriter(db)
      await writer.nameConnection(IMPORT_APPLICATION_NAME)
      try {
        return await run(writer)
      } finally {
        // Back in the pool without the import's lock and under the pool's own name; a connection that died has
        // nothing to reset.
        await writer.releaseImports().catch(() => undefined)
        await writer.nameConnection('yardstick').catch(() => undefined)
      }
    })
  }

  private get uploadDir(): string {
    return join(this.ctx.dataDir, 'tmp', 'imports')
  }

  /**
   * Where an upload is kept. On a team server it is its uploader's alone: for anyone else it does not exist, as
   * an expired one (its id is all it takes, and ids travel: in a job, a log, a shared screen).
   */
  private uploadPath(uploadId: string): string {
    requireBeyondInterviews('upload')
    if (!/^[0-9a-f-]{36}$/.test(uploadId)) throw AppError.of('upload_id_invalid')
    const path = join(this.uploadDir, `${uploadId}.csv`)
    if (!existsSync(path)) throw AppError.of('upload_expired')
    const caller = actingCaller()
    if (caller !== undefined && readOwner(path) !== String(caller?.personId ?? '')) throw AppError.of('upload_expired')
    return path
  }

  /** Keeps the file for the mapping and import steps, so a large file crosses IPC or HTTP only once. */
  async upload(fileName: string, bytes: Uint8Array): Promise<CsvPreviewDto> {
    requireBeyondInterviews('upload')
    await mkdir(this.uploadDir, { recursive: true })
    await this.pruneUploads()
    const uploadId = randomUUID()
    const path = join(this.uploadDir, `${uploadId}.csv`)
    await writeFile(path, bytes)
    await writeFile(`${path}.name`, fileName)
    const caller = actingCaller()
    if (caller !== undefined) await writeFile(`${path}.owner`, String(caller?.personId ?? ''))
    try {
      return await this.preview(uploadId, null)
    } catch (error) {
      await removeUpload(path)
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
    const parsed: (NormalisedCandidate | null)[] = []
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
        parsed.push(candidate)
        rows.push({ line, values: cells, errors, known: null })
      }
    }
    const lookup = await this.writer.lookup(parsed.filter((entry) => entry !== null))
    parsed.forEach((candidate, index) => {
      const knownId = candidate ? lookup.findExisting(candidate) : null
      const row = rows[index]
      if (row && knownId !== null) row.known = { candidateId: knownId, name: '' }
    })
    const names = await this.writer.candidateNames(rows.flatMap((row) => (row.known ? [row.known.candidateId] : [])))
    for (const row of rows) if (row.known) row.known.name = names.get(row.known.candidateId) ?? ''
    if (headers === null || headers.every((header) => header === '')) throw AppError.of('csv_empty', { file: fileName })
    return { uploadId, fileName, encoding, detectedEncoding, headers, mapping: effective, rows, rowCount }
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
    if (header.done) throw AppError.of('csv_empty', { file: fileName })
    const headers = header.value.map((cell) => cell.trim())
    const known = new Set(headers.map((entry) => entry.toLowerCase()))
    const unknown = [...overrides.keys()].filter((key) => !known.has(key))
    if (unknown.length > 0) {
      throw AppError.of('csv_no_column', { file: fileName, columns: unknown.map((key) => `"${key}"`).join(', ') })
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
        await removeUpload(path)
      }
    })
  }

  /** Imports a CSV file, in batches of short transactions (see CsvImportRunner for what each mode keeps). */
  async importFile(path: string, options: ImportFileOptions, job?: JobContext): Promise<CsvImportResultDto> {
    const encoding = options.encoding ?? (await detectCsvEncoding(path, options.fileName))
    const rows = readCsvRows(path, options.fileName, encoding)
    const header = await rows.next()
    if (header.done) throw AppError.of('csv_empty', { file: options.fileName })
    const headers = header.value.map((cell) => cell.trim())
    const mapping = options.mapping ?? suggestMapping(headers)
    checkMapping(headers, mapping)
    // An import this process had to leave unfinished is finished before another one starts.
    await this.settleAbandonedImports()
    const run = {
      fileName: options.fileName,
      mode: options.mode,
      mapping,
      encoding,
      region: await this.workspace.phoneRegion(),
      actor: await this.workspace.currentPersonId(),
      at: this.ctx.clock.timestamp(),
      now: () => this.ctx.clock.timestamp(),
      rowCount: options.rowCount ?? null,
      batchRows: Math.max(1, options.batchRows ?? BATCH_ROWS),
      pause: batchPause(this.ctx.dataDir),
    }
    if (this.ctx.dialect === 'postgres')
      return this.withImportWriter((writer) => new CsvImportRunner(run, writer, job).import(rows))
    // Rows land at random places in a dozen indexes; a larger page cache for the import's duration
    // keeps those pages in memory instead of re-reading them for every row.
    const sqlite = this.ctx.sqlite
    const cacheSize = Number(sqlite.pragma('cache_size', { simple: true }))
    sqlite.pragma(`cache_size = ${IMPORT_CACHE_SIZE}`)
    try {
      return await new CsvImportRunner(run, this.writer, job).import(rows)
    } finally {
      sqlite.pragma(`cache_size = ${cacheSize}`)
    }
  }

  /**
   * Settles the all-or-nothing imports nobody runs any more (their process is gone, or gave them up): one still
   * staging is removed, never having been visible; one that had started publishing is finished, its activity
   * entry recorded once. Only reads when there is nothing to do, so opening a workspace still writes nothing it
   * does not need to. A failure is logged and left for the next open: it never stops the workspace opening.
   */
  async settleAbandonedImports(): Promise<void> {
    const pause = batchPause(this.ctx.dataDir)
    for (const { id, state } of await this.writer.abandonedImports(isRunning)) {
      try {
        if (state === 'publishing')
          await publishStaged(this.writer, id, { batchRows: BATCH_ROWS, pause, now: () => this.ctx.clock.timestamp() })
        else await this.writer.drop(id, pause)
      } catch (error) {
        console.error(`[csv import] import ${id} left for the next open`, error)
      }
    }
  }

  private async uploadName(path: string): Promise<string> {
    return readFile(`${path}.name`, 'utf8').catch(() => 'the CSV file')
  }

  private async pruneUploads(): Promise<void> {
    // The system clock, not the workspace's: it is compared with the file system's times, which no clock fixes.
    const cutoff = systemClock.now().getTime() - UPLOAD_TTL_MS
    for (const name of await readdir(this.uploadDir)) {
      const path = join(this.uploadDir, name)
      if ((await stat(path)).mtimeMs < cutoff) await rm(path, { force: true })
    }
  }
}

/** Who uploaded a file on a team server (a person's id), or '' when nobody is recorded. */
function readOwner(path: string): string {
  try {
    return readFileSync(`${path}.owner`, 'utf8')
  } catch {
    return ''
  }
}

/** An upload and what is kept beside it (its file name, its uploader). */
async function removeUpload(path: string): Promise<void> {
  for (const file of [path, `${path}.name`, `${path}.owner`]) await rm(file, { force: true })
}

/** This process, or another one still alive (the data folder is local, so its imports run on this machine). */
function isRunning(pid: number): boolean {
  if (pid <= 0) return false
  if (pid === process.pid) return true
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: alive, but someone else's.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
