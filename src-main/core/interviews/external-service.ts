import { join } from 'node:path'
import type {
  ExternalInterviewDto,
  ExternalInterviewSummaryDto,
  FileDownloadDto,
  KitLanguage,
  ScorecardContentDto,
} from '@contract'
import { scorecardContentSchema } from '@contract/interviews'
import type { Kysely } from 'kysely'
import { recordActivity } from '../activity/activity-log'
import type { CoreContext } from '../context'
import { isUniqueViolation } from '../db/errors'
import type { Database, ExternalInterviewRow } from '../db/schema'
import { AppError } from '../errors'
import { requireBeyondInterviews, requireRows, rowScope } from '../access/row-rules'
import type { WorkspaceService } from '../workspace/service'
import { canonicalJson, sha256Hex } from './canonical-json'
import { decodePacket, encodeScorecard, SCORECARD_EXTENSION, type PacketFile } from './exchange-files'
import { ExternalInterviewRepository } from './external-repository'
import { renderInterviewKit } from './interview-kit'
import { emptyContent, fileSlug, normaliseContent } from './scorecard-content'

const contentHash = (content: ScorecardContentDto) => sha256Hex(canonicalJson(content))

/**
 * The interviewer's side of the offline exchange. A packet from another workspace is kept in this workspace's
 * database (so it works the same in the desktop app and in web mode), filled like any scorecard, and exported
 * as a scorecard file signed with the packet's interview key.
 */
export class ExternalInterviewService {
  constructor(
    private readonly ctx: CoreContext,
    private readonly workspace: WorkspaceService,
  ) {}

  private get db(): Kysely<Database> {
    return this.ctx.db
  }

  async openPacket(fileName: string, bytes: Uint8Array): Promise<ExternalInterviewDto> {
    requireBeyondInterviews('packet')
    const packet = decodePacket(bytes, fileName)
    const here = await this.workspace.info()
    if (packet.workspaceUid === here.uid) {
      throw AppError.of('packet_of_this_workspace', { file: fileName })
    }
    const actor = await this.workspace.currentPersonId()
    const repo = new ExternalInterviewRepository(this.db)
    const opened = await repo.findBySource(packet.workspaceUid, packet.interviewId)
    if (opened) throw alreadyOpen(fileName, opened)
    const id = await this.db.transaction().execute(async (trx) => {
      let row: ExternalInterviewRow
      try {
        row = await new ExternalInterviewRepository(trx).insert({
          source_workspace_uid: packet.workspaceUid,
          source_interview_id: packet.interviewId,
          packet_sha256: packet.sha256,
          packet: new TextDecoder().decode(bytes),
          content: JSON.stringify(emptyContent(packet.brief.focusItems)),
          now: this.ctx.clock.timestamp(),
        })
      } catch (error) {
        // Opened at the same moment from another window.
        if (isUniqueViolation(error)) throw AppError.of('packet_already_open', { file: fileName })
        throw error
      }
      await recordActivity(trx, {
        personId: actor,
        entityType: 'external_interview',
        entityId: row.id,
        action: 'packet_opened',
        at: this.ctx.clock.timestamp(),
        detail: { from: packet.brief.workspace.name, interviewId: packet.interviewId },
      })
      return row.id
    })
    return this.get(id)
  }

  async list(): Promise<ExternalInterviewSummaryDto[]> {
    // A list is narrowed, not refused: a restricted team member handles no opened packet (see `require`).
    const scope = rowScope()
    if (scope && !scope.manager) return []
    const rows = await new ExternalInterviewRepository(this.db).list()
    return rows.map((row) => toSummary(row, readPacket(row), readContent(row)))
  }

  async get(id: number): Promise<ExternalInterviewDto> {
    const row = await this.require(id)
    const packet = readPacket(row)
    const content = readContent(row)
    return { ...toSummary(row, packet, content), brief: packet.brief, content }
  }

  async save(id: number, content: ScorecardContentDto): Promise<ExternalInterviewDto> {
    const row = await this.require(id)
    const normalised = normaliseContent(readPacket(row).brief.focusItems, content)
    await new ExternalInterviewRepository(this.db).update(id, {
      content: JSON.stringify(normalised),
      updated_at: this.ctx.clock.timestamp(),
    })
    return this.get(id)
  }

