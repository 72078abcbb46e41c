import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs'
import type { TeamMemberDto } from '@contract'
import { AppError } from '../core/errors'
import { type CliCommand, list, optionalString, UsageError } from './command'

/** `admin` is how an operator types it; the contract's list says `administrator`. */
const ROLE_ALIASES: Record<string, string> = { admin: 'administrator', 'hiring-manager': 'hiring_manager' }

/**
 * Reads the password once, from a file only its owner can read: a password on the command line would sit in
 * the shell history and in every process listing. The mode is checked on the open file, so it cannot be
 * swapped between the check and the read.
 */
export function readPasswordFile(path: string): string {
  let fd: number
  try {
    fd = openSync(path, 'r')
  } catch {
    throw AppError.of('password_file_unreadable', { path })
  }
  try {
    const stat = fstatSync(fd)
    if (!stat.isFile()) throw AppError.of('password_file_unreadable', { path })
    if (process.platform !== 'win32' && (stat.mode & 0o044) !== 0) throw AppError.of('password_file_shared', { path })
    return readFileSync(fd, 'utf8').replace(/\r?\n$/, '')
  } finally {
    closeSync(fd)
  }
}

export const peopleCommands: CliCommand[] = [
  {
    name: 'people add',
    usage: 'people add --email E --name N --role ROLE [--role ROLE …] --password-file F',
    summary:
      'Create an account (the first administrator of a team server, for one): roles admin, recruiter, hiring-manager, interviewer.',
    positionals: 0,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string', multiple: true },
      'password-file': { type: 'string' },
    },
    fields: { roles: '--role', password: '--password-file' },
    channel: 'accounts:create',
    run: async ({ call, args }) => {
      const file = optionalString(args, 'password-file')
      if (file === undefined)
        throw new UsageError('--password-file F is required (no password is ever typed or defaulted).')
      const roles = list(args, 'role').map((role) => ROLE_ALIASES[role] ?? role)
      const member: TeamMemberDto = await call('accounts:create', {
        email: optionalString(args, 'email'),
        name: optionalString(args, 'name'),
        roles,
        password: readPasswordFile(file),
      })
      return { personId: member.personId, email: member.email, roles: member.roles }
    },
  },
  {
    name: 'people list',
    usage: 'people list',
    summary: 'List the team: every person, their roles and whether their account is enabled.',
    positionals: 0,
    channel: 'accounts:list',
    run: ({ call }) => call('accounts:list'),
    table: (members: TeamMemberDto[]) =>
      members.map((member) => ({
        id: member.personId,
        name: member.name,
        roles: member.roles.join(', '),
        account: member.hasAccount ? (member.disabled ? 'disabled' : 'enabled') : '',
      })),
  },
]
