import { AppError } from '../core/errors'
import type { DomainHandlers } from './context'

export const workspaceHandlers = {
  info: (_input, { services }) => services.workspace.info(),
  rename: ({ name }, { services }) => services.workspace.rename(name),
  setPhoneRegion: ({ phoneRegion }, { services }) => services.workspace.setPhoneRegion(phoneRegion),
  start: async ({ name, email, content }, { services, caller }) => {
    // On a team server the signed-in person is who starts (their account has a name and an e-mail already): what
    // is left to choose is how an empty workspace begins. A workspace already in use is never filled with a demo.
    if (caller) {
      if (!(await services.workspace.info()).empty) throw AppError.of('workspace_team_started')
    } else await services.workspace.startAs({ name, email })
    if (content === 'demo') await services.demo.init({ showcase: true })
    return services.workspace.info()
  },
  tablePrefs: ({ table }, { services }) => services.workspace.tablePrefs(table),
  saveTablePrefs: ({ table, hidden, widths }, { services }) =>
    services.workspace.saveTablePrefs(table, { hidden, widths }),
} satisfies DomainHandlers<'workspace'>

export const peopleHandlers = {
  list: ({ includeArchived }, { services }) => services.workspace.listPeople(includeArchived),
  create: (input, { services }) => services.workspace.createPerson(input),
  update: (input, { services }) => services.workspace.updatePerson(input),
  setMe: ({ id }, { services }) => services.workspace.setMe(id),
} satisfies DomainHandlers<'people'>
