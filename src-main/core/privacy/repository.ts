import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import { setTimeout as delay } from 'node:timers/promises'
import { dialectOf } from '../db/dialect'
import type { CandidateOrigin, Database, LegalBasis, PrivacyAuditAction } from '../db/schema'

export interface ConsentValues {
  origin: CandidateOrigin
  legalBasis: LegalBasis
  consentGivenOn: string | null
  consentExpiresOn: string | null
  note: string
}

export interface RetentionRow {
  id: number
  name: string
  legal_basis: LegalBasis
  consent_expires_on: string | null
  retain_until: string | null
  last_at: string
  applications: number
}

/**
 * The tables an erasure deletes from or rewrites (`applications` through the trigger that copies the
 * candidate's name key; `files` holds a team workspace's stored files). On PostgreSQL the old row versions
 * stay in these tables' files until they are rewritten: see `compact`.
 */
export const ERASURE_TABLES = [
  'candidates',
  'candidate_emails',
  'candidate_phones',
  'candidate_links',
  'candidate_tags',
  'candidate_notes',
  'candidate_search',
  'documents',
  'files',
  'applications',
  'activity',
  'assessments',
  'assessment_history',
  'scorecards',
  'scorecard_ratings',
  'saved_views',
] as const

/** The setting that says an erasure's old row versions are still to be compacted away (PostgreSQL). */
const COMPACTION_SETTING = 'privacy.compaction_due'
/** How long a compaction waits for transactions older than the erasure (a report, an export page) to finish. */
const COMPACTION_WAIT_MS = 5_000

