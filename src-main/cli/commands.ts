import { applicationCommands } from './applications'
import { assessmentCommands } from './assessments'
import { candidateCommands } from './candidates'
import type { CliCommand } from './command'
import { databaseCommands } from './database'
import { workspaceCommands } from './workspace'
import { demoCommands } from './demo'
import { interviewCommands } from './interviews'
import { ladderCommands } from './ladders'
import { peopleCommands } from './people'
import { postingCommands } from './postings'
import { privacyCommands } from './privacy'
import { reportCommands } from './reports'

export const commands: CliCommand[] = [
  ...ladderCommands,
  ...postingCommands,
  ...candidateCommands,
  ...applicationCommands,
  ...assessmentCommands,
  ...interviewCommands,
  ...demoCommands,
  ...reportCommands,
  ...privacyCommands,
  ...databaseCommands,
  ...workspaceCommands,
  ...peopleCommands,
]
