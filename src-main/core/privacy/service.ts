import type {
  AuditEntryDto,
  BackupFileDto,
  ConsentDto,
  ErasureResultDto,
  FileDownloadDto,
  RetentionEntryDto,
  RetentionListDto,
  ReportLanguage,
  RetentionPolicyDto,
} from '@contract'
import type { ConsentInput } from '@contract/privacy'
import dayjs from 'dayjs'
import type { Kysely } from 'kysely'
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { recordActivity } from '../activity/activity-log'
import { nameKey } from '../candidates/normalise'
import type { CoreContext } from '../context'
import type { Database } from '../db/schema'
import { AppError } from '../errors'
import { requireBeyondInterviews, requireRows, rowNotFound, rowScope } from '../access/row-rules'
import { renderPdfInWorker } from '../exports/pdf/run-pdf-worker'
import { WorkspaceRepository } from '../workspace/repository'
import type { WorkspaceService } from '../workspace/service'
import { buildAccessExport, type AccessExport } from './access-export'
import { erasedName, toConsentDto, writeConsent } from './consent'
import { PrivacyRepository } from './repository'
import { redactDetail } from './activity-redaction'
import { scrubSavedViews } from './saved-view-scrub'

const POLICY_SETTING = 'privacy.retention'
/** How long a compaction held up by a transaction older than the erasure waits before it tries again. */
const COMPACTION_RETRY_MS = 10_000
export const DEFAULT_POLICY: RetentionPolicyDto = {
  months: { consent: 12, legitimate_interest: 12 },
  graceDays: 30,
  autoApply: false,
}

/**
 * The last day of activity whose retention has ended by `cutoff` under `months`: the months are added as the
 * list shows them (dayjs, which keeps the 31st of a month to the last day of a shorter one), so several days
 * may end on the same day. Adding months never goes backwards, so the days that qualify run up to this one.
 */
export function lastDayDue(cutoff: string, months: number): string {
  const ended = (day: dayjs.Dayjs) => day.add(months, 'month').format('YYYY-MM-DD') <= cutoff
  // A month is at most three days longer than the one it is added to: four steps either way are enough.
  let day = dayjs(cutoff).subtract(months, 'month')
  for (let step = 0; step < 4 && !ended(day); step++) day = day.subtract(1, 'day')
  for (let step = 0; step < 4 && ended(day.add(1, 'day')); step++) day = day.add(1, 'day')
  return day.format('YYYY-MM-DD')
}

/**
 * Consent, retention, access requests and erasure. An erasure is one transaction (rows deleted or blanked,
 * history redacted through the one recorded exception to the append-only rules, stored files queued) followed
 * by idempotent file removal that `finishPendingErasures` completes after a crash.
 */
export class PrivacyService {
  /** A compaction a long transaction held up, tried again later (PostgreSQL); the next start also finishes it. */
  private compactionRetry: NodeJS.Timeout | undefined
  private compactionRunning: Promise<void> | undefined
  private stopped = false

  constructor(
    private readonly ctx: CoreContext,
    private readonly workspace: WorkspaceService,
    /** Drops what other services keep in memory from candidates' documents (remembered suggestions). */
    private readonly forgetRemembered: () => void = () => {},
  ) {}

  private get db(): Kysely<Database> {
    return this.ctx.db
  }

  async consent(id: number): Promise<ConsentDto> {
    await requireRows(this.db, 'candidate', id)
    const row = await new PrivacyRepository(this.db).candidate(id)
    if (!row) throw AppError.of('candidate_not_found', { id: id })
    return toConsentDto(row)
  }

  async setConsent(id: number, input: ConsentInput): Promise<ConsentDto> {
    await requireRows(this.db, 'candidate', id, 'write')
    const actor = await this.workspace.currentPersonId()
    await this.db.transaction().execute((trx) => writeConsent(trx, id, input, actor, this.ctx.clock.timestamp()))
    return this.consent(id)
  }

  async policy(): Promise<RetentionPolicyDto> {
    const value = await new WorkspaceRepository(this.db).getSetting(POLICY_SETTING)
    if (value === undefined) return DEFAULT_POLICY
    const stored = JSON.parse(value) as Partial<RetentionPolicyDto>
    return {
      months: { ...DEFAULT_POLICY.months, ...stored.months },
      graceDays: stored.graceDays ?? DEFAULT_POLICY.graceDays,
      autoApply: stored.autoApply ?? DEFAULT_POLICY.autoApply,
    }
  }

