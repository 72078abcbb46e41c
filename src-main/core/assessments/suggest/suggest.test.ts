import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { SuggestionDto } from '@contract/assessments'
import type { RequirementSection, SkillDto } from '@contract/postings'
import { describe, expect, it } from 'vitest'
import { suggestEvidence, type SuggestRequirement } from './suggest'

const today = new Date('2026-11-15T00:00:00Z')
const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8')

let nextId = 1
function requirement(
  text: string,
  options: { skills?: SkillDto[]; minYears?: number | null; section?: RequirementSection } = {},
): SuggestRequirement {
  return {
    id: nextId++,
    section: options.section ?? 'requirement',
    text,
    minYears: options.minYears ?? null,
    skills: options.skills ?? [],
  }
}
const skill = (name: string, ...alternatives: string[]): SkillDto => ({ name, alternatives })

function suggest(text: string, requirements: SuggestRequirement[]): SuggestionDto[] {
  return suggestEvidence([{ id: 7, text }], requirements, { today })
}
function only(text: string, item: SuggestRequirement, key: string): SuggestionDto | undefined {
  return suggest(text, [item]).find((suggestion) => suggestion.key === key)
}
/** What each range points at in the text. */
const marked = (text: string, suggestion: SuggestionDto | undefined) =>
  (suggestion?.ranges ?? []).map((range) => text.slice(range.start, range.end))

describe('skills', () => {
  it('matches common synonyms and reports them as such', () => {
    const text = 'Platform engineer.\nRan Postgres and RoR apps on k8s for five years.'
    const postgres = only(text, requirement('Strong PostgreSQL', { skills: [skill('PostgreSQL')] }), 'skills')
    expect(postgres).toMatchObject({ rating: 'met', kind: 'skill', documentId: 7 })
    expect(postgres?.detail).toEqual({
      kind: 'skill',
      matches: [{ skill: 'PostgreSQL', found: 'Postgres', via: 'synonym' }],
      missing: [],
    })
    expect(marked(text, postgres)).toEqual(['Postgres'])
    expect(postgres?.snippet).toBe('Ran Postgres and RoR apps on k8s for five years.')
    expect(postgres?.reason).toContain('synonym')

    const rails = only(text, requirement('Ruby on Rails', { skills: [skill('Ruby on Rails')] }), 'skills')
    expect(marked(text, rails)).toEqual(['RoR'])
    const kubernetes = only(text, requirement('Kubernetes in production', { skills: [skill('Kubernetes')] }), 'skills')
    expect(marked(text, kubernetes)).toEqual(['k8s'])
  })

  it('accepts the alternatives an item allows, and comparable skills only as partial', () => {
    const queues = requirement('Experience with message queues such as Kafka or RabbitMQ', {
      skills: [skill('Kafka', 'RabbitMQ', 'message queues'), skill('RabbitMQ', 'Kafka', 'message queues')],
    })
    const text = 'Moved order events to RabbitMQ in 2021.'
    const found = only(text, queues, 'skills')
    expect(found?.rating).toBe('met')
    expect(found?.detail).toEqual({
      kind: 'skill',
      matches: [{ skill: 'Kafka', found: 'RabbitMQ', via: 'alternative' }],
      missing: [],
    })

    const framework = requirement('Strong experience with Ruby on Rails (preferred) or comparable backend frameworks', {
      skills: [skill('Ruby on Rails', 'comparable backend frameworks')],
    })
    const django = only('Built the booking backend with Django and Celery.', framework, 'skills')
    expect(django).toMatchObject({ rating: 'partial' })
    expect(django?.detail).toMatchObject({ matches: [{ skill: 'Ruby on Rails', found: 'Django', via: 'comparable' }] })
    expect(django?.confidence).toBeLessThan(0.5)
    // Without "comparable" wording, another framework is no evidence.
    const strict = requirement('Ruby on Rails', { skills: [skill('Ruby on Rails')] })
    expect(only('Built the booking backend with Django.', strict, 'skills')).toBeUndefined()
  })

  it('rates partial when only some of the named skills appear, and lists the missing ones', () => {
    const item = requirement('Ship production code in Go and Python', { skills: [skill('Go'), skill('Python')] })
    const partial = only('Data tooling in Python and pandas.', item, 'skills')
    expect(partial?.rating).toBe('partial')
    expect(partial?.detail).toMatchObject({ missing: ['Go'] })
    expect(partial?.reason).toContain('not found: Go')
  })

  it('respects word boundaries, case where a name is a word, and folds accents', () => {
    const go = requirement('Go', { skills: [skill('Go')] })
    expect(only('I go the extra mile and like to go-kart.', go, 'skills')).toBeUndefined()
    expect(only('Five years of Go at scale.', go, 'skills')?.rating).toBe('met')
    const java = requirement('Java', { skills: [skill('Java')] })
    expect(only('Modern JavaScript and TypeScript.', java, 'skills')).toBeUndefined()
    const modelling = requirement('Modélisation de données', { skills: [skill('Modélisation')] })
    const text = 'Expert en MODELISATION et en qualité des données.'
    const folded = only(text, modelling, 'skills')
    expect(marked(text, folded)).toEqual(['MODELISATION'])
  })

  it('finds skills the item text names even when its skill list lacks them', () => {
    const item = requirement('Caching with Redis', { skills: [] })
    expect(only('Introduced Redis for sessions.', item, 'skills')?.rating).toBe('met')
  })

  it('prefers evidence from a dated role over the skills list', () => {
    const text = [
      'SKILLS',
      'Kafka, Go',
      '',
      'EXPERIENCE',
      'Acme — Engineer, 2019 – present',
      '- Event pipeline on Kafka.',
    ].join('\n')
    const kafka = only(text, requirement('Kafka', { skills: [skill('Kafka')] }), 'skills')
    expect(kafka?.snippet).toBe('- Event pipeline on Kafka.')
    expect(marked(text, kafka)).toEqual(['Kafka'])
  })
})

