import { z } from 'zod'
import { empty, id, name } from './common'
import { countryCodes } from './iso-codes'
import { administrators, localOnly, signedIn } from './access'
import { returns } from './define'

import { personRoles, type PersonRole } from './closed-lists'

export { personRoles, type PersonRole } from './closed-lists'

export interface PersonDto {
  id: number
  name: string
  email: string | null
  role: PersonRole
  archived: boolean
}

export interface WorkspaceDto {
  uid: string
  name: string
  createdAt: string
  schemaVersion: number
  appVersion: string
  dataDir: string
  /** The team member using this machine; null until chosen. */
  me: PersonDto | null
  /**
   * ISO 3166-1 alpha-2 region of the workspace: phone numbers written without a country code belong to it and
   * are shown in its national format (others in international format). Chosen from the system locale on first run.
   */
  phoneRegion: string
  /**
   * True when `demo generate` started filling this data folder and never finished (killed, crashed): the data is
   * a partial workspace.
   */
  demoGenerationUnfinished: boolean
  /** No team, ladder, posting or candidate yet: the first run offers the demo or an empty start. */
  empty: boolean
}

export const startContents = ['demo', 'empty'] as const
export type StartContent = (typeof startContents)[number]

const email = z.string().trim().toLowerCase().max(320).pipe(z.email('Not an email address'))
const personFields = {
  name: name(),
  email: email.nullable().default(null),
  role: z.enum(personRoles).default('member'),
}

/** How one person arranged one table: hidden columns and column widths in pixels. */
export interface TablePrefsDto {
  hidden: string[]
  widths: Record<string, number>
}

const tableId = z.string().regex(/^[a-z][a-z0-9-]{0,40}$/, 'Not a table name')
const columnId = z.string().regex(/^[a-zA-Z][\w:-]{0,40}$/, 'Not a column name')

export const workspaceContract = {
  info: { access: signedIn, input: empty, output: returns<WorkspaceDto>() },
  rename: { access: administrators, input: z.object({ name: name() }).strict(), output: returns<WorkspaceDto>() },
  setPhoneRegion: {
    access: administrators,
    input: z
      .object({
        phoneRegion: z
          .string()
          .trim()
          .toUpperCase()
          .refine((value) => countryCodes.includes(value), 'Not a country code (ISO 3166-1 alpha-2, e.g. FR)'),
      })
      .strict(),
    output: returns<WorkspaceDto>(),
  },
  /** First run: who uses this machine, and whether to begin with the demo or an empty workspace. */
  start: {
    access: administrators,
    input: z.object({ name: name(), email: email.nullable().default(null), content: z.enum(startContents) }).strict(),
    output: returns<WorkspaceDto>(),
  },
  tablePrefs: { access: signedIn, input: z.object({ table: tableId }).strict(), output: returns<TablePrefsDto>() },
  saveTablePrefs: {
    access: signedIn,
    input: z
      .object({
        table: tableId,
        hidden: z.array(columnId).max(100),
        widths: z.record(columnId, z.number().int().min(40).max(2000)),
      })
      .strict(),
    output: returns<TablePrefsDto>(),
  },
}

export const peopleContract = {
  list: {
    access: signedIn,
    input: z.object({ includeArchived: z.boolean().default(false) }).strict(),
    output: returns<PersonDto[]>(),
  },
  create: { access: administrators, input: z.object(personFields).strict(), output: returns<PersonDto>() },
  update: {
    access: administrators,
    input: z.object({ id, ...personFields, archived: z.boolean().default(false) }).strict(),
    output: returns<PersonDto>(),
  },
  setMe: { access: localOnly, input: z.object({ id }).strict(), output: returns<PersonDto>() },
}