  async setPolicy(policy: RetentionPolicyDto): Promise<RetentionPolicyDto> {
    const actor = await this.workspace.currentPersonId()
    await this.db.transaction().execute(async (trx) => {
      await new WorkspaceRepository(trx).putSetting(POLICY_SETTING, JSON.stringify(policy))
      await new PrivacyRepository(trx).audit({
        at: this.ctx.clock.timestamp(),
        personId: actor,
        action: 'policy_changed',
        candidateId: null,
        detail: { ...policy },
      })
    })
    return this.policy()
  }

  /** Who is past retention: in the grace period, or due (past it too). Candidates with an active application never are. */
  async retention(on: string = dayjs(this.ctx.clock.now()).format('YYYY-MM-DD')): Promise<RetentionListDto> {
    const policy = await this.policy()
    const rows = await new PrivacyRepository(this.db).retentionEnded(on, {
      consent: lastDayDue(on, policy.months.consent),
      legitimate_interest: lastDayDue(on, policy.months.legitimate_interest),
    })
    const entries = rows.map((row): RetentionEntryDto => {
      const byActivity = dayjs(row.last_at).add(policy.months[row.legal_basis], 'month').format('YYYY-MM-DD')
      const consentEnded =
        row.legal_basis === 'consent' && row.consent_expires_on !== null && row.consent_expires_on < byActivity
      let ended = consentEnded && row.consent_expires_on ? row.consent_expires_on : byActivity
      if (row.retain_until && row.retain_until > ended) ended = row.retain_until
      const graceEndsOn = dayjs(ended).add(policy.graceDays, 'day').format('YYYY-MM-DD')
      return {
        candidateId: row.id,
        name: row.name,
        legalBasis: row.legal_basis,
        state: graceEndsOn <= on ? 'due' : 'grace',
        reason: consentEnded ? 'consent_expired' : 'last_activity',
        lastActivityAt: row.last_at,
        retentionEndedOn: ended,
        graceEndsOn,
        applications: Number(row.applications),
      }
    })
    return {
      policy,
      today: on,
      entries,
      due: entries.filter((entry) => entry.state === 'due').length,
      grace: entries.filter((entry) => entry.state === 'grace').length,
    }
  }

  async extend(ids: readonly number[], months: number): Promise<{ extended: number; until: string }> {
    await requireRows(this.db, 'candidate', ids, 'write')
    const until = dayjs(this.ctx.clock.now()).add(months, 'month').format('YYYY-MM-DD')
    const actor = await this.workspace.currentPersonId()
    const extended = await this.db.transaction().execute(async (trx) => {
      const repo = new PrivacyRepository(trx)
      const count = await repo.setRetainUntil(ids, until)
      for (const id of ids) {
        await repo.audit({
          at: this.ctx.clock.timestamp(),
          personId: actor,
          action: 'retention_extended',
          candidateId: id,
          dataKinds: ['retention'],
          detail: { until, months },
        })
      }
      return count
    })
    return { extended, until }
  }

  /** Erases every candidate that is due, when the owner turned automatic application on (or `force`, e.g. the CLI with --yes). */
  async apply(options: { confirmed: boolean }): Promise<{ erased: ErasureResultDto[]; due: number }> {
    const list = await this.retention()
    const due = list.entries.filter((entry) => entry.state === 'due')
    if (!options.confirmed && !list.policy.autoApply) return { erased: [], due: due.length }
    const erased: ErasureResultDto[] = []
    for (const [index, entry] of due.entries())
      erased.push(await this.erase(entry.candidateId, 'anonymised', index === due.length - 1))
    return { erased, due: due.length }
  }

  async anonymise(ids: readonly number[]): Promise<ErasureResultDto[]> {
    await requireRows(this.db, 'candidate', ids, 'write')
    // All or none: an unknown id found halfway must not leave the first ones erased and the call refused.
    const known = await new PrivacyRepository(this.db).existingCandidateIds(ids)
    const missing = ids.filter((id) => !known.has(id))
    if (missing.length > 0) throw AppError.of('anonymise_unknown_candidates', { ids: missing.slice(0, 5).join(', ') })
    const results: ErasureResultDto[] = []
    for (const [index, id] of ids.entries()) results.push(await this.erase(id, 'anonymised', index === ids.length - 1))
    return results
  }