describe('years of experience', () => {
  const nineYears = requirement('9+ years of relevant experience as a Backend Engineer', { minYears: 9 })

  it('sums dated roles, counting overlapping months once and "present" as today', () => {
    const text = [
      'EXPERIENCE',
      'Northwind — Staff Engineer, Jan 2021 – present', // 71 months to Nov 2026
      'Contoso — Engineer, 03/2017–06/2021', // overlaps 6 months with the role above
      'Freelance, 2018 - 2019', // inside the role above
    ].join('\n')
    const years = only(text, nineYears, 'years')
    // Mar 2017 … Nov 2026 = 117 months.
    expect(years?.detail).toEqual({ kind: 'years', years: 9.8, required: 9, basis: 'roles', roles: 3, skill: null })
    expect(years?.rating).toBe('met')
    expect(marked(text, years)).toEqual(['Jan 2021 – present', '03/2017–06/2021', '2018 - 2019'])
    expect(years?.reason).toContain('"present" = 2026-11')

    const later = suggestEvidence([{ id: 1, text }], [nineYears], { today: new Date('2027-11-15T00:00:00Z') })
    expect(later[0]?.detail).toMatchObject({ years: 10.8 })
  })

  it('rates short careers partial or not met', () => {
    const partial = only('EXPERIENCE\nAcme, 2019 – 2025', nineYears, 'years')
    expect(partial).toMatchObject({ rating: 'partial', detail: { years: 7 } })
    const short = only('EXPERIENCE\nAcme, 2023 – 2025', nineYears, 'years')
    expect(short).toMatchObject({ rating: 'not_met', detail: { years: 3 } })
  })

  it('leaves studies out of the count', () => {
    const text = [
      'EXPERIENCE',
      'Acme — Engineer, 2020 – 2023',
      'EDUCATION',
      'Université de Lyon, 2014 – 2019',
      'Internship at Globex, 2018 – 2018',
    ].join('\n')
    expect(only(text, nineYears, 'years')?.detail).toMatchObject({ years: 4, roles: 1 })
    expect(only('MSc Computer Science, 2010 – 2015\nAcme, 2016 – 2017', nineYears, 'years')?.detail).toMatchObject({
      years: 2,
    })
  })

  it('reads stated years in several languages when no dated role says more', () => {
    const cases: [string, number][] = [
      ['Backend engineer with 11 years of experience in payments.', 11],
      ['Plus de 8+ ans d’expérience en développement backend.', 8],
      ['Über 10 Jahre Berufserfahrung in der Softwareentwicklung.', 10],
      ['Ingeniera con 6 años de experiencia en sistemas de pagos.', 6],
      ['Engenheiro com 12 anos de experiência em Java.', 12],
      ['Ruim 7 jaar ervaring als ontwikkelaar.', 7],
      ['Expérience : 9 ans', 9],
      ['8,5 years of professional experience', 8.5],
    ]
    for (const [text, value] of cases) {
      const found = only(text, nineYears, 'years')
      expect(found?.detail, text).toMatchObject({ basis: 'stated', years: value })
      expect(found?.rating, text).toBe(value >= 9 ? 'met' : value >= 6.75 ? 'partial' : 'not_met')
    }
    expect(only('Joined 3 years ago; the team has 12 years in business.', nineYears, 'years')).toBeUndefined()
  })

  it('counts only roles and statements naming the skill when the item names one', () => {
    const goYears = requirement('5+ years of experience with Go', { minYears: 5, skills: [skill('Go')] })
    const text = [
      'EXPERIENCE',
      'Initech — Engineer, 2022 – 2024',
      '- Payment services in Go.',
      'Globex — Engineer, 2012 – 2020',
      '- Java and Spring.',
    ].join('\n')
    expect(only(text, goYears, 'years')).toMatchObject({
      rating: 'not_met',
      detail: { years: 3, roles: 1, skill: 'Go', basis: 'roles' },
    })
    expect(only('I have 6 years of experience with Go and gRPC.', goYears, 'years')).toMatchObject({
      rating: 'met',
      detail: { basis: 'stated', years: 6, skill: 'Go' },
    })
    expect(only('I have 6 years of experience with Java.', goYears, 'years')).toBeUndefined()
  })
})

