import type { CsvField, CsvImportResultDto, ImportMode } from '@contract'
import { recordActivity } from '../activity/activity-log'
import { asBusy } from '../db/connection'
import { AppError, StoppedWithResultError } from '../errors'
import type { TextEncodingName } from '../files/text-encoding'
import type { JobContext } from '../jobs/job-runner'
import type { PhoneRegion } from '../phones/phone-numbers'
import type { BulkCandidate } from './bulk-writer'
import { publishStaged } from './csv-import-publish'
import type { CsvImportStore, PublishedBatch, StagedCandidate } from './csv-import-writer'
import { rowToCandidate } from './csv-mapping'

/**
 * Rows per transaction. A batch of new candidates holds the write lock for tens of milliseconds, so another
 * process's write waits at most about that long; a smaller batch only adds commits.
 */
export const BATCH_ROWS = 2_000
const MAX_REPORTED_ERRORS = 200

export interface ImportRun {
  fileName: string
  mode: ImportMode
  mapping: (CsvField | null)[]
  encoding: TextEncodingName
  region: PhoneRegion
  actor: number | null
  /** When the import started: the time of every row it writes. */
  at: string
  /** The workspace clock, for the time each publish batch commits. */
  now: () => string
  rowCount: number | null
  batchRows: number
  /** Between two transactions: a turn of the event loop, or a pause for another process's write. */
  pause: () => Promise<void>
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

export const isBlank = (cells: readonly string[]) => cells.every((cell) => cell.trim() === '')

/**
 * One import of the data rows of a CSV file (its header already read). all_or_nothing stages its rows in short
 * transactions and publishes them, in short transactions too, only once the whole file is read without a
 * problem; skip_invalid commits each batch as it goes, skipping and reporting the bad rows. Either way no
 * transaction holds more than one batch, and other work gets its turn after each. Rows whose e-mail or phone
 * is already known (or came earlier in the file) are counted as existing.
 */
export class CsvImportRunner {
  private readonly result: CsvImportResultDto
  private readonly at: string
  private line = 1

  constructor(
    private readonly run: ImportRun,
    private readonly writer: CsvImportStore,
    private readonly job: JobContext | undefined,
  ) {
    this.at = run.at
    this.result = {
      mode: run.mode,
      encoding: run.encoding,
      rows: 0,
      created: 0,
      existing: 0,
      skipped: 0,
      known: [],
      errors: [],
      errorCount: 0,
    }
  }

  async import(rows: AsyncIterable<string[]>): Promise<CsvImportResultDto> {
    const result = this.run.mode === 'all_or_nothing' ? await this.allOrNothing(rows) : await this.skipInvalid(rows)
    this.progress()
    await this.nameKnown(result)
    return result
  }

  private report(message: string): void {
    this.result.errorCount++
    if (this.result.errors.length < MAX_REPORTED_ERRORS) this.result.errors.push({ path: `line ${this.line}`, message })
  }

  private progress(): void {
    this.job?.progress(this.result.rows, this.run.rowCount, `${this.result.rows} rows`)
  }

  private knownAs(candidateId: number, line: number): { line: number; candidateId: number; name: string } | null {
    this.result.existing++
    if (this.result.known.length >= MAX_REPORTED_ERRORS) return null
    const entry = { line, candidateId, name: '' }
    this.result.known.push(entry)
    return entry
  }

  private summary(detail: Record<string, unknown>) {
    return {
      personId: this.run.actor,
      entityType: 'candidate_import',
      entityId: null,
      action: 'imported',
      detail,
      at: this.at,
    }
  }

