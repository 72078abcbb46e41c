import { describe, expect, it } from 'vitest'
import { detectCues, extractMinYears } from './cues'

describe('extractMinYears', () => {
  it.each([
    ['9+ years of relevant experience', 9],
    ['At least 5 years of experience', 5],
    ['3-5 years in a similar role', 3],
    ['2–4 years in operations', 2],
    ['Minimum of two years of experience', 2],
    ['a minimum of 5-7 years Accounting experience', 5],
    ['AQA experience, 5+ years', 5],
    ['between 3 and 6 years of experience', 3],
    ['5 or more years of experience', 5],
    ['a year of customer support experience', 1],
    ['5+ ans d’expérience', 5],
    ['Minimum 3 ans en développement', 3],
    ['Expérience de 2 ans min', 2],
    ['mindestens 3 Jahre Berufserfahrung', 3],
    ['drei Jahre Erfahrung', 3],
    ['3-jährige Berufserfahrung', 3],
    ['3 años de experiencia', 3],
    ['al menos dos años de experiencia', 2],
    ['5 anos de experiência', 5],
    ['pelo menos 2 anos com React', 2],
    ['3 jaar ervaring', 3],
    ['minimaal vijf jaar ervaring', 5],
  ])('%s → %d', (text, years) => {
    expect(extractMinYears(text)).toBe(years)
  })

  it.each([
    ['Candidates should be 20-30 years old'],
    ['A computer that is not older than 3 years'],
    ['Worked in the last 2 years on a product'],
    ['Java 8-11 and OOP design'],
    ['€50.000 per jaar'],
    ['Strong communication skills'],
  ])('%s → null', (text) => {
    expect(extractMinYears(text)).toBeNull()
  })
})

describe('detectCues', () => {
  it.each([
    ['Must have experience with NetSuite', { must: true, preferred: false }],
    ['AAT qualified (required)', { must: true, preferred: false }],
    ['Valid driving licence is mandatory', { must: true, preferred: false }],
    ['Fluent English is essential', { must: true, preferred: false }],
    ['Maîtrise de Python indispensable', { must: true, preferred: false }],
    ['Deutschkenntnisse sind zwingend erforderlich', { must: true, preferred: false }],
    ['Inglés avanzado imprescindible', { must: true, preferred: false }],
    ['Inglês fluente obrigatório', { must: true, preferred: false }],
    ['Rijbewijs B is vereist', { must: true, preferred: false }],
    ['International experience is a plus', { must: false, preferred: true }],
    ['Experience leading refactors is highly valued', { must: false, preferred: true }],
    ['Experience with NGOs will be an asset', { must: false, preferred: true }],
    ['Ideally you have worked in retail', { must: false, preferred: true }],
    ['Kafka (nice to have)', { must: false, preferred: true }],
    ['Experience with Xero advantageous but not essential', { must: false, preferred: true }],
    ['Une expérience avec Celery serait un plus', { must: false, preferred: true }],
    ['Kotlin-Kenntnisse sind wünschenswert', { must: false, preferred: true }],
    ['Se valorará experiencia en logística', { must: false, preferred: true }],
    ['Conhecimento de Docker é um diferencial', { must: false, preferred: true }],
    ['Ervaring met React Native is een pré', { must: false, preferred: true }],
  ])('%s', (text, cues) => {
    expect(detectCues(text)).toEqual(cues)
  })

  it('does not read a preference inside a requirement as an optional item', () => {
    expect(
      detectCues('Strong experience with Ruby on Rails (preferred) or comparable backend frameworks').preferred,
    ).toBe(false)
    expect(detectCues('Experience with cloud infrastructure (AWS preferred)').preferred).toBe(false)
    expect(detectCues('3+ years of software selling experience; SaaS experience preferred').preferred).toBe(false)
    expect(detectCues('3+ years as a people manager, ideally at a SaaS company').preferred).toBe(false)
    expect(detectCues('Photoshop and Illustrator (Sketch is a plus)').preferred).toBe(false)
  })

  it('ignores "as required" and similar wording', () => {
    expect(detectCues('Escalate user issues as required').must).toBe(false)
  })
})