describe('degrees', () => {
  const degree = requirement("Bachelor's or Master's degree in Computer Science or equivalent practical experience")

  it('compares the highest degree named with the lowest one asked', () => {
    expect(only('EDUCATION\nMSc Computer Science, Delft, 2014', degree, 'degree')).toMatchObject({
      rating: 'met',
      detail: { found: 'master', required: 'bachelor', text: 'MSc' },
    })
    expect(only('Ph.D. in Physics (2012)', requirement('PhD in a quantitative field'), 'degree')).toMatchObject({
      rating: 'met',
      detail: { found: 'doctorate', required: 'doctorate' },
    })
    expect(only('BSc Mathematics, 2010', requirement("Master's degree required"), 'degree')).toMatchObject({
      rating: 'partial',
      detail: { found: 'bachelor', required: 'master' },
    })
  })

  it('knows degrees in other languages and words that only look like one', () => {
    expect(only('FORMATION\nLicence informatique, Université de Nantes', degree, 'degree')?.detail).toMatchObject({
      found: 'bachelor',
    })
    expect(only('Diplom-Informatiker, TU Dresden', degree, 'degree')?.detail).toMatchObject({ found: 'master' })
    expect(only('Grado en Ingeniería Informática', degree, 'degree')?.detail).toMatchObject({ found: 'bachelor' })
    expect(only('Certified Scrum Master; owned the master data service.', degree, 'degree')).toBeUndefined()
    expect(only('Web Development (Master): HTML, CSS', degree, 'degree')).toBeUndefined()
    // A university without a named degree is weak evidence, and only under an education heading.
    expect(only('EDUCATION\nUniversity of Leeds, 2008 – 2011', degree, 'degree')).toMatchObject({
      rating: 'partial',
      detail: { found: 'unspecified' },
    })
    expect(only('Worked with the University of Leeds on a pilot.', degree, 'degree')).toBeUndefined()
  })

  it('says nothing about items that ask for no degree', () => {
    expect(only('MSc Computer Science', requirement('Strong PostgreSQL skills'), 'degree')).toBeUndefined()
  })
})

