/**
 * Runs résumé extraction over folders of files and prints what came out, for judging extraction quality.
 * Usage: npm run eval:resumes -- [--text] [DIR...]   (default: the development corpus next to the repository)
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { AppError } from '../src-main/core/errors'
import { extractResume } from '../src-main/core/documents/extract-resume'

const repoRoot = resolve(import.meta.dirname, '..')
const args = process.argv.slice(2)
const showText = args.includes('--text')
const dirs = args.filter((a) => !a.startsWith('--'))
const folders = dirs.length
  ? dirs.map((d) => resolve(d))
  : [join(repoRoot, '../shared/corpus/resume-files'), join(repoRoot, '../shared/corpus/resumes')]

/** Something a reader would take for an e-mail address, even if spaced or obfuscated oddly. */
const VISIBLE_ADDRESS = /[\p{L}\p{N}._%+-]+ ?(?:@|＠) ?[\p{L}\p{N}-]+(?: ?\. ?[\p{L}\p{N}-]+)+/u

interface Totals {
  files: number
  ok: number
  errors: Map<string, number>
  withName: number
  withEmail: number
  withPhone: number
  withLinks: number
  withWarnings: number
  missedEmail: string[]
}

const totals: Totals = {
  files: 0,
  ok: 0,
  errors: new Map(),
  withName: 0,
  withEmail: 0,
  withPhone: 0,
  withLinks: 0,
  withWarnings: 0,
  missedEmail: [],
}

const present = folders.filter((folder) => existsSync(folder) && statSync(folder).isDirectory())
for (const missing of folders.filter((f) => !present.includes(f))) console.log(`skip: ${missing} (not found)`)
if (!present.length) {
  console.log('No résumé folders found; nothing to evaluate.')
  process.exit(0)
}

for (const folder of present) {
  console.log(`\n# ${folder}`)
  const files = readdirSync(folder)
    .filter((name) => statSync(join(folder, name)).isFile() && !name.startsWith('.'))
    .sort()
  for (const name of files) {
    totals.files++
    const bytes = new Uint8Array(readFileSync(join(folder, name)))
    try {
      const r = await extractResume(bytes, name)
      totals.ok++
      if (r.name) totals.withName++
      if (r.emails.length) totals.withEmail++
      if (r.phones.length) totals.withPhone++
      if (r.links.length) totals.withLinks++
      if (r.warnings.length) totals.withWarnings++
      if (!r.emails.length && VISIBLE_ADDRESS.test(r.text)) totals.missedEmail.push(name)
      const warnings = r.warnings.length ? ` warnings=${JSON.stringify(r.warnings)}` : ''
      console.log(
        `${name}: ${r.kind} chars=${r.text.length} pages=${r.pages ?? '-'}${warnings} name=${JSON.stringify(r.name)} emails=${JSON.stringify(r.emails)} phones=${r.phones.length}${r.phones.length ? ' ' + JSON.stringify(r.phones) : ''} links=${r.links.length}${r.links.length ? ' ' + JSON.stringify(r.links) : ''}`,
      )
      if (showText) console.log(r.text.replace(/^/gm, '    | '))
    } catch (error) {
      const code = error instanceof AppError ? error.code : 'crash'
      totals.errors.set(code, (totals.errors.get(code) ?? 0) + 1)
      console.log(`${name}: ERROR ${code}: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
}

const errors = [...totals.errors].map(([code, n]) => `${code}=${n}`).join(' ') || 'none'
console.log(`\n== ${totals.files} files: ${totals.ok} extracted, errors: ${errors}`)
console.log(
  `   name found: ${totals.withName}, email: ${totals.withEmail}, phone: ${totals.withPhone}, links: ${totals.withLinks}, with warnings: ${totals.withWarnings}`,
)
console.log(
  `   text shows an @-address but no email was found: ${totals.missedEmail.length}${totals.missedEmail.length ? ' (' + totals.missedEmail.join(', ') + ')' : ''}`,
)
