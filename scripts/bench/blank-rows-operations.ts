import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Papa from 'papaparse'
import type { BenchWorkspaces } from './bench-databases'
import type { BenchOperation } from './harness'

/** 262,144 rows of `,,,` after one real row: 1 MB, the shape of a spreadsheet export with trailing empty rows. */
const BLANK_ROWS = 262_144

/**
 * Upload (which previews) and import of 1 MB of blank rows, on `scratch`; the raw side parses the same text in
 * memory with Papa in one call, the floor for any streaming parser.
 */
export function blankRowOperations({ scratch, scratchDir }: BenchWorkspaces): BenchOperation[] {
  const path = join(scratchDir, 'blank-rows.csv')
  writeFileSync(
    path,
    `name,email,phone,tags\nBlank Rows Bench,blank.rows@example.test,,\n${',,,\n'.repeat(BLANK_ROWS)}`,
  )
  const bytes = readFileSync(path)
  return [
    {
      name: '1 MB of blank rows: upload, preview and import',
      iterations: 5,
      warmup: 1,
      rows: BLANK_ROWS,
      floors: { p95Ms: 2_000 },
      run: async () => {
        await scratch.services.csvImport.upload('blank-rows.csv', bytes)
        return scratch.services.csvImport.importFile(path, {
          fileName: 'blank-rows.csv',
          mapping: null,
          mode: 'skip_invalid',
        })
      },
      raw: () => Papa.parse(bytes.toString('utf8')).data.length,
    },
  ]
}