describe('spoken languages', () => {
  const english = requirement('You must be able to explain complex technical topics clearly in English')

  it('reads levels written next to a language, in several languages', () => {
    const cases: [string, string, 'met' | 'partial' | 'not_met'][] = [
      ['LANGUAGES\nEnglish C1, German A2', 'C1', 'met'],
      ['Langues : Anglais courant, Espagnol notions', 'courant', 'met'],
      ['Sprachen: Deutsch (Muttersprache), Englisch (gute Kenntnisse)', 'gute Kenntnisse', 'met'],
      ['Idiomas: Inglés B1', 'B1', 'partial'],
      ['Languages: English (basic)', 'basic', 'not_met'],
    ]
    for (const [text, level, rating] of cases) {
      const found = only(text, english, 'language:en')
      expect(found?.rating, text).toBe(rating)
      expect(found?.detail, text).toMatchObject({ language: 'en', level, basis: 'level' })
    }
  })

  it('uses the level the item asks for', () => {
    const fluentFrench = requirement('Français courant (C1) indispensable')
    expect(only('Langues : Français B2', fluentFrench, 'language:fr')?.rating).toBe('partial')
    expect(only('Langues : Français langue maternelle', fluentFrench, 'language:fr')?.rating).toBe('met')
    const two = requirement('Fluent English and German')
    const both = suggest('English (native), German — fluent', [two]).map((suggestion) => suggestion.key)
    expect(both).toEqual(['language:de', 'language:en'])
  })

  it('counts a language listed under a languages heading, or the language the résumé is written in', () => {
    expect(only('LANGUAGES\nEnglish\nPortuguese', english, 'language:en')).toMatchObject({
      rating: 'met',
      detail: { basis: 'listed', level: null },
    })
    const french = requirement('Vous devez parler français avec nos clients')
    const text = fixture('fr-developpeuse.txt').replace(/LANGUES[\s\S]*$/, '')
    // Being written in a language states no level: a reader rates it partial and asks (issue 17, item 7).
    expect(only(text, french, 'language:fr')).toMatchObject({
      rating: 'partial',
      ranges: [],
      detail: { basis: 'resume_language' },
    })
  })

  it('does not read a market or a nationality as a language requirement', () => {
    expect(suggest('German (native)', [requirement('Experience with German payroll rules')])).toEqual([])
    expect(only('Worked for a Polish bank.', english, 'language:pl')).toBeUndefined()
  })
})