  /**
   * The scorecard file for the issuing workspace. Exporting unchanged content again gives the same file, byte for
   * byte (same revision and time), so importing both counts once; changed content gets the next revision.
   */
  async exportScorecard(id: number): Promise<FileDownloadDto> {
    const row = await this.require(id)
    const packet = readPacket(row)
    const content = readContent(row)
    const recommendation = content.recommendation
    if (recommendation === null) {
      throw AppError.of('recommendation_before_export', undefined, [
        { path: 'recommendation', message: 'Required', key: 'v_required' },
      ])
    }
    const hash = contentHash(content)
    let { revision, exported_at: exportedAt } = row
    if (exportedAt === null || hash !== row.exported_content_sha256) {
      revision += 1
      exportedAt = this.ctx.clock.timestamp()
      const actor = await this.workspace.currentPersonId()
      const stamp = { revision, exportedAt }
      await this.db.transaction().execute(async (trx) => {
        await new ExternalInterviewRepository(trx).update(id, {
          revision: stamp.revision,
          exported_at: stamp.exportedAt,
          exported_content_sha256: hash,
        })
        await recordActivity(trx, {
          personId: actor,
          entityType: 'external_interview',
          entityId: id,
          action: 'scorecard_exported',
          at: stamp.exportedAt,
          detail: { revision: stamp.revision },
        })
      })
    }
    const text = encodeScorecard(
      {
        workspaceUid: packet.workspaceUid,
        interviewId: packet.interviewId,
        exportedAt,
        packetSha256: packet.sha256,
        revision,
        interviewer: packet.brief.interviewer,
        scorecard: { ...content, recommendation },
      },
      packet.interviewKey,
    )
    return {
      fileName: `scorecard-${fileSlug(packet.brief.candidate.name, packet.brief.step.name)}${SCORECARD_EXTENSION}`,
      mimeType: 'application/json',
      contentBase64: Buffer.from(text, 'utf8').toString('base64'),
    }
  }

  async kit(id: number, language: KitLanguage): Promise<FileDownloadDto> {
    const packet = readPacket(await this.require(id))
    const pdf = await renderInterviewKit(packet.brief, {
      fontsDir: join(this.ctx.resourcesDir, 'fonts'),
      language,
      createdAt: this.ctx.clock.now(),
    })
    return {
      fileName: `kit-${fileSlug(packet.brief.candidate.name, packet.brief.step.name)}.pdf`,
      mimeType: 'application/pdf',
      contentBase64: Buffer.from(pdf).toString('base64'),
    }
  }

  async remove(id: number): Promise<{ id: number }> {
    await this.require(id)
    const actor = await this.workspace.currentPersonId()
    await this.db.transaction().execute(async (trx) => {
      await new ExternalInterviewRepository(trx).delete(id)
      await recordActivity(trx, {
        personId: actor,
        entityType: 'external_interview',
        entityId: id,
        action: 'removed',
        at: this.ctx.clock.timestamp(),
      })
    })
    return { id }
  }

  private async require(id: number): Promise<ExternalInterviewRow> {
    // Opened packets stand for interviewers outside the workspace: a restricted team member does not handle them.
    requireBeyondInterviews('packet')
    await requireRows(this.db, 'packet', id, 'write')
    const row = await new ExternalInterviewRepository(this.db).find(id)
    if (!row) throw AppError.of('opened_packet_not_found', { id: id })
    return row
  }
}

function alreadyOpen(fileName: string, row: ExternalInterviewRow): AppError {
  return AppError.of('packet_opened_before', { file: fileName, date: row.opened_at.slice(0, 10) })
}

/** Stored as received and validated again on every read: a damaged row is reported, never half-used. */
function readPacket(row: ExternalInterviewRow): PacketFile {
  return decodePacket(new TextEncoder().encode(row.packet), `Opened packet ${row.id}`)
}

function readContent(row: ExternalInterviewRow): ScorecardContentDto {
  const parsed = scorecardContentSchema.safeParse(JSON.parse(row.content))
  if (!parsed.success) throw AppError.of('opened_packet_damaged', { id: row.id })
  return parsed.data
}

function toSummary(
  row: ExternalInterviewRow,
  packet: PacketFile,
  content: ScorecardContentDto,
): ExternalInterviewSummaryDto {
  const { brief } = packet
  return {
    id: row.id,
    candidateName: brief.candidate.name,
    postingTitle: brief.posting.title,
    stepName: brief.step.name,
    interviewerName: brief.interviewer.name,
    scheduledAt: brief.scheduledAt,
    sourceWorkspaceName: brief.workspace.name,
    openedAt: row.opened_at,
    updatedAt: row.updated_at,
    exportedAt: row.exported_at,
    revision: row.revision,
    changedSinceExport: row.exported_content_sha256 !== contentHash(content),
  }
}
