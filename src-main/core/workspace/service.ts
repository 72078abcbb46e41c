import { randomUUID } from 'node:crypto'
import type { PersonDto, TablePrefsDto, WorkspaceDto } from '@contract'
import { actingCaller } from '../accounts/acting-person'
import type { CoreContext } from '../context'
import { latestVersion } from '../db/migrate'
import type { PersonRole, PersonRow } from '../db/schema'
import { AppError } from '../errors'
import { requireRows } from '../access/row-rules'
import { recordActivity } from '../activity/activity-log'
import { isPhoneRegion, type PhoneRegion, systemRegion } from '../phones/phone-numbers'
import { DEMO_GENERATION_SETTING } from './demo-generation'
import { WorkspaceRepository } from './repository'

const ME_SETTING = 'me'
/** Phone numbers written without a country code are numbers of this region (ISO 3166-1 alpha-2). */
const PHONE_REGION_SETTING = 'phone_region'
export const UNFINISHED_DEMO_MESSAGE =
  "This workspace's demo generation did not finish: its data is partial. Generate again into an empty data folder."

export const toPersonDto = (row: PersonRow): PersonDto => ({
  id: row.id,
  name: row.name,
  email: row.email,
  role: row.role,
  archived: row.archived_at !== null,
})

export class WorkspaceService {
  private readonly repo: WorkspaceRepository

  constructor(private readonly ctx: CoreContext) {
    this.repo = new WorkspaceRepository(ctx.db)
  }

  /** Creates the workspace record on first run; returns true when it did. */
  async ensure(): Promise<boolean> {
    // Workspaces made before the setting existed get it on their next start, like new ones.
    if ((await this.repo.getSetting(PHONE_REGION_SETTING)) === undefined)
      await this.repo.putSetting(PHONE_REGION_SETTING, JSON.stringify(systemRegion()))
    if (await this.repo.findWorkspace()) return false
    await this.repo.createWorkspace(randomUUID(), 'My workspace', this.ctx.clock.timestamp())
    return true
  }

  /** The workspace's own region: numbers without a country code belong to it, and show in its national format. */
  async phoneRegion(): Promise<PhoneRegion> {
    const value = await this.repo.getSetting(PHONE_REGION_SETTING)
    const region: unknown = value === undefined ? null : JSON.parse(value)
    return typeof region === 'string' && isPhoneRegion(region) ? region : systemRegion()
  }

  async setPhoneRegion(region: string): Promise<WorkspaceDto> {
    if (!isPhoneRegion(region))
      throw AppError.of('phone_region_unknown', { region }, [{ path: 'phoneRegion', message: 'Not a phone region' }])
    await this.repo.putSetting(PHONE_REGION_SETTING, JSON.stringify(region))
    return this.info()
  }

  async info(): Promise<WorkspaceDto> {
    const row = await this.repo.findWorkspace()
    if (!row) throw AppError.of('workspace_not_initialised')
    return {
      uid: row.uid,
      name: row.name,
      createdAt: row.created_at,
      schemaVersion: latestVersion,
      appVersion: this.ctx.appVersion,
      dataDir: this.ctx.dataDir,
      me: await this.me(),
      phoneRegion: await this.phoneRegion(),
      demoGenerationUnfinished: await this.demoGenerationUnfinished(),
      // On a team server the signed-in people exist before anything else: their accounts do not count.
      empty: await this.repo.isEmpty(actingCaller() === undefined),
    }
  }

  async demoGenerationUnfinished(): Promise<boolean> {
    return (await this.repo.getSetting(DEMO_GENERATION_SETTING)) === JSON.stringify('started')
  }

  async rename(name: string): Promise<WorkspaceDto> {
    await this.repo.renameWorkspace(name)
    return this.info()
  }

  async me(): Promise<PersonDto | null> {
    const id = await this.currentPersonId()
    const row = id === null ? undefined : await this.repo.findPerson(id)
    return row ? toPersonDto(row) : null
  }