describe('résumés written for the project', () => {
  const items = [
    requirement('9+ years of relevant experience as a Backend Engineer', { minYears: 9 }),
    requirement('Strong expertise in PostgreSQL and database design', { skills: [skill('PostgreSQL')] }),
    requirement('Experience with message queues such as Kafka or RabbitMQ', {
      skills: [skill('Kafka', 'RabbitMQ'), skill('RabbitMQ', 'Kafka')],
    }),
    requirement('Running services on Kubernetes in a public cloud (AWS or GCP)', {
      skills: [skill('Kubernetes'), skill('AWS', 'Google Cloud'), skill('Google Cloud', 'AWS')],
    }),
    requirement("Bachelor's or Master's degree in Computer Science"),
    requirement('Excellent written English'),
    requirement('Team lunches every Friday', { section: 'benefit', skills: [skill('PostgreSQL')] }),
  ]
  const byKey = (suggestions: SuggestionDto[]) =>
    Object.fromEntries(
      suggestions.map((s) => [`${items.findIndex((item) => item.id === s.requirementId)}:${s.key}`, s]),
    )

  it('an English résumé', () => {
    const text = fixture('en-backend.txt')
    const found = byKey(suggest(text, items))
    expect(Object.keys(found).sort()).toEqual([
      '0:years',
      '1:skills',
      '2:skills',
      '3:skills',
      '4:degree',
      '5:language:en',
    ])
    expect(found['0:years']?.detail).toMatchObject({ basis: 'roles', roles: 3, years: 12.9 })
    expect(marked(text, found['1:skills'])).toEqual(['Postgres'])
    expect(found['3:skills']?.rating).toBe('met')
    expect(marked(text, found['3:skills'])).toEqual(['k8s', 'AWS'])
    expect(found['4:degree']?.detail).toMatchObject({ found: 'master' })
    expect(found['5:language:en']?.detail).toMatchObject({ level: 'fluent' })
  })

  it('a French résumé', () => {
    const text = fixture('fr-developpeuse.txt')
    const found = byKey(suggest(text, items))
    // janv. 2020 – aujourd'hui, septembre 2016 – décembre 2019, avril 2016 à août 2016 (the internship overlaps nothing).
    expect(found['0:years']?.detail).toMatchObject({ basis: 'roles', roles: 3, years: 10.7 })
    expect(found['2:skills']?.detail).toMatchObject({ matches: [{ found: 'RabbitMQ', via: 'alternative' }] })
    expect(found['3:skills']).toMatchObject({ rating: 'partial', detail: { missing: ['AWS'] } })
    expect(found['4:degree']?.detail).toMatchObject({ found: 'master', text: "Diplôme d'ingénieur" })
    expect(found['5:language:en']).toMatchObject({ rating: 'met', detail: { level: 'courant' } })
  })

  it('a German résumé', () => {
    const text = fixture('de-entwickler.txt')
    const found = byKey(suggest(text, items))
    // 03/2019 – heute, 10/2015 bis 02/2019 and Okt. 2013 – März 2015: Oct 2013 … Nov 2026 without the gap.
    expect(found['0:years']?.detail).toMatchObject({ basis: 'roles', roles: 3, years: 12.7 })
    expect(marked(text, found['0:years'])).toEqual(['03/2019 – heute', '10/2015 bis 02/2019', 'Okt. 2013 – März 2015'])
    expect(marked(text, found['2:skills'])).toEqual(['Apache Kafka'])
    expect(found['3:skills']?.rating).toBe('met')
    expect(found['4:degree']?.detail).toMatchObject({ found: 'master', text: 'M.Sc.' })
    expect(found['5:language:en']?.detail).toMatchObject({ level: 'verhandlungssicher' })
  })

  it('a Spanish résumé', () => {
    const text = fixture('es-ingeniera.txt')
    const found = byKey(suggest(text, items))
    expect(found['0:years']).toMatchObject({ rating: 'partial', detail: { basis: 'roles', years: 7.8 } })
    expect(found['1:skills']).toBeUndefined()
    expect(found['4:degree']?.detail).toMatchObject({ found: 'bachelor' })
    // "Excellent" asks for more than B2.
    expect(found['5:language:en']).toMatchObject({ rating: 'partial', detail: { level: 'B2' } })
  })
})

describe('suggestEvidence', () => {
  it('is pure, keeps the most confident document per requirement, and skips empty texts', () => {
    const item = requirement('Kafka', { skills: [skill('Kafka')] })
    const documents = [
      { id: 1, text: 'SKILLS\nKafka' },
      { id: 2, text: 'EXPERIENCE\nAcme, 2020 – 2022\n- Kafka consumers in Go.' },
      { id: 3, text: '   ' },
    ]
    const first = suggestEvidence(documents, [item], { today })
    expect(first).toHaveLength(1)
    expect(first[0]?.documentId).toBe(2)
    expect(suggestEvidence(documents, [item], { today })).toEqual(first)
    expect(suggestEvidence([], [item], { today })).toEqual([])
  })

  it('handles a large, repetitive document', () => {
    const text = `${'2019 - 2019 - 2019 - Postgres - English C1 - '.repeat(20_000)}\n${'x'.repeat(200_000)}`
    const item = requirement('PostgreSQL, 5+ years', { skills: [skill('PostgreSQL')], minYears: 5 })
    const found = suggestEvidence([{ id: 1, text }], [item], { today })
    expect(found.map((suggestion) => suggestion.key)).toEqual(['skills', 'years'])
    expect(found[0]?.snippet.length).toBeLessThanOrEqual(240)
  })
})