/** Only Kysely code: every privacy rule lives in the service. */
export class PrivacyRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private get postgres(): boolean {
    return dialectOf(this.db) === 'postgres'
  }

  async candidate(id: number) {
    return this.db.selectFrom('candidates').selectAll().where('id', '=', id).executeTakeFirst()
  }

  async existingCandidateIds(ids: readonly number[]): Promise<Set<number>> {
    if (ids.length === 0) return new Set()
    const rows = await this.db.selectFrom('candidates').select('id').where('id', 'in', ids).execute()
    return new Set(rows.map((row) => row.id))
  }

  async setConsent(id: number, values: ConsentValues, at: string): Promise<void> {
    await this.db
      .updateTable('candidates')
      .set({
        origin: values.origin,
        legal_basis: values.legalBasis,
        consent_given_on: values.consentGivenOn,
        consent_expires_on: values.consentExpiresOn,
        privacy_note: values.note,
        updated_at: at,
      })
      .where('id', '=', id)
      .execute()
  }

  async setRetainUntil(ids: readonly number[], until: string): Promise<number> {
    if (ids.length === 0) return 0
    const result = await this.db
      .updateTable('candidates')
      .set({ retain_until: until })
      .where('id', 'in', ids)
      .where('erased_at', 'is', null)
      .executeTakeFirst()
    return Number(result.numUpdatedRows)
  }

  /**
   * Candidates without an active application whose retention ended on or before `cutoff`: the date their
   * retention runs from is their last change or their last application's last change or closing (its UTC
   * day), due when that day is on or before `lastDayDue` of their legal basis, or when their consent expired.
   * The service works out `lastDayDue` with the same month arithmetic it shows, so the list and the dates it
   * gives agree on both databases (SQLite's `date(…, '+1 months')` and PostgreSQL's intervals differ at the
   * ends of months).
   */
  async retentionEnded(cutoff: string, lastDayDue: Record<LegalBasis, string>): Promise<RetentionRow[]> {
    const latest = this.postgres ? sql`greatest` : sql`max`
    const result = await sql<RetentionRow>`
      WITH last AS (
        SELECT c.id, c.name, c.legal_basis, c.consent_expires_on, c.retain_until,
          ${latest}(c.updated_at, coalesce(max(a.updated_at), ''), coalesce(max(a.closed_at), '')) AS last_at,
          count(a.id) AS applications,
          coalesce(sum(CASE WHEN a.status = 'active' AND a.merged_into_id IS NULL THEN 1 ELSE 0 END), 0) AS active
        FROM candidates c LEFT JOIN applications a ON a.candidate_id = c.id
        WHERE c.erased_at IS NULL
        GROUP BY c.id
      )
      SELECT id, name, legal_basis, consent_expires_on, retain_until, last_at, applications FROM last
      WHERE active = 0
        AND (retain_until IS NULL OR retain_until <= ${cutoff})
        AND (
          substr(last_at, 1, 10) <= CASE legal_basis WHEN 'consent' THEN ${lastDayDue.consent}
            ELSE ${lastDayDue.legitimate_interest} END
          OR (legal_basis = 'consent' AND consent_expires_on IS NOT NULL AND consent_expires_on <= ${cutoff})
        )
      ORDER BY last_at, id`.execute(this.db)
    return result.rows
  }

  async audit(entry: {
    at: string
    personId: number | null
    action: PrivacyAuditAction
    candidateId: number | null
    dataKinds?: readonly string[]
    detail?: Record<string, unknown>
  }): Promise<void> {
    await this.db
      .insertInto('privacy_audit')
      .values({
        at: entry.at,
        person_id: entry.personId,
        action: entry.action,
        candidate_id: entry.candidateId,
        data_kinds: JSON.stringify(entry.dataKinds ?? []),
        detail: JSON.stringify(entry.detail ?? {}),
      })
      .execute()
  }

  async auditEntries(candidateId: number | null, limit: number) {
    let query = this.db
      .selectFrom('privacy_audit as pa')
      .leftJoin('people as p', 'p.id', 'pa.person_id')
      .select(['pa.id', 'pa.at', 'pa.action', 'pa.candidate_id', 'pa.data_kinds', 'pa.detail', 'p.name as person'])
      .orderBy('pa.id', 'desc')
      .limit(limit)
    if (candidateId !== null) query = query.where('pa.candidate_id', '=', candidateId)
    return query.execute()
  }

  async applicationIds(candidateId: number): Promise<number[]> {
    const rows = await this.db.selectFrom('applications').select('id').where('candidate_id', '=', candidateId).execute()
    return rows.map((row) => row.id)
  }

  async interviewIds(applicationIds: readonly number[]): Promise<number[]> {
    if (applicationIds.length === 0) return []
    const rows = await this.db
      .selectFrom('interviews')
      .select('id')
      .where('application_id', 'in', applicationIds)
      .execute()
    return rows.map((row) => row.id)
  }

  async identifyingStrings(candidateId: number): Promise<string[]> {
    const [candidate, emails, phones, links, files] = await Promise.all([
      this.db.selectFrom('candidates').select('name').where('id', '=', candidateId).executeTakeFirst(),
      this.db.selectFrom('candidate_emails').select('email').where('candidate_id', '=', candidateId).execute(),
      this.db.selectFrom('candidate_phones').select('phone').where('candidate_id', '=', candidateId).execute(),
      this.db.selectFrom('candidate_links').select('url').where('candidate_id', '=', candidateId).execute(),
      this.db.selectFrom('documents').select('file_name').where('candidate_id', '=', candidateId).execute(),
    ])
    return [
      ...(candidate ? [candidate.name] : []),
      ...emails.map((row) => row.email),
      ...phones.map((row) => row.phone),
      ...links.map((row) => row.url),
      ...files.map((row) => row.file_name),
    ]
  }

  /** Log entries about the candidate, their applications, or naming them (e.g. a merge recorded on another). */
  async activityToRedact(applicationIds: readonly number[], candidateId: number, strings: readonly string[]) {
    return this.db
      .selectFrom('activity')
      .select(['id', 'detail'])
      .where((eb) =>
        eb.or([
          eb.and([eb('entity_type', '=', 'candidate'), eb('entity_id', '=', candidateId)]),
          ...(applicationIds.length > 0
            ? [eb.and([eb('entity_type', '=', 'application'), eb('entity_id', 'in', applicationIds)])]
            : []),
          // The value as it appears inside a JSON string; PostgreSQL keeps the detail as jsonb, searched as its text.
          ...strings.map((value) =>
            eb(
              this.postgres
                ? sql<number>`strpos(detail::text, ${JSON.stringify(value).slice(1, -1)})`
                : sql<number>`instr(detail, ${JSON.stringify(value).slice(1, -1)})`,
              '>',
              0,
            ),
          ),
        ]),
      )
      .execute()
  }

  /** The candidate's name, e-mails and phones as stored now (before the erasure blanks them). */
  async identity(candidateId: number): Promise<{ name: string; emails: string[]; phones: string[] }> {
    const [candidate, emails, phones] = await Promise.all([
      this.db.selectFrom('candidates').select('name').where('id', '=', candidateId).executeTakeFirst(),
      this.db.selectFrom('candidate_emails').select('email').where('candidate_id', '=', candidateId).execute(),
      this.db.selectFrom('candidate_phones').select('phone').where('candidate_id', '=', candidateId).execute(),
    ])
    return {
      name: candidate?.name ?? '',
      emails: emails.map((row) => row.email),
      phones: phones.map((row) => row.phone),
    }
  }

  /** Every saved view of everyone: any of them may have been filtered by the candidate's name. */
  async savedViews() {
    return this.db.selectFrom('saved_views').select(['id', 'name', 'state']).execute()
  }

  async setSavedView(id: number, values: { name: string; state: string }, at: string): Promise<void> {
    await this.db
      .updateTable('saved_views')
      .set({ name: values.name, state: values.state, updated_at: at })
      .where('id', '=', id)
      .execute()
  }

  async setActivityDetail(id: number, detail: string): Promise<void> {
    await this.db.updateTable('activity').set({ detail }).where('id', '=', id).execute()
  }

  async openGate(candidateId: number): Promise<void> {
    await this.db.insertInto('redaction_gate').values({ candidate_id: candidateId }).execute()
  }

  async closeGate(candidateId: number): Promise<void> {
    await this.db.deleteFrom('redaction_gate').where('candidate_id', '=', candidateId).execute()
  }

  /** Blanks evidence, interview notes and takeaways of the applications; returns how many rows held text. */
  async blankApplicationTexts(applicationIds: readonly number[], interviewIds: readonly number[]) {
    if (applicationIds.length === 0) return { evidence: 0, history: 0, scorecards: 0, notes: 0 }
    const evidence = await this.db
      .updateTable('assessments')
      .set({ evidence: '' })
      .where('application_id', 'in', applicationIds)
      .where('evidence', '!=', '')
      .executeTakeFirst()
    const history = await this.db
      .updateTable('assessment_history')
      .set({ evidence_before: '', evidence_after: '' })
      .where('application_id', 'in', applicationIds)
      .where((eb) => eb.or([eb('evidence_before', '!=', ''), eb('evidence_after', '!=', '')]))
      .executeTakeFirst()
    let scorecards = 0
    let notes = 0
    if (interviewIds.length > 0) {
      const cards = await this.db
        .selectFrom('scorecards')
        .select('id')
        .where('interview_id', 'in', interviewIds)
        .execute()
      const cardIds = cards.map((row) => row.id)
      scorecards = Number(
        (
          await this.db
            .updateTable('scorecards')
            .set({ key_takeaways: '' })
            .where('interview_id', 'in', interviewIds)
            .where('key_takeaways', '!=', '')
            .executeTakeFirst()
        ).numUpdatedRows,
      )
      if (cardIds.length > 0) {
        notes = Number(
          (
            await this.db
              .updateTable('scorecard_ratings')
              .set({ note: '' })
              .where('scorecard_id', 'in', cardIds)
              .where('note', '!=', '')
              .executeTakeFirst()
          ).numUpdatedRows,
        )
      }
    }
    return {
      evidence: Number(evidence.numUpdatedRows),
      history: Number(history.numUpdatedRows),
      scorecards,
      notes,
    }
  }

  async documents(candidateId: number) {
    return this.db.selectFrom('documents').select(['id', 'sha256']).where('candidate_id', '=', candidateId).execute()
  }

  /** Deletes every personal row of the candidate except the candidate row itself; returns counts per kind. */
  async deletePersonalRows(candidateId: number): Promise<Record<string, number>> {
    const counts: Record<string, number> = {}
    const tables = [
      'candidate_emails',
      'candidate_phones',
      'candidate_links',
      'candidate_tags',
      'candidate_notes',
      'documents',
    ] as const
    for (const table of tables) {
      const result = await this.db.deleteFrom(table).where('candidate_id', '=', candidateId).executeTakeFirst()
      counts[table] = Number(result.numDeletedRows)
    }
    if (this.postgres) {
      await sql`DELETE FROM candidate_search WHERE candidate_id = ${candidateId}`.execute(this.db)
      return counts
    }
    // FTS5 keeps deleted tokens in older index segments until they merge; secure-delete removes them now.
    await sql`INSERT INTO candidate_search (candidate_search, rank) VALUES ('secure-delete', 1)`.execute(this.db)
    await sql`DELETE FROM candidate_search WHERE rowid = ${candidateId}`.execute(this.db)
    await sql`INSERT INTO candidate_search (candidate_search, rank) VALUES ('secure-delete', 0)`.execute(this.db)
    return counts
  }

  async anonymiseCandidate(candidateId: number, values: { name: string; nameKey: string }, at: string): Promise<void> {
    await this.db
      .updateTable('candidates')
      .set({
        name: values.name,
        name_key: values.nameKey,
        name_match: '',
        location: '',
        source: '',
        privacy_note: '',
        erased_at: at,
        updated_at: at,
      })
      .where('id', '=', candidateId)
      .execute()
  }

  async shaStillUsed(sha256: string): Promise<boolean> {
    const row = await this.db.selectFrom('documents').select('id').where('sha256', '=', sha256).executeTakeFirst()
    return row !== undefined
  }

  async queueFile(sha256: string, at: string): Promise<void> {
    await this.db
      .insertInto('erasure_files')
      .values({ sha256, queued_at: at })
      .onConflict((oc) => oc.doNothing())
      .execute()
  }

  async queuedFiles(): Promise<string[]> {
    const rows = await this.db.selectFrom('erasure_files').select('sha256').execute()
    return rows.map((row) => row.sha256)
  }

  async dequeueFile(sha256: string): Promise<void> {
    await this.db.deleteFrom('erasure_files').where('sha256', '=', sha256).execute()
  }

  async hasErasedCandidates(): Promise<boolean> {
    const row = await this.db
      .selectFrom('candidates')
      .select('id')
      .where('erased_at', 'is not', null)
      .executeTakeFirst()
    return row !== undefined
  }

  /**
   * Notes, inside the erasure's transaction, that its old row versions are still to be compacted away, with
   * the transaction's id (64 bits: epoch and xid) to know which transactions could still see them; a crash
   * before `compactErased` leaves the note, and the next start finishes the job.
   */
  async markCompactionDue(): Promise<void> {
    if (!this.postgres) return
    await sql`INSERT INTO settings (key, value) VALUES (${COMPACTION_SETTING}, to_jsonb(txid_current()::text))
      ON CONFLICT (key) DO UPDATE SET value = excluded.value`.execute(this.db)
  }

  /**
   * Transactions that could still see what the erasure `xid` deleted: sessions of this database whose snapshot
   * is older than it, and any transaction of the server, whatever its database, that began before it and still
   * runs — the VACUUM's own snapshot would then be older than the erasure and keep the deleted row versions.
   */
  private async olderTransactions(xid: bigint): Promise<number> {
    const xid32 = String(xid % 4294967296n)
    const result = await sql<{ readers: number; running: boolean }>`SELECT
      (SELECT count(*) FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_xmin IS NOT NULL
          AND age(backend_xmin) >= age(CAST(${xid32} AS xid))) AS readers,
      pg_snapshot_xmin(pg_current_snapshot()) <= CAST(${String(xid)} AS xid8) AS running`.execute(this.db)
    const row = result.rows[0]
    return Number(row?.readers ?? 0) + (row?.running ? 1 : 0)
  }

  /**
   * Removes what is left of erased data outside the live rows. SQLite (whose connection overwrites deleted
   * content with `secure_delete`) empties its write-ahead log into the database file and truncates it.
   * PostgreSQL rewrites the tables an erasure touched (with their indexes and TOAST tables) into new files, so
   * the deleted and old row versions go with the old files: a plain VACUUM only marks their space free, and the
   * bytes stay in the pages until something overwrites them. VACUUM cannot run in a transaction, locks each
   * table while rewriting it, and copies the row versions a transaction older than the erasure may still read
   * (its own snapshot counts every transaction of the server still running): it waits a moment for those to
   * end, and when one outlasts the wait the note stays and this answers false.
   */
  async compactErased(filesRemoved: boolean): Promise<boolean> {
    if (!this.postgres) {
      if (!filesRemoved && !(await this.hasErasedCandidates())) return true
      // Busy while another process reads an older snapshot (each try waits out the busy timeout), or while the
      // checkpoint worker runs its own checkpoint (refused at once): try for a while, then answer false to retry.
      const deadline = performance.now() + COMPACTION_WAIT_MS
      for (;;) {
        const result = await sql<{ busy: number }>`PRAGMA wal_checkpoint(TRUNCATE)`.execute(this.db)
        if (result.rows[0]?.busy === 0) return true
        if (performance.now() >= deadline) return false
        await delay(100)
      }
    }
    const due = await this.db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', COMPACTION_SETTING)
      .executeTakeFirst()
    if (!due) return true
    const xid = BigInt(String(JSON.parse(due.value)))
    for (let waited = 0; waited < COMPACTION_WAIT_MS && (await this.olderTransactions(xid)) > 0; waited += 100)
      await delay(100)
    const complete = (await this.olderTransactions(xid)) === 0
    await sql`VACUUM (FULL, ANALYZE) ${sql.join(ERASURE_TABLES.map((table) => sql.table(table)))}`.execute(this.db)
    // Only the note read above: an erasure committed meanwhile wrote a newer one and compacts after it.
    if (complete)
      await this.db
        .deleteFrom('settings')
        .where('key', '=', COMPACTION_SETTING)
        .where('value', '=', due.value)
        .execute()
    return complete
  }

  /** Everything held about the candidate, for an access request. */
  async accessData(candidateId: number) {
    const db = this.db
    const [emails, phones, links, tags, notes, documents, applications, activity, audit] = await Promise.all([
      db
        .selectFrom('candidate_emails')
        .select('email')
        .where('candidate_id', '=', candidateId)
        .orderBy('position')
        .execute(),
      db
        .selectFrom('candidate_phones')
        .select('phone')
        .where('candidate_id', '=', candidateId)
        .orderBy('position')
        .execute(),
      db
        .selectFrom('candidate_links')
        .select('url')
        .where('candidate_id', '=', candidateId)
        .orderBy('position')
        .execute(),
      db.selectFrom('candidate_tags').select('tag').where('candidate_id', '=', candidateId).orderBy('tag').execute(),
      db
        .selectFrom('candidate_notes as n')
        .leftJoin('people as p', 'p.id', 'n.created_by')
        .select(['n.id', 'n.body', 'n.created_at', 'n.updated_at', 'p.name as author'])
        .where('n.candidate_id', '=', candidateId)
        .orderBy('n.id')
        .execute(),
      db
        .selectFrom('documents')
        .select(['id', 'file_name', 'sha256', 'size', 'kind', 'status', 'pages', 'created_at', 'text'])
        .where('candidate_id', '=', candidateId)
        .orderBy('id')
        .execute(),
      db
        .selectFrom('applications as a')
        .innerJoin('postings as po', 'po.id', 'a.posting_id')
        .innerJoin('stages as s', 's.id', 'a.stage_id')
        .select([
          'a.id',
          'a.posting_id',
          'po.title as posting_title',
          's.name as stage',
          'a.status',
          'a.reason',
          'a.source',
          'a.created_at',
          'a.updated_at',
          'a.closed_at',
          'a.merged_into_id',
        ])
        .where('a.candidate_id', '=', candidateId)
        .orderBy('a.id')
        .execute(),
      db
        .selectFrom('activity as ac')
        .leftJoin('people as p', 'p.id', 'ac.person_id')
        .select(['ac.id', 'ac.at', 'p.name as person', 'ac.entity_type', 'ac.entity_id', 'ac.action', 'ac.detail'])
        .where((eb) =>
          eb.or([
            eb.and([eb('ac.entity_type', '=', 'candidate'), eb('ac.entity_id', '=', candidateId)]),
            eb.and([
              eb('ac.entity_type', '=', 'application'),
              eb(
                'ac.entity_id',
                'in',
                eb.selectFrom('applications').select('id').where('candidate_id', '=', candidateId),
              ),
            ]),
          ]),
        )
        .orderBy('ac.id')
        .execute(),
      this.auditEntries(candidateId, 10_000),
    ])
    const applicationIds = applications.map((row) => row.id)
    const none = applicationIds.length === 0
    const [events, assessments, history, interviews] = none
      ? [[], [], [], []]
      : await Promise.all([
          db
            .selectFrom('stage_events as e')
            .leftJoin('stages as f', 'f.id', 'e.from_stage_id')
            .innerJoin('stages as t', 't.id', 'e.to_stage_id')
            .leftJoin('people as p', 'p.id', 'e.person_id')
            .select([
              'e.application_id',
              'e.at',
              'f.name as from_stage',
              't.name as to_stage',
              'e.from_status',
              'e.to_status',
              'e.reason',
              'p.name as person',
            ])
            .where('e.application_id', 'in', applicationIds)
            .orderBy('e.id')
            .execute(),
          db
            .selectFrom('assessments as s')
            .innerJoin('requirements as r', 'r.id', 's.requirement_id')
            .leftJoin('people as p', 'p.id', 's.author_id')
            .select([
              's.application_id',
              'r.text as requirement',
              's.rating',
              's.evidence',
              's.source',
              's.updated_at',
              'p.name as author',
            ])
            .where('s.application_id', 'in', applicationIds)
            .where('s.version', '>', 0)
            .orderBy('s.id')
            .execute(),
          db
            .selectFrom('assessment_history as h')
            .innerJoin('requirements as r', 'r.id', 'h.requirement_id')
            .leftJoin('people as p', 'p.id', 'h.person_id')
            .select([
              'h.application_id',
              'h.at',
              'r.text as requirement',
              'h.from_rating',
              'h.to_rating',
              'h.evidence_before',
              'h.evidence_after',
              'p.name as person',
            ])
            .where('h.application_id', 'in', applicationIds)
            .orderBy('h.id')
            .execute(),
          db
            .selectFrom('interviews as i')
            .innerJoin('interview_steps as st', 'st.id', 'i.step_id')
            .innerJoin('people as p', 'p.id', 'i.interviewer_id')
            .select(['i.id', 'i.application_id', 'st.name as step', 'p.name as interviewer', 'i.scheduled_at'])
            .where('i.application_id', 'in', applicationIds)
            .orderBy('i.scheduled_at')
            .execute(),
        ])
    const interviewIds = interviews.map((row) => row.id)
    const scorecards =
      interviewIds.length === 0
        ? []
        : await db
            .selectFrom('scorecards')
            .select(['id', 'interview_id', 'version', 'status', 'recommendation', 'key_takeaways', 'submitted_at'])
            .where('interview_id', 'in', interviewIds)
            .orderBy('version')
            .execute()
    const cardIds = scorecards.map((row) => row.id)
    const ratings =
      cardIds.length === 0
        ? []
        : await db
            .selectFrom('scorecard_ratings')
            .select(['scorecard_id', 'label', 'rating', 'note'])
            .where('scorecard_id', 'in', cardIds)
            .orderBy('position')
            .execute()
    return {
      emails,
      phones,
      links,
      tags,
      notes,
      documents,
      applications,
      events,
      assessments,
      history,
      interviews,
      scorecards,
      ratings,
      activity,
      audit,
    }
  }
}