  /**
   * Erases a candidate: everything that identifies them goes, what stays is anonymous (the applications with
   * their stages, dates, ratings and recommendations, under "Erased candidate #N"). Erasing twice is a no-op
   * that still finishes any file removal left over. A run of erasures compacts once, after its last one.
   */
  async erase(id: number, action: 'erased' | 'anonymised' = 'erased', compact = true): Promise<ErasureResultDto> {
    const actor = await this.workspace.currentPersonId()
    const outcome = await this.db.transaction().execute(async (trx) => {
      const repo = new PrivacyRepository(trx)
      const row = await repo.candidate(id)
      if (!row) throw AppError.of('candidate_not_found', { id: id })
      if (row.erased_at) return null
      const at = this.ctx.clock.timestamp()
      const strings = (await repo.identifyingStrings(id)).filter((value) => value.length >= 3)
      const applicationIds = await repo.applicationIds(id)
      const interviewIds = await repo.interviewIds(applicationIds)
      const documents = await repo.documents(id)
      await repo.openGate(id)
      const activity = await repo.activityToRedact(applicationIds, id, strings)
      for (const entry of activity) await repo.setActivityDetail(entry.id, redactDetail(entry.detail))
      const texts = await repo.blankApplicationTexts(applicationIds, interviewIds)
      const views = await scrubSavedViews(repo, await repo.identity(id), at)
      await repo.closeGate(id)
      const rows = await repo.deletePersonalRows(id)
      let queued = 0
      let shared = 0
      for (const sha256 of new Set(documents.map((doc) => doc.sha256))) {
        if (await repo.shaStillUsed(sha256)) shared++
        else {
          await repo.queueFile(sha256, at)
          queued++
        }
      }
      const name = erasedName(id)
      await repo.anonymiseCandidate(id, { name, nameKey: nameKey(name) }, at)
      await repo.markCompactionDue()
      const counts = {
        emails: rows.candidate_emails ?? 0,
        phones: rows.candidate_phones ?? 0,
        links: rows.candidate_links ?? 0,
        tags: rows.candidate_tags ?? 0,
        notes: rows.candidate_notes ?? 0,
        documents: rows.documents ?? 0,
        evidence: texts.evidence,
        evidenceHistory: texts.history,
        scorecardTakeaways: texts.scorecards,
        scorecardNotes: texts.notes,
        activityRedacted: activity.length,
        savedViews: views,
      }
      const dataKinds = Object.entries(counts)
        .filter(([, count]) => count > 0)
        .map(([kind]) => kind)
      await repo.audit({
        at,
        personId: actor,
        action: 'history_redacted',
        candidateId: id,
        dataKinds: ['activity', 'evidence', 'scorecards'],
        detail: { activityRows: activity.length, evidenceHistoryRows: texts.history, scorecards: texts.scorecards },
      })
      await repo.audit({
        at,
        personId: actor,
        action,
        candidateId: id,
        dataKinds: ['profile', ...dataKinds],
        detail: { ...counts, applications: applicationIds.length, filesQueued: queued, filesShared: shared },
      })
      await recordActivity(trx, {
        personId: actor,
        entityType: 'candidate',
        entityId: id,
        action: 'erased',
        at,
        detail: { applications: applicationIds.length },
      })
      return { counts, shared }
    })
    if (outcome !== null) this.forgetRemembered()
    const removed = await this.finishPendingErasures({ compact })
    return {
      candidateId: id,
      name: erasedName(id),
      alreadyErased: outcome === null,
      counts: outcome?.counts ?? {},
      filesRemoved: removed,
      filesKeptShared: outcome?.shared ?? 0,
      backups: await this.backups(),
    }
  }

  /**
   * Removes the stored files erasures committed to removing (a file attached again since stays), the finished
   * exports in tmp/ (they may hold the erased data), then what the database keeps of erased rows (SQLite's
   * WAL, PostgreSQL's old row versions: `PrivacyRepository.compactErased`). Run after every erasure and at
   * start-up; each step is idempotent.
   */
  async finishPendingErasures(options: { compact: boolean } = { compact: true }): Promise<number> {
    const repo = new PrivacyRepository(this.db)
    const queued = await repo.queuedFiles()
    let removed = 0
    for (const sha256 of queued) {
      if (!(await repo.shaStillUsed(sha256))) {
        await this.ctx.files.delete(sha256)
        removed++
      }
      await repo.dequeueFile(sha256)
    }
    if (queued.length > 0) await this.clearTemporaryExports()
    if (options.compact && !(await repo.compactErased(queued.length > 0))) this.retryCompactionLater()
    return removed
  }

  private retryCompactionLater(): void {
    if (this.stopped || this.compactionRetry) return
    this.compactionRetry = setTimeout(() => {
      this.compactionRetry = undefined
      this.compactionRunning = this.finishPendingErasures()
        .then(() => undefined)
        .catch((error: unknown) => {
          console.error('[erasure compaction]', error instanceof Error ? error.message : String(error))
        })
    }, COMPACTION_RETRY_MS)
    this.compactionRetry.unref()
  }

  /** Before the workspace closes: cancels a compaction retry not started, waits for one running. */
  async stop(): Promise<void> {
    this.stopped = true
    clearTimeout(this.compactionRetry)
    await this.compactionRunning
  }