  private async allOrNothing(rows: AsyncIterable<string[]>): Promise<CsvImportResultDto> {
    const { result, writer } = this
    const importId = await writer.beginStaging(this.job?.id ?? '', this.at)
    // Rows staged earlier in the file, by e-mail and phone key: they are not in the candidate tables yet.
    const staged = new Map<string, number>()
    const knownInFile: { entry: { candidateId: number }; seq: number }[] = []
    let batch: StagedCandidate[] = []
    let seq = 0
    // Where the server writes a batch in a process of its own (PostgreSQL), this one reads and checks the next
    // rows meanwhile: one write in flight at a time, awaited before the next write and before publishing.
    let writing: Promise<void> = Promise.resolve()
    const flush = async () => {
      await writing
      const rows = batch
      batch = []
      writing = writer.stage(importId, rows)
      if (writer.stagesInBackground) writing.catch(() => undefined)
      else await writing
      this.progress()
      await this.run.pause()
    }
    // Rows read but not yet looked up: a batch's e-mails and phones are looked up together.
    let parsed: { line: number; candidate: BulkCandidate }[] = []
    const settle = async () => {
      const pending = parsed
      parsed = []
      // A file with a problem is refused whole: its rows are only read on, for the report.
      if (pending.length === 0 || result.errorCount > 0) return
      const lookup = await writer.lookup(pending.map((entry) => entry.candidate))
      for (const { line, candidate } of pending) {
        const knownId = lookup.findExisting(candidate)
        const earlier = knownId === null ? stagedMatch(staged, candidate) : null
        if (knownId !== null || earlier !== null) {
          const entry = this.knownAs(knownId ?? 0, line)
          if (entry && earlier !== null) knownInFile.push({ entry, seq: earlier })
        } else {
          seq++
          for (const key of matchKeys(candidate)) if (!staged.has(key)) staged.set(key, seq)
          batch.push({ seq, line, candidate })
          result.created++
        }
        if (batch.length >= this.run.batchRows) await flush()
      }
    }
    try {
      for await (const cells of rows) {
        this.line++
        if (isBlank(cells)) continue
        result.rows++
        const { candidate, errors } = rowToCandidate(cells, this.run.mapping, this.run.region)
        for (const message of errors) this.report(message)
        if (candidate && result.errorCount === 0) parsed.push({ line: this.line, candidate })
        if (parsed.length >= this.run.batchRows) await settle()
        else if (result.rows % 500 === 0) this.progress()
        this.job?.throwIfCancelled()
      }
      await settle()
      if (result.errorCount > 0) {
        const first = result.errors[0]
        throw AppError.of(
          'csv_problems',
          { count: result.errorCount, file: this.run.fileName, path: first?.path ?? '', detail: first?.message ?? '' },
          result.errors,
        )
      }
      if (batch.length > 0) await flush()
      await writing
      this.job?.throwIfCancelled()
      // The point of no return: from here on the import is finished, by this process or the next open.
      await writer.startPublishing(importId, this.run.actor, counts(result))
    } catch (error) {
      // Nothing of it was ever visible; its staged rows go now (after the write in flight, whatever its outcome),
      // or when the workspace is next opened.
      await writing.catch(() => undefined)
      await writer.drop(importId, this.run.pause).catch((dropError: unknown) => {
        console.error('[csv import] staged rows left for the next start', dropError)
      })
      throw asBusy(error) ?? error
    }
    this.job?.uncancellable?.()
    // Readers see the import's candidates appear batch by batch, for as long as publishing takes.
    const published = await publishStaged(writer, importId, {
      batchRows: this.run.batchRows,
      pause: this.run.pause,
      now: this.run.now,
    })
    for (const { entry, seq: earlier } of knownInFile) entry.candidateId = candidateIdOf(published, earlier)
    return result
  }

