/**
 * Runs the posting parser over every file of a folder and prints what it found, for reading the results
 * against the files. Usage: npm run eval:postings -- DIR [--items] [--json]
 *   --items  also print every item with its flags, years and skills
 *   --json   print the parsed postings as JSON instead of the report
 */
import { readdir, readFile } from 'node:fs/promises'
import { extname, join } from 'node:path'
import type { ParsedPosting, SectionKind } from '@contract/posting-parse'
import { assessedSectionKinds, sectionKinds } from '@contract/posting-parse'
import { AppError } from '../src-main/core/errors'
import { parsePosting } from '../src-main/core/postings/parse'

const textExtensions = new Set(['.txt', '.md', '.markdown', '.html', '.htm'])
const extractionExtensions = new Set(['.pdf', '.docx', '.doc', '.odt', '.rtf'])
const assessed = new Set<SectionKind>(assessedSectionKinds)

function flags(item: ParsedPosting['sections'][number]['items'][number]): string {
  const parts = [
    item.mustHave ? 'must' : '',
    item.preferred ? 'preferred' : '',
    item.minYears === null ? '' : `${item.minYears}y`,
  ].filter((part) => part !== '')
  const skills = item.skills.map((skill) =>
    skill.alternatives.length > 0 ? `${skill.name} (or ${skill.alternatives.join(' | ')})` : skill.name,
  )
  return [parts.join(','), skills.length > 0 ? `skills: ${skills.join(', ')}` : '']
    .filter((part) => part !== '')
    .join('  ')
}

async function main(): Promise<void> {
  const args = process.argv.slice(2)
  const dir = args.find((arg) => !arg.startsWith('--'))
  if (!dir) {
    console.error('usage: eval-postings DIR [--items] [--json]')
    process.exitCode = 2
    return
  }
  const showItems = args.includes('--items')
  const asJson = args.includes('--json')
  const files = (await readdir(dir, { withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name)
    .sort()
  const totals = new Map<SectionKind, number>(sectionKinds.map((kind) => [kind, 0]))
  const zeroAssessed: string[] = []
  const results: Record<string, ParsedPosting | string> = {}
  let parsedFiles = 0
  let skipped = 0
  let failed = 0

  for (const name of files) {
    const extension = extname(name).toLowerCase()
    if (extractionExtensions.has(extension) || !textExtensions.has(extension)) {
      skipped++
      results[name] = extractionExtensions.has(extension) ? 'skipped: needs extraction' : 'skipped: not a text file'
      if (!asJson) console.log(`\n== ${name}\n   ${results[name]}`)
      continue
    }
    let parsed: ParsedPosting
    try {
      parsed = parsePosting(await readFile(join(dir, name), 'utf8'))
    } catch (error) {
      failed++
      const message = error instanceof AppError ? `${error.code}: ${error.message}` : String(error)
      results[name] = `error: ${message}`
      if (!asJson) console.log(`\n== ${name}\n   error: ${message}`)
      continue
    }
    parsedFiles++
    results[name] = parsed
    let assessedItems = 0
    for (const section of parsed.sections) {
      totals.set(section.kind, (totals.get(section.kind) ?? 0) + section.items.length)
      if (assessed.has(section.kind)) assessedItems += section.items.length
    }
    if (assessedItems === 0) zeroAssessed.push(name)
    if (asJson) continue
    console.log(`\n== ${name}`)
    console.log(`   title: ${parsed.title ?? '(none)'} | language: ${parsed.language}`)
    console.log(
      `   summary: ${parsed.summary === '' ? '(none)' : `${parsed.summary.slice(0, 110)}${parsed.summary.length > 110 ? '…' : ''}`}`,
    )
    for (const section of parsed.sections) {
      console.log(`   [${section.kind}] ${section.heading ?? '(no heading)'}: ${section.items.length}`)
      if (!showItems) continue
      for (const item of section.items) {
        const details = flags(item)
        console.log(
          `      - ${item.text.slice(0, 140)}${item.text.length > 140 ? '…' : ''}${details === '' ? '' : `\n          ${details}`}`,
        )
      }
    }
  }

  if (asJson) {
    console.log(JSON.stringify(results, null, 2))
    return
  }
  console.log('\n== totals')
  console.log(`   files: ${files.length} (parsed ${parsedFiles}, skipped ${skipped}, failed ${failed})`)
  console.log(`   items: ${sectionKinds.map((kind) => `${kind} ${totals.get(kind) ?? 0}`).join(', ')}`)
  console.log(
    `   files with zero assessed items: ${zeroAssessed.length}${zeroAssessed.length > 0 ? ` (${zeroAssessed.join(', ')})` : ''}`,
  )
}

await main()
