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
import * as m0010 from './0010_candidate_import_publishing'
import * as m0011 from './0011_accounts'
import * as m0012 from './0012_assessment_rows_in_order'
import * as m0013 from './0013_search_by_name_and_contact'
import * as m0014 from './0014_search_statistics'
import * as m0015 from './0015_stage_events_by_day'
import * as m0016 from './0016_stage_stays'
import * as m0017 from './0017_scorecard_tallies'
import * as m0018 from './0018_interview_tallies'
import * as pg0001 from './postgres/0001_foundation'
import * as pg0002 from './postgres/0002_candidates'
import * as pg0003 from './postgres/0003_postings'
import * as pg0004 from './postgres/0004_applications'
import * as pg0005 from './postgres/0005_assessments'
import * as pg0006 from './postgres/0006_interviews'
import * as pg0007 from './postgres/0007_privacy'
import * as pg0008 from './postgres/0008_candidate_import_staging'
import * as pg0009 from './postgres/0009_saved_views'
import * as pg0010 from './postgres/0010_candidate_import_publishing'
import * as pg0011 from './postgres/0011_accounts'
import * as pg0012 from './postgres/0012_assessment_rows_in_order'
import * as pg0013 from './postgres/0013_search_by_name_and_contact'
import * as pg0014 from './postgres/0014_search_statistics'
import * as pg0015 from './postgres/0015_stage_events_by_day'
import * as pg0016 from './postgres/0016_stage_stays'
import * as pg0017 from './postgres/0017_scorecard_tallies'
import * as pg0018 from './postgres/0018_interview_tallies'

export type MigrationStep = (db: Kysely<any>) => Promise<void>

export interface Migration {
  /** Equals the database's schema version once applied (SQLite's user_version, PostgreSQL's yardstick_schema). */
  version: number
  name: string
  /** The SQLite part, as released. */
  up: MigrationStep
  /**
   * The PostgreSQL part: the same tables, rules and data changes in PostgreSQL's terms. A chain with a
   * migration that lacks one is refused on PostgreSQL before anything is written.
   */
  postgres?: MigrationStep
}

/** Registered statically: a bundled app cannot scan a folder. Frozen once released; append only. */
export const migrations: readonly Migration[] = [
  { version: 1, name: '0001_foundation', up: m0001.up, postgres: pg0001.up },
  { version: 2, name: '0002_candidates', up: m0002.up, postgres: pg0002.up },
  { version: 3, name: '0003_postings', up: m0003.up, postgres: pg0003.up },
  { version: 4, name: '0004_applications', up: m0004.up, postgres: pg0004.up },
  { version: 5, name: '0005_assessments', up: m0005.up, postgres: pg0005.up },
  { version: 6, name: '0006_interviews', up: m0006.up, postgres: pg0006.up },
  { version: 7, name: '0007_privacy', up: m0007.up, postgres: pg0007.up },
  { version: 8, name: '0008_candidate_import_staging', up: m0008.up, postgres: pg0008.up },
  { version: 9, name: '0009_saved_views', up: m0009.up, postgres: pg0009.up },
  { version: 10, name: '0010_candidate_import_publishing', up: m0010.up, postgres: pg0010.up },
  { version: 11, name: '0011_accounts', up: m0011.up, postgres: pg0011.up },
  { version: 12, name: '0012_assessment_rows_in_order', up: m0012.up, postgres: pg0012.up },
  { version: 13, name: '0013_search_by_name_and_contact', up: m0013.up, postgres: pg0013.up },
  { version: 14, name: '0014_search_statistics', up: m0014.up, postgres: pg0014.up },
  { version: 15, name: '0015_stage_events_by_day', up: m0015.up, postgres: pg0015.up },
  { version: 16, name: '0016_stage_stays', up: m0016.up, postgres: pg0016.up },
  { version: 17, name: '0017_scorecard_tallies', up: m0017.up, postgres: pg0017.up },
  { version: 18, name: '0018_interview_tallies', up: m0018.up, postgres: pg0018.up },
]
