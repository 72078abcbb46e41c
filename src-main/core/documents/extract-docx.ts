import { Parser } from 'htmlparser2'
import JSZip from 'jszip'
import mammoth from 'mammoth'
import { AppError } from '../errors'
import type { ExtractLimits } from './limits'
import { readZip } from './zip-archive'

export interface DocxText {
  text: string
  warnings: string[]
  hyperlinks: string[]
}

const utf8 = new TextDecoder('utf-8')

/** Says what a zip that is not a Word document is, from the parts it holds. */
function otherZip(parts: ReadonlyMap<string, Uint8Array>, file: string): AppError {
  if (parts.has('xl/workbook.xml')) return AppError.of('zip_is_excel', { file })
  if (parts.has('ppt/presentation.xml')) return AppError.of('zip_is_powerpoint', { file })
  const mimetype = parts.get('mimetype')
  if (mimetype && utf8.decode(mimetype).includes('opendocument.text')) return AppError.of('zip_is_odt', { file })
  return AppError.of('zip_not_word', { file })
}

/** Where the package says its main document lives (usually word/document.xml). */
function mainDocumentPath(parts: ReadonlyMap<string, Uint8Array>): string | null {
  const rels = parts.get('_rels/.rels')
  if (!rels) return null
  const xml = utf8.decode(rels)
  for (const match of xml.matchAll(/<Relationship\b[^>]*>/g)) {
    const tag = match[0]
    if (!/Type="[^"]*\/officeDocument"/.test(tag)) continue
    const target = /Target="([^"]+)"/.exec(tag)?.[1]
    if (target) return target.replace(/^\//, '')
  }
  return null
}

/** Pictures and embedded objects: text extraction never looks inside them, so they are never inflated. */
const UNREAD_PART = /^word\/(media|embeddings)\/|\.(png|jpe?g|gif|bmp|tiff?|emf|wmf|svg|bin)$/i

/**
 * The archive handed to mammoth: the parts already inflated within budget, stored uncompressed, and empty
 * stand-ins for the parts left unread. mammoth (JSZip) then has nothing left to inflate.
 */
async function rebuiltArchive(parts: ReadonlyMap<string, Uint8Array>, skipped: readonly string[]): Promise<Buffer> {
  const zip = new JSZip()
  for (const [name, data] of parts) zip.file(name, data, { compression: 'STORE', createFolders: false })
  for (const name of skipped) zip.file(name, new Uint8Array(0), { compression: 'STORE', createFolders: false })
  return zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' })
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
  const { parts, skipped } = await readZip(bytes, limits, what, { skip: (name) => UNREAD_PART.test(name) })
  const main = mainDocumentPath(parts) ?? (parts.has('word/document.xml') ? 'word/document.xml' : null)
  if (!main || !parts.has(main)) throw otherZip(parts, what)
  const headersAndFooters = [...parts]
    .filter(([name]) => /^word\/(header|footer)\d*\.xml$/.test(name))
    .map(([name, data]) => [name, utf8.decode(data)] as const)
  const archive = await rebuiltArchive(parts, skipped)

  const hyperlinks = new Set<string>()
  let html: string
  try {
    const result = await mammoth.convertToHtml(
      { buffer: archive },
      {
        // Images are never read, so linked (external) images are never fetched; mammoth's externalFileAccess stays off.
        convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
        externalFileAccess: false,
      },
    )
    html = result.value
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error)
    throw AppError.of('document_damaged', { file: what, detail })
  }
  const body = htmlToText(html, hyperlinks)
  const headerTexts: string[] = []
  const footerTexts: string[] = []
  for (const [name, xml] of headersAndFooters.sort(([a], [b]) => a.localeCompare(b))) {
    const text = partText(xml)
    const target = name.includes('header') ? headerTexts : footerTexts
    if (text && !body.includes(text) && !target.includes(text)) target.push(text)
  }
  const text = [...headerTexts, body, ...footerTexts].filter((t) => t.trim()).join('\n\n')
  return { text, warnings: [], hyperlinks: [...hyperlinks] }
}
