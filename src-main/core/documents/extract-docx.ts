import { Parser } from 'htmlparser2'
import mammoth from 'mammoth'
import { AppError } from '../errors'
import type { ExtractLimits } from './limits'
import { readZipDirectory, readZipEntry, type ZipEntry } from './zip-archive'

export interface DocxText {
  text: string
  warnings: string[]
  hyperlinks: string[]
}

const utf8 = new TextDecoder('utf-8')

/** Says what a zip that is not a Word document is, from the parts it holds. */
function describeOtherZip(names: ReadonlySet<string>, bytes: Uint8Array, entries: readonly ZipEntry[]): string {
  if (names.has('xl/workbook.xml')) return 'an Excel workbook, not a Word document'
  if (names.has('ppt/presentation.xml')) return 'a PowerPoint presentation, not a Word document'
  const mimetype = entries.find((e) => e.name === 'mimetype')
  if (mimetype) {
    const type = utf8.decode(readZipEntry(bytes, mimetype)).trim()
    if (type.includes('opendocument.text')) return 'an OpenDocument text (.odt) file; save it as .docx or PDF'
  }
  return 'a zip archive, not a Word document'
}

/** Where the package says its main document lives (usually word/document.xml). */
function mainDocumentPath(bytes: Uint8Array, entries: readonly ZipEntry[]): string | null {
  const rels = entries.find((e) => e.name === '_rels/.rels')
  if (!rels) return null
  const xml = utf8.decode(readZipEntry(bytes, rels))
  for (const match of xml.matchAll(/<Relationship\b[^>]*>/g)) {
    const tag = match[0]
    if (!/Type="[^"]*\/officeDocument"/.test(tag)) continue
    const target = /Target="([^"]+)"/.exec(tag)?.[1]
    if (target) return target.replace(/^\//, '')
  }
  return null
}

function xmlUnescape(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (m, e: string) => {
    if (e[0] === '#')
      return String.fromCodePoint(
        e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10),
      )
    return { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }[e.toLowerCase()] ?? m
  })
}

/** Plain text of a WordprocessingML part; mammoth ignores headers and footers, where résumés often keep contact details. */
function partText(xml: string): string {
  const paragraphs: string[] = []
  for (const p of xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)) {
    let line = ''
    for (const run of p[0].matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>|<w:br\/>/g)) {
      if (run[1] !== undefined) line += xmlUnescape(run[1])
      else line += run[0] === '<w:tab/>' ? '\t' : '\n'
    }
    if (line.trim()) paragraphs.push(line.trim())
  }
  return paragraphs.join('\n')
}

const BLOCKS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'table', 'tr', 'blockquote', 'div'])

/** Mammoth's HTML is small and regular: paragraphs, headings, lists, tables, links. */
function htmlToText(html: string, hyperlinks: Set<string>): string {
  let out = ''
  const cells: string[][] = []
  let cell: string | null = null
  const lists: { ordered: boolean; n: number }[] = []
  const write = (s: string): void => {
    if (cell !== null) cell += s
    else out += s
  }
  const newline = (): void => {
    const target = cell ?? out
    if (target && !target.endsWith('\n')) write('\n')
  }
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'tr') cells.push([])
        else if (name === 'td' || name === 'th') cell = ''
        else if (BLOCKS.has(name)) newline()
        if (/^h[1-6]$/.test(name) && (cell ?? out)) write('\n')
        if (name === 'ul' || name === 'ol') lists.push({ ordered: name === 'ol', n: 0 })
        if (name === 'li') {
          const list = lists[lists.length - 1]
          const depth = Math.max(0, lists.length - 1)
          if (list) list.n++
          write('  '.repeat(depth) + (list?.ordered ? `${list.n}. ` : '• '))
        }
        if (name === 'br') write('\n')
        if (name === 'a' && attributes.href && /^(https?:|mailto:|tel:)/i.test(attributes.href))
          hyperlinks.add(attributes.href.trim())
      },
      ontext(text) {
        write(text)
      },
      onclosetag(name) {
        if (name === 'td' || name === 'th') {
          cells[cells.length - 1]?.push((cell ?? '').trim())
          cell = null
        } else if (name === 'tr') {
          const row = (cells.pop() ?? []).filter((c) => c)
          newline()
          write(row.some((c) => c.includes('\n')) ? row.join('\n') : row.join('\t'))
          newline()
        } else if (name === 'ul' || name === 'ol') {
          lists.pop()
          newline()
        } else if (BLOCKS.has(name)) newline()
      },
    },
    { decodeEntities: true },
  )
  parser.write(html)
  parser.end()
  return out
}

export async function extractDocx(bytes: Uint8Array, limits: ExtractLimits, fileName: string): Promise<DocxText> {
  const what = `"${fileName}"`
  const entries = readZipDirectory(bytes, limits, what)
  const names = new Set(entries.map((e) => e.name))
  const main = mainDocumentPath(bytes, entries) ?? (names.has('word/document.xml') ? 'word/document.xml' : null)
  if (!main || !names.has(main))
    throw new AppError('unsupported_file', `${what} is ${describeOtherZip(names, bytes, entries)}.`)

  // Every XML part is inflated here, bounded by its declared size, before mammoth (JSZip) inflates any of them unbounded.
  let inflated = 0
  const parts = new Map<string, string>()
  for (const entry of entries) {
    if (!/\.(xml|rels)$/i.test(entry.name)) continue
    const data = readZipEntry(bytes, entry, what)
    inflated += data.length
    if (inflated > limits.maxZipTotalBytes)
      throw new AppError('too_large', `${what} unpacks to more than the allowed size (zip bomb?).`)
    if (/^word\/(header|footer)\d*\.xml$/.test(entry.name)) parts.set(entry.name, utf8.decode(data))
  }

  const hyperlinks = new Set<string>()
  let html: string
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        // Images are never read, so linked (external) images are never fetched; mammoth's externalFileAccess stays off.
        convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
        externalFileAccess: false,
      },
    )
    html = result.value
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error)
    throw new AppError('unreadable_file', `${what} is damaged and could not be read (${detail}).`)
  }
  const body = htmlToText(html, hyperlinks)
  const headerTexts: string[] = []
  const footerTexts: string[] = []
  for (const [name, xml] of [...parts].sort(([a], [b]) => a.localeCompare(b))) {
    const text = partText(xml)
    const target = name.includes('header') ? headerTexts : footerTexts
    if (text && !body.includes(text) && !target.includes(text)) target.push(text)
  }
  const text = [...headerTexts, body, ...footerTexts].filter((t) => t.trim()).join('\n\n')
  return { text, warnings: [], hyperlinks: [...hyperlinks] }
}