  /** The person recorded as author of changes: the signed-in person on a team server, else this machine's "me". */
  async currentPersonId(): Promise<number | null> {
    const caller = actingCaller()
    if (caller !== undefined) return caller?.personId ?? null
    const value = await this.repo.getSetting(ME_SETTING)
    const id: unknown = value === undefined ? null : JSON.parse(value)
    return typeof id === 'number' ? id : null
  }

  /** Table layouts are kept per person: two people sharing the workspace file each keep their own. */
  async tablePrefs(table: string): Promise<TablePrefsDto> {
    const value = await this.repo.getSetting(await this.tablePrefsKey(table))
    const parsed: unknown = value === undefined ? null : JSON.parse(value)
    if (typeof parsed !== 'object' || parsed === null) return { hidden: [], widths: {} }
    const hidden = 'hidden' in parsed && Array.isArray(parsed.hidden) ? parsed.hidden : []
    const widths =
      'widths' in parsed && typeof parsed.widths === 'object' && parsed.widths !== null ? parsed.widths : {}
    return {
      hidden: hidden.filter((entry): entry is string => typeof entry === 'string'),
      widths: Object.fromEntries(
        Object.entries(widths).filter((entry): entry is [string, number] => typeof entry[1] === 'number'),
      ),
    }
  }

  async saveTablePrefs(table: string, prefs: TablePrefsDto): Promise<TablePrefsDto> {
    await this.repo.putSetting(await this.tablePrefsKey(table), JSON.stringify(prefs))
    return prefs
  }

  private async tablePrefsKey(table: string): Promise<string> {
    return `table:${table}:person:${(await this.currentPersonId()) ?? 'none'}`
  }

  /**
   * Who uses this machine from now on, chosen in the settings of a local workspace and recorded in the activity
   * log with both ids: every later change is signed by that person.
   */
  async setMe(id: number): Promise<PersonDto> {
    if (actingCaller() !== undefined) throw AppError.of('session_no_switching')
    const person = await this.requirePerson(id)
    if (person.archived_at) throw AppError.of('person_archived', { name: person.name })
    const previous = await this.currentPersonId()
    if (previous === id) return toPersonDto(person)
    await this.ctx.db.transaction().execute(async (trx) => {
      await new WorkspaceRepository(trx).putSetting(ME_SETTING, JSON.stringify(id))
      await recordActivity(trx, {
        personId: id,
        entityType: 'person',
        entityId: id,
        action: 'machine_user_changed',
        detail: { previousPersonId: previous },
        at: this.ctx.clock.timestamp(),
      })
    })
    return toPersonDto(person)
  }

  /**
   * The first-run answer: the person using this machine joins the team as themselves (as the hiring manager, the
   * role that sees every screen). Refused once someone is already chosen, so it never changes who signs changes.
   */
  async startAs(input: { name: string; email: string | null }): Promise<PersonDto> {
    if ((await this.currentPersonId()) !== null) throw AppError.of('workspace_user_known')
    const person = await this.createPerson({ ...input, role: 'hiring_manager' })
    await this.repo.putSetting(ME_SETTING, JSON.stringify(person.id))
    return person
  }

  async listPeople(includeArchived: boolean): Promise<PersonDto[]> {
    return (await this.repo.listPeople(includeArchived)).map(toPersonDto)
  }

  async createPerson(input: { name: string; email: string | null; role: PersonRole }): Promise<PersonDto> {
    const row = await this.repo.insertPerson({ ...input, createdAt: this.ctx.clock.timestamp() })
    return toPersonDto(row)
  }

  async updatePerson(input: {
    id: number
    name: string
    email: string | null
    role: PersonRole
    archived: boolean
  }): Promise<PersonDto> {
    await requireRows(this.ctx.db, 'person', input.id, 'write')
    const current = await this.requirePerson(input.id)
    const archivedAt = input.archived ? (current.archived_at ?? this.ctx.clock.timestamp()) : null
    const row = await this.repo.updatePerson(input.id, { ...input, archivedAt })
    if (!row) throw AppError.of('person_not_found', { id: input.id })
    return toPersonDto(row)
  }

  private async requirePerson(id: number): Promise<PersonRow> {
    const row = await this.repo.findPerson(id)
    if (!row) throw AppError.of('person_not_found', { id: id })
    return row
  }
}