  private async clearTemporaryExports(): Promise<void> {
    for (const folder of ['exports', 'imports', 'privacy']) {
      const dir = join(this.ctx.dataDir, 'tmp', folder)
      const names = await readdir(dir).catch(() => [] as string[])
      // A .part file belongs to an export still being written; it is renamed or removed when it ends.
      for (const name of names) if (!name.endsWith('.part')) await rm(join(dir, name), { force: true, recursive: true })
    }
  }

  async backups(): Promise<BackupFileDto[]> {
    const dir = join(this.ctx.dataDir, 'backups')
    const names = await readdir(dir).catch(() => [] as string[])
    const files: BackupFileDto[] = []
    for (const fileName of names.sort()) {
      const info = await stat(join(dir, fileName)).catch(() => null)
      if (info?.isFile()) files.push({ fileName, size: info.size, modifiedAt: info.mtime.toISOString() })
    }
    return files
  }

  async purgeBackups(): Promise<{ removed: number }> {
    const files = await this.backups()
    for (const file of files) await rm(join(this.ctx.dataDir, 'backups', file.fileName), { force: true })
    const actor = await this.workspace.currentPersonId()
    await new PrivacyRepository(this.db).audit({
      at: this.ctx.clock.timestamp(),
      personId: actor,
      action: 'backups_purged',
      candidateId: null,
      dataKinds: ['backups'],
      detail: { files: files.length },
    })
    return { removed: files.length }
  }

  async keepBackups(reason: string): Promise<{ kept: number }> {
    const files = await this.backups()
    const actor = await this.workspace.currentPersonId()
    await new PrivacyRepository(this.db).audit({
      at: this.ctx.clock.timestamp(),
      personId: actor,
      action: 'backups_kept',
      candidateId: null,
      dataKinds: ['backups'],
      detail: { files: files.map((file) => file.fileName), reason },
    })
    return { kept: files.length }
  }

  async audit(candidateId: number | null, limit: number): Promise<AuditEntryDto[]> {
    requireBeyondInterviews('candidate')
    if (rowScope() && candidateId === null) throw rowNotFound('candidate', '')
    await requireRows(this.db, 'candidate', candidateId)
    const rows = await new PrivacyRepository(this.db).auditEntries(candidateId, limit)
    return rows.map((row) => ({
      id: row.id,
      at: row.at,
      person: row.person,
      action: row.action,
      candidateId: row.candidate_id,
      dataKinds: JSON.parse(row.data_kinds) as string[],
      detail: JSON.parse(row.detail) as Record<string, unknown>,
    }))
  }

  /** Everything held about a candidate, as data; recorded in the audit (what kind, not what). */
  async accessExport(id: number): Promise<AccessExport> {
    await requireRows(this.db, 'candidate', id)
    const repo = new PrivacyRepository(this.db)
    const candidate = await repo.candidate(id)
    if (!candidate) throw AppError.of('candidate_not_found', { id: id })
    const data = await repo.accessData(id)
    const info = await this.workspace.info()
    const result = buildAccessExport({
      candidate,
      data,
      workspace: info.name,
      appVersion: this.ctx.appVersion,
      generatedAt: this.ctx.clock.timestamp(),
    })
    await repo.audit({
      at: this.ctx.clock.timestamp(),
      personId: await this.workspace.currentPersonId(),
      action: 'exported',
      candidateId: id,
      dataKinds: Object.entries(result.counts)
        .filter(([, count]) => count > 0)
        .map(([kind]) => kind),
      detail: { ...result.counts },
    })
    return result
  }

  /** The access export as a file: JSON (machine-readable) or a readable PDF drawn in a worker. */
  async exportFile(id: number, format: 'json' | 'pdf', path: string, language: ReportLanguage = 'en'): Promise<void> {
    const data = await this.accessExport(id)
    if (format === 'json') {
      await writeFile(path, `${JSON.stringify(data, null, 2)}\n`)
      return
    }
    await renderPdfInWorker({ kind: 'access', access: data, language }, path, this.ctx.resourcesDir)
  }

  /** For the app: the file as a download, written in tmp/privacy and removed at once. */
  async exportDownload(id: number, format: 'json' | 'pdf', language: ReportLanguage = 'en'): Promise<FileDownloadDto> {
    const base = join(this.ctx.dataDir, 'tmp', 'privacy')
    await mkdir(base, { recursive: true })
    const dir = await mkdtemp(join(base, 'export-'))
    try {
      const path = join(dir, `access.${format}`)
      await this.exportFile(id, format, path, language)
      return {
        fileName: `candidate-${id}-data.${format}`,
        mimeType: format === 'json' ? 'application/json' : 'application/pdf',
        contentBase64: (await readFile(path)).toString('base64'),
      }
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }
}
