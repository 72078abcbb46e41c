import { z } from 'zod'
import { empty, id, name } from './common'
import { returns } from './define'

export const personRoles = ['member', 'interviewer', 'hiring_manager', 'recruiter'] as const
export type PersonRole = (typeof personRoles)[number]

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
}

const email = z.string().trim().toLowerCase().max(320).pipe(z.email('Not an email address'))
const personFields = {
  name: name(),
  email: email.nullable().default(null),
  role: z.enum(personRoles).default('member'),
}

export const workspaceContract = {
  info: { input: empty, output: returns<WorkspaceDto>() },
  rename: { input: z.object({ name: name() }).strict(), output: returns<WorkspaceDto>() },
}

export const peopleContract = {
  list: { input: z.object({ includeArchived: z.boolean().default(false) }).strict(), output: returns<PersonDto[]>() },
  create: { input: z.object(personFields).strict(), output: returns<PersonDto>() },
  update: {
    input: z.object({ id, ...personFields, archived: z.boolean().default(false) }).strict(),
    output: returns<PersonDto>(),
  },
  setMe: { input: z.object({ id }).strict(), output: returns<PersonDto>() },
}