  private async skipInvalid(rows: AsyncIterable<string[]>): Promise<CsvImportResultDto> {
    const { result, writer } = this
    let batch: { candidate: BulkCandidate; line: number }[] = []
    const flush = async () => {
      const pending = batch
      batch = []
      if (pending.length === 0) return
      await writer.inTransaction(async (trx) => {
        const candidates = await writer.candidates.batch(
          trx,
          pending.map((entry) => entry.candidate),
        )
        for (const entry of pending) {
          const knownId = candidates.findExisting(entry.candidate)
          if (knownId !== null) this.knownAs(knownId, entry.line)
          else {
            candidates.insert(entry.candidate, this.run.actor, this.at, { via: 'csv', line: entry.line })
            result.created++
          }
        }
        await candidates.write()
      })
      commit()
      this.progress()
      await this.run.pause()
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
        line: this.line,
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
        ? writer.inTransaction((trx) =>
            recordActivity(
              trx,
              this.summary({
                ...counts(outcome),
                ...(outcome.stopped ? { stopped: outcome.stopped.reason, afterLine: outcome.stopped.afterLine } : {}),
              }),
            ),
          )
        : Promise.resolve()
    let cancelled = false
    try {
      for await (const cells of rows) {
        this.line++
        if (isBlank(cells)) continue
        result.rows++
        const { candidate, errors } = rowToCandidate(cells, this.run.mapping, this.run.region)
        if (candidate) batch.push({ candidate, line: this.line })
        else {
          result.skipped++
          for (const message of errors) this.report(message)
        }
        if (batch.length >= this.run.batchRows) {
          await flush()
          if (this.job?.signal.aborted) {
            cancelled = true
            break
          }
        }
      }
      if (!cancelled) await flush()
      // A file without a single new row still ends on a committed state.
      if (!cancelled) commit()
    } catch (thrown) {
      const error = asBusy(thrown) ?? thrown
      const stopped = await this.stopped(committed, 'failed')
      await log(stopped).catch(() => undefined)
      const kept = keptText(stopped)
      if (error instanceof AppError)
        throw new StoppedWithResultError(
          error.code,
          `${error.message} ${kept}`,
          stopped,
          error.key ? { key: error.key, params: error.params } : undefined,
        )
      console.error('[csv import]', error)
      throw stoppedError('failed', stopped)
    }
    if (cancelled) {
      const stopped = await this.stopped(committed, 'cancelled')
      await log(stopped)
      throw stoppedError('cancelled', stopped)
    }
    await log(result)
    return result
  }

  /** The result of a stopped import: only what its committed batches hold, names included. */
  private async stopped(committed: Committed, reason: 'cancelled' | 'failed'): Promise<CsvImportResultDto> {
    const { result } = this
    const stopped: CsvImportResultDto = {
      ...result,
      rows: committed.rows,
      created: committed.created,
      existing: committed.existing,
      skipped: committed.skipped,
      errorCount: committed.errorCount,
      errors: result.errors.slice(0, committed.errors),
      known: result.known.slice(0, committed.known).map((entry) => ({ ...entry })),
      stopped: { reason, afterLine: committed.line },
    }
    await this.nameKnown(stopped).catch(() => undefined)
    return stopped
  }

  private async nameKnown(result: CsvImportResultDto): Promise<void> {
    const names = await this.writer.candidateNames(result.known.map((entry) => entry.candidateId))
    for (const entry of result.known) entry.name = names.get(entry.candidateId) ?? ''
  }
}

/** The id the staged row `seq` became: its batch's offset plus `seq`. */
function candidateIdOf(batches: readonly PublishedBatch[], seq: number): number {
  const batch = batches.find((entry) => entry.from <= seq && seq <= entry.to)
  return batch ? batch.offset + seq : 0
}

const matchKeys = (candidate: BulkCandidate) => [
  ...candidate.emails.map((email) => `e ${email}`),
  ...candidate.phones.map(({ key }) => `p ${key}`),
]

/** The staged row holding one of the candidate's e-mails (first) or phone numbers, as `findExisting` looks. */
function stagedMatch(staged: ReadonlyMap<string, number>, candidate: BulkCandidate): number | null {
  for (const key of matchKeys(candidate)) {
    const seq = staged.get(key)
    if (seq !== undefined) return seq
  }
  return null
}

/** How a stopped import ends, with what stays imported (the rows before the line it stopped at). */
const stoppedError = (how: 'failed' | 'cancelled', stopped: CsvImportResultDto) =>
  stopped.created === 0 && stopped.existing === 0
    ? StoppedWithResultError.withResult(
        how === 'failed' ? 'import_failed_nothing' : 'import_cancelled_nothing',
        {},
        stopped,
      )
    : StoppedWithResultError.withResult(
        how === 'failed' ? 'import_failed_kept' : 'import_cancelled_kept',
        {
          line: stopped.stopped?.afterLine ?? 0,
          created: stopped.created,
          existing: stopped.existing,
          skipped: stopped.skipped,
        },
        stopped,
      )

const keptText = (stopped: CsvImportResultDto) =>
  stopped.created === 0 && stopped.existing === 0
    ? 'Nothing was imported.'
    : `The lines up to ${stopped.stopped?.afterLine} stay imported (new candidates: ${stopped.created}, already known: ${stopped.existing}, skipped: ${stopped.skipped}); nothing after that line was imported.`

const counts = (result: CsvImportResultDto) => ({
  mode: result.mode,
  rows: result.rows,
  created: result.created,
  existing: result.existing,
  skipped: result.skipped,
})
