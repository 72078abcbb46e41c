import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { resourcesDir, tempDir } from '../testing/temp-workspace'
import { sampleBrief } from './fixtures/sample-brief'
import { renderInterviewKit } from './interview-kit'

const dir = tempDir()
afterAll(() => dir.remove())
const fontsDir = join(resourcesDir, 'fonts')
const poppler = (tool: string, ...args: string[]) => execFileSync(tool, args, { encoding: 'utf8' })
const createdAt = new Date('2026-03-02T09:00:00Z')

function longBrief() {
  const brief = sampleBrief()
  const base = brief.focusItems[0]!
  brief.focusItems = Array.from({ length: 9 }, (_, index) => ({
    ...base,
    key: `competency:${index + 1}`,
    label: index === 4 ? 'Ownership — Müller’s “étoile” test' : `Competency ${index + 1}`,
  }))
  brief.step.questions = Array.from({ length: 12 }, (_, index) => `Question ${index + 1}: tell me about a time…`)
  brief.resumeText = 'Experience with Go and Kafka. '.repeat(400)
  return brief
}

describe('interview kit PDF', () => {
  it('is a real document: poppler renders every page to PNG and reads back the text, accents included', async () => {
    const pdf = await renderInterviewKit(longBrief(), { fontsDir, language: 'en', timeZone: 'UTC', createdAt })
    const file = join(dir.path, 'kit.pdf')
    writeFileSync(file, pdf)
    expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-')

    const pages = Number(/Pages:\s+(\d+)/.exec(poppler('pdfinfo', file))?.[1])
    expect(pages).toBeGreaterThan(1)
    poppler('pdftoppm', '-png', '-r', '40', file, join(dir.path, 'page'))
    const images = readdirSync(dir.path).filter((name) => /^page-\d+\.png$/.test(name))
    expect(images).toHaveLength(pages)
    for (const image of images) {
      const bytes = readFileSync(join(dir.path, image))
      expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG')
      // IHDR: an A4 page at 40 dpi is about 331 × 468 pixels.
      expect(bytes.readUInt32BE(16)).toBeGreaterThan(300)
      expect(bytes.readUInt32BE(20)).toBeGreaterThan(bytes.readUInt32BE(16))
    }

    const text = poppler('pdftotext', '-layout', file, '-')
    for (const expected of [
      'Interview kit: System design',
      'Zoë Łukasiewicz',
      'Kraków',
      'Ownership — Müller’s “étoile” test',
      'Level below (Senior Backend Engineer I): Designs services.',
      'This level (Senior Backend Engineer II): Owns the architecture of a subsystem.',
      'Next level (Staff Backend Engineer): No expectation written.',
      'Question 12: tell me about a time',
      'Overall recommendation',
      'Strong yes',
      `Page ${pages} of ${pages}`,
      '2 March 2026',
      '09:30 · 60 minutes',
    ])
      expect(text).toContain(expected)

    const fonts = poppler('pdffonts', file)
    expect(fonts).toMatch(/DejaVuSans/)
    // Every font is embedded: the kit prints the same on any machine.
    for (const line of fonts.split('\n').slice(2).filter(Boolean))
      expect(line).toMatch(/\byes\s+yes\s+(yes|no)\s+\d+\s+\d+\s*$/)
  })

  it('is written in French on request', async () => {
    const file = join(dir.path, 'kit-fr.pdf')
    writeFileSync(
      file,
      await renderInterviewKit(sampleBrief(), { fontsDir, language: 'fr', timeZone: 'UTC', createdAt }),
    )
    const text = poppler('pdftotext', file, '-')
    expect(text).toContain('Kit d’entretien')
    expect(text).toContain('Recommandation globale')
    expect(text).toContain('Niveau inférieur (Senior Backend Engineer I)')
  })
})
