/**
 * Runs the real `candidates extract FILE --format json` over the PDF and DOCX résumés of a folder and checks,
 * for each file, that it exits cleanly, prints exactly the documented JSON shape, and finds an e-mail whenever
 * an independent reader (poppler's pdftotext; the DOCX's own XML) shows one. It also reports phone recall: the
 * share of the phone numbers the independent text shows that the extraction found.
 * Usage: npm run eval:extract -- [DIR]   (default: ../shared/corpus/resume-files; skips when absent)
 */
import { execFile, execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { inflateRawSync } from 'node:zlib'

const run = promisify(execFile)
const root = resolve(import.meta.dirname, '..')
const dir = resolve(process.argv[2] ?? join(root, '../shared/corpus/resume-files'))
if (!existsSync(dir)) {
  console.log(`skip: ${dir} not found`)
  process.exit(0)
}
const EMAIL = /[\p{L}\p{N}._%+-]+ ?@ ?[\p{L}\p{N}-]+(?: ?\. ?[\p{L}\p{N}-]+)+/u
/**
 * Deliberately simpler than the extractor, so the two do not share their mistakes: North American shapes
 * ("(909) 555-0100", "614-555-0100") and anything written with a country code ("+91 80879 96634").
 */
const SHOWN_PHONE =
  /(?<![\d\p{L}])(?:(?:\+1[ .-]?)?\(?\d{3}\)?[ .-]?\d{3}[ .-]\d{4}|\(?\+\d{1,3}\)?[ .-]?\d[\d .-]{6,14}\d)(?![\d\p{L}])/gu

function shownPhones(text: string): string[] {
  // pdftotext keeps soft hyphens, typographic hyphens and tab-separated words as the PDF drew them.
  const plain = text
    .replace(/\u00ad/g, '')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[ \t\u00a0]+/g, ' ')
  return [...new Set([...plain.matchAll(SHOWN_PHONE)].map((match) => match[0].replace(/\D/g, '')))]
}

/** A shown number is found when an extracted one ends with its last ten digits (the national number). */
function phoneFound(shown: string, extracted: readonly string[]): boolean {
  const tail = shown.slice(-10)
  return extracted.some((phone) => phone.replace(/\D/g, '').endsWith(tail))
}

/** The text of word/document.xml, read straight from the zip (stored or deflated), tags dropped. */
function docxText(path: string): string {
  const bytes = readFileSync(path)
  let text = ''
  for (let at = 0; at + 30 < bytes.length;) {
    if (bytes.readUInt32LE(at) !== 0x04034b50) break
    const method = bytes.readUInt16LE(at + 8)
    const size = bytes.readUInt32LE(at + 18)
    const nameLength = bytes.readUInt16LE(at + 26)
    const extra = bytes.readUInt16LE(at + 28)
    const name = bytes.subarray(at + 30, at + 30 + nameLength).toString()
    const start = at + 30 + nameLength + extra
    if (name.startsWith('word/') && name.endsWith('.xml')) {
      const data = bytes.subarray(start, start + size)
      text += (method === 8 ? inflateRawSync(data) : data).toString().replace(/<[^>]+>/g, ' ')
    }
    at = start + size
  }
  return text
}

function independentText(path: string): string {
  if (path.toLowerCase().endsWith('.pdf')) return execFileSync('pdftotext', ['-q', path, '-'], { encoding: 'utf8' })
  return docxText(path)
}

const files = readdirSync(dir)
  .filter((name) => /\.(pdf|docx)$/i.test(name))
  .sort()
let crashed = 0
let missed = 0
let shown = 0
let phonesShown = 0
let phonesFound = 0
for (const name of files) {
  const path = join(dir, name)
  let output: { name: unknown; emails: string[]; phones: string[]; links: string[]; text: string }
  try {
    const { stdout } = await run(
      join(root, 'node_modules', '.bin', 'tsx'),
      ['src-main/cli.ts', 'candidates', 'extract', path, '--format', 'json'],
      { cwd: root },
    )
    output = JSON.parse(stdout) as typeof output
  } catch (error) {
    crashed++
    console.log(`${name}: FAILED ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`)
    continue
  }
  const keys = Object.keys(output).join(',')
  if (keys !== 'name,emails,phones,links,text') {
    crashed++
    console.log(`${name}: wrong shape ${keys}`)
    continue
  }
  const reference = independentText(path)
  const visible = EMAIL.test(reference)
  if (visible) shown++
  if (visible && output.emails.length === 0) missed++
  const phones = shownPhones(reference)
  const phonesMissed = phones.filter((phone) => !phoneFound(phone, output.phones))
  phonesShown += phones.length
  phonesFound += phones.length - phonesMissed.length
  console.log(
    `${name}: ok emails=${JSON.stringify(output.emails)}${visible ? '' : ' (none shown)'} phones=${JSON.stringify(output.phones)}${phonesMissed.length > 0 ? ` missed ${JSON.stringify(phonesMissed)}` : ''}`,
  )
}
const recall = phonesShown === 0 ? 1 : phonesFound / phonesShown
console.log(
  `\n${files.length} files: ${files.length - crashed} extracted, ${crashed} failed; e-mail shown in ${shown}, found in ${shown - missed}.`,
)
console.log(`Phone recall: ${phonesFound}/${phonesShown} (${(recall * 100).toFixed(1)}%).`)
process.exitCode = crashed > 0 || missed > 0 ? 1 : 0
