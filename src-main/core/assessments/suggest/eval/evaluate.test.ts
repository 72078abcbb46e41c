import { mkdtempSync, cpSync, writeFileSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { evalFolder, evaluate, figuresOf, type PairResult } from './evaluate'

describe('suggestions measured against the labelled set', () => {
  const result = evaluate()

  it('labels every résumé against every item of both postings', () => {
    const resumes = new Set(result.pairs.map((pair) => pair.resume))
    expect(resumes.size).toBeGreaterThanOrEqual(12)
    const items = new Set(result.pairs.map((pair) => pair.item))
    expect(result.pairs).toHaveLength(resumes.size * items.size)
    expect([...resumes].some((name) => name.startsWith('fr-'))).toBe(true)
    expect([...resumes].some((name) => name.startsWith('de-'))).toBe(true)
  })

  it('stays above its floors: precision 0.9, recall 0.7, agreement 0.8', () => {
    const { precision, recall, agreement } = result.overall
    expect(precision, 'precision').toBeGreaterThanOrEqual(0.9)
    expect(recall, 'recall').toBeGreaterThanOrEqual(0.7)
    expect(agreement, 'agreement').toBeGreaterThanOrEqual(0.8)
  })

  it('never rates met what the reader finds no evidence for', () => {
    const wrong = result.pairs.filter((pair) => pair.label === 'none' && pair.outcome === 'met')
    expect(wrong.map((pair) => `${pair.resume} ${pair.item}`)).toEqual([])
  })
})

describe('figures', () => {
  const pair = (label: PairResult['label'], outcome: PairResult['outcome']): PairResult => ({
    resume: 'r',
    posting: 'p',
    item: 'p.i',
    label,
    reason: '',
    outcome,
    suggestion: null,
  })

  it('count precision over positive suggestions, recall over evidenced items, agreement over spoken ones', () => {
    const figures = figuresOf([
      pair('met', 'met'),
      pair('partial', 'met'),
      pair('none', 'partial'),
      pair('met', 'silent'),
      pair('none', 'not_met'),
      pair('none', 'silent'),
    ])
    expect(figures.precision).toBeCloseTo(2 / 3)
    expect(figures.recall).toBeCloseTo(2 / 3)
    // met=met and none=not_met agree; partial≠met and none≠partial do not.
    expect(figures.agreement).toBeCloseTo(2 / 4)
  })

  it('refuses a label that gives no reason, and a résumé without labels', () => {
    const folder = mkdtempSync(join(tmpdir(), 'labels-'))
    cpSync(evalFolder, folder, { recursive: true })
    const labels = readFileSync(join(folder, 'labels.yaml'), 'utf8')
    writeFileSync(join(folder, 'labels.yaml'), labels.replace('years: met — about 14 years', 'years: met'))
    expect(() => evaluate(folder)).toThrow(/met\|partial\|none — reason/)
    writeFileSync(join(folder, 'labels.yaml'), labels)
    writeFileSync(join(folder, 'resumes', 'zz-new.txt'), 'A résumé nobody labelled.')
    expect(() => evaluate(folder)).toThrow(/Résumés without labels: zz-new.txt/)
  })
})
