import { execFileSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { labelsFor, provenanceNames } from '../../reports/labels'
import { resourcesDir, tempDir } from '../../testing/temp-workspace'
import { writeHeatmapPdf } from './heatmap-pdf'
import { writeCandidatePacketPdf, type CandidatePacket } from './packet-pdf'
import { loadPdfFonts } from './pdf-document'

let dir: ReturnType<typeof tempDir>
beforeEach(() => {
  dir = tempDir()
})
afterEach(() => dir.remove())

const provenance = {
  title: 'Candidate packet',
  generatedAt: '2026-03-01T10:00:00.000Z',
  workspace: 'Acme',
  filters: 'Application #4',
  appVersion: '1.2.3',
}
const packet: CandidatePacket = {
  language: 'en',
  provenance,
  candidate: {
    name: 'Zoë Ødegaard',
    details: [
      ['E-mail', 'zoe@example.org'],
      ['Source', '=cmd'],
    ],
  },
  application: [
    ['Posting', 'Senior Backend Engineer II'],
    ['Stage', 'Onsite'],
  ],
  fit: '2 of 3 must-haves met',
  scorecardNote: null,
  requirements: [
    {
      section: 'Requirement',
      text: 'Go or Rust in production',
      mustHave: true,
      rating: 'met',
      evidence: 'Built the payments ledger in Go. مرحبا ' + 'long '.repeat(2_000),
      evidenceSource: 'Résumé · Sam Rivera',
    },
    {
      section: 'Nice to have',
      text: 'Kafka',
      mustHave: false,
      rating: 'unknown',
      evidence: '',
      evidenceSource: '',
    },
  ],
  scorecards: [
    {
      step: 'System design',
      interviewer: 'Jordan Lee',
      recommendation: 'Hire',
      submittedAt: '2026-02-20T15:00:00Z',
      ratings: [{ item: 'Reliability', score: 3 }],
      notes: 'Clear trade-offs 😀',
    },
  ],
}
const text = (path: string) => execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' })
const pages = (path: string) => {
  execFileSync('pdftoppm', ['-png', '-r', '40', path, join(dir.path, 'page')])
  return readdirSync(dir.path).filter((name) => name.endsWith('.png')).length
}

describe('candidate packet and heatmap PDFs', () => {
  it('prints the profile, the requirement matrix with evidence and the scorecards', async () => {
    const path = join(dir.path, 'packet.pdf')
    await writeCandidatePacketPdf(path, await loadPdfFonts(resourcesDir), packet)
    const content = text(path)
    for (const expected of [
      'Zoë Ødegaard',
      'zoe@example.org',
      'Go or Rust in production',
      'Met',
      'Built the payments ledger',
      'Résumé · Sam Rivera',
      'System design',
      'Jordan Lee',
      'Reliability',
      '2026-02-20',
      'Acme',
    ])
      expect(content).toContain(expected)
    expect(pages(path)).toBeGreaterThanOrEqual(1)
  })

  it('draws applicants against requirements in landscape, splitting wide postings', async () => {
    const path = join(dir.path, 'heatmap.pdf')
    const requirements = Array.from({ length: 30 }, (_, index) => ({
      text: `Requirement ${index + 1}`,
      mustHave: index < 3,
    }))
    await writeHeatmapPdf(path, await loadPdfFonts(resourcesDir), {
      language: 'en',
      provenance: { ...provenance, title: 'Comparison' },
      requirements,
      applicants: Array.from({ length: 40 }, (_, index) => ({
        name: `Applicant ${index}`,
        detail: 'Onsite',
        ratings: requirements.map(
          (_, column) => (['met', 'partial', 'not_met', 'exceeds', 'unknown'] as const)[(index + column) % 5]!,
        ),
      })),
    })
    const content = text(path)
    expect(content).toContain('Applicant 39')
    expect(content).toContain('R30')
    expect(content).toContain('Requirement 30')
    expect(content).toContain('Not met')
    const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' })
    expect(info).toMatch(/Page size:\s+841\.89 x 595\.28/)
    expect(pages(path)).toBeGreaterThanOrEqual(2)
  })

  it('prints their own words in the chosen language, the data as written', async () => {
    const fonts = await loadPdfFonts(resourcesDir)
    const french = { ...provenance, filters: 'Candidature n° 4', names: provenanceNames(labelsFor('fr')) }
    const packetPath = join(dir.path, 'packet-fr.pdf')
    await writeCandidatePacketPdf(packetPath, fonts, { ...packet, language: 'fr', provenance: french, scorecards: [] })
    const packetText = text(packetPath)
    for (const expected of ['Profil', 'Candidature', 'Exigences', 'Grilles d’évaluation', 'Satisfait', 'Inconnu'])
      expect(packetText).toContain(expected)
    expect(packetText).toContain('Aucune grille d’évaluation n’a été soumise.')
    for (const english of ['Profile', 'Application', 'Requirements', 'Scorecards', 'Unknown', 'No scorecard'])
      expect(packetText).not.toContain(english)
    expect(packetText).toContain('Go or Rust in production')

    const heatmapPath = join(dir.path, 'heatmap-fr.pdf')
    await writeHeatmapPdf(heatmapPath, fonts, {
      language: 'fr',
      provenance: { ...french, title: 'Comparaison' },
      requirements: [
        { text: 'Go', mustHave: false },
        { text: 'SQL', mustHave: true },
        { text: 'Rust', mustHave: false },
        { text: 'Kafka', mustHave: false },
      ],
      applicants: [],
    })
    const heatmapText = text(heatmapPath)
    for (const expected of ['Exigences', 'Non satisfait', 'Partiel', 'Dépasse', 'Rien à comparer', 'E2★', 'E4'])
      expect(heatmapText).toContain(expected)
    for (const english of ['Requirements', 'Not met', 'Partial', 'Exceeds', 'nothing to compare', 'R2★'])
      expect(heatmapText).not.toContain(english)
  })
})
