import type { Kysely } from 'kysely'
import * as m0001 from './0001_foundation'
import * as m0002 from './0002_candidates'
import * as m0003 from './0003_postings'
import * as m0004 from './0004_applications'
import * as m0005 from './0005_assessments'
import * as m0006 from './0006_interviews'
import * as m0007 from './0007_privacy'
import * as m0008 from './0008_candidate_import_staging'
import * as m0009 from './0009_saved_views'

export interface Migration {
  /** Equals the database's user_version once applied. */
  version: number
  name: string
  up(db: Kysely<any>): Promise<void>
}

/** Registered statically: a bundled app cannot scan a folder. Frozen once released; append only. */
export const migrations: readonly Migration[] = [
  { version: 1, name: '0001_foundation', up: m0001.up },
  { version: 2, name: '0002_candidates', up: m0002.up },
  { version: 3, name: '0003_postings', up: m0003.up },
  { version: 4, name: '0004_applications', up: m0004.up },
  { version: 5, name: '0005_assessments', up: m0005.up },
  { version: 6, name: '0006_interviews', up: m0006.up },
  { version: 7, name: '0007_privacy', up: m0007.up },
  { version: 8, name: '0008_candidate_import_staging', up: m0008.up },
  { version: 9, name: '0009_saved_views', up: m0009.up },
]
