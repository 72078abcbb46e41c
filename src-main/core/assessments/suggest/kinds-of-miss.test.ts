import type { SuggestionDto } from '@contract/assessments'
import type { SkillDto } from '@contract/postings'
import { describe, expect, it } from 'vitest'
import { suggestEvidence, type SuggestRequirement } from './suggest'

// Each test is one kind of miss a careful reader would not make, with a text written for the project.
const today = new Date('2026-11-15T00:00:00Z')
let nextId = 1
const item = (text: string, options: { skills?: SkillDto[]; minYears?: number } = {}): SuggestRequirement => ({
  id: nextId++,
  section: 'requirement',
  text,
  minYears: options.minYears ?? null,
  skills: options.skills ?? [],
})
const skill = (name: string, ...alternatives: string[]): SkillDto => ({ name, alternatives })
const one = (text: string, requirement: SuggestRequirement, key: string): SuggestionDto | undefined =>
  suggestEvidence([{ id: 3, text }], [requirement], { today }).find((suggestion) => suggestion.key === key)
const marked = (text: string, suggestion: SuggestionDto | undefined) =>
  (suggestion?.ranges ?? []).map((range) => text.slice(range.start, range.end))

const backendYears = () => item('9+ years of relevant experience as a Backend Engineer', { minYears: 9 })

describe('dates and stated years', () => {
  it('reads full ISO dates on a line of their own, under the title', () => {
    const text = ['WORK', 'Lindenhof Bank — Senior Backend Engineer', '2014-05-01 - Present'].join('\n')
    const years = one(text, backendYears(), 'years')
    expect(years).toMatchObject({ rating: 'met', detail: { basis: 'roles', years: 12.6, roles: 1 } })
    expect(marked(text, years)).toEqual(['2014-05-01 - Present'])
  })

  it('reads years stated without the word "experience"', () => {
    const found = one('PROFILE\n10+ years building payment backends in Java.', backendYears(), 'years')
    expect(found).toMatchObject({ rating: 'met', detail: { basis: 'stated', years: 10 } })
    expect(one('Joined 3 years ago, moving fast.', backendYears(), 'years')).toBeUndefined()
  })
})

describe('years that count only what the item asks', () => {
  it('does not count a frontend career for years as a backend engineer', () => {
    const text = [
      'EXPERIENCE',
      'Orchard Studio — Senior Frontend Engineer, 2012 – present',
      '- React and TypeScript for the shop.',
    ].join('\n')
    expect(one(text, backendYears(), 'years')).toBeUndefined()
  })

  it('does not count careers outside software whose titles say so', () => {
    const text = [
      'EXPERIENCE',
      'Mersey Works — Civil Engineer, 2010 – present',
      'Hale & Co — Advocate, 2005 – 2010',
    ].join('\n')
    expect(one(text, backendYears(), 'years')).toBeUndefined()
  })

  it('counts operations roles as related: partial at most', () => {
    const text = ['EXPERIENCE', 'Ferrovia — Site Reliability Engineer, 2014 – present'].join('\n')
    const years = one(text, backendYears(), 'years')
    expect(years).toMatchObject({ rating: 'partial', detail: { years: 0, related: 12.9 } })
    expect(years?.reason).toContain('in 1 related role')
  })

  it('leaves open source, talks, teaching and bootcamps out of employment years', () => {
    const text = [
      'EXPERIENCE',
      'Kestrel Freight — Backend Engineer, 2021 – present',
      'ACTIVITIES',
      'Maintainer of an open-source queue library, 2010 – present',
      'Lecturer, Databases, evening classes, 2012 – 2020',
      'Coding bootcamp, 2020 – 2020',
    ].join('\n')
    expect(one(text, backendYears(), 'years')).toMatchObject({ rating: 'not_met', detail: { years: 5.9, roles: 1 } })
  })

  it('keeps the roles of a résumé extracted as one line, and leaves its studies out', () => {
    const text =
      'Ana Ruiz Backend Engineer Experience Senior Backend Engineer, Mirador Pay 2016 - present Payments in Go. ' +
      'Backend Developer, Tessera 2013 - 2016 Billing in Ruby. Education BSc Computer Science, University of Leeds 2009 - 2013'
    expect(one(text, backendYears(), 'years')).toMatchObject({ rating: 'met', detail: { years: 13.9, roles: 2 } })
  })

  it('prefers dated roles over a claim in the summary, and says they disagree', () => {
    const text = [
      'SUMMARY',
      'Backend engineer with 14 years of experience.',
      'EXPERIENCE',
      'Northgate Apps — Backend Developer, 2023 – present',
    ].join('\n')
    const years = one(text, backendYears(), 'years')
    expect(years).toMatchObject({ rating: 'not_met', detail: { basis: 'roles', years: 3.9, claimed: 14 } })
    expect(years?.reason).toContain('the résumé states 14 years, which its dated roles do not show')
    expect(marked(text, years)).toEqual(['14 years of experience', '2023 – present'])
  })

  it('counts only lead roles in support for years leading a support team', () => {
    const lead = item('At least 2 years leading or coaching a support team', { minYears: 2 })
    const text = [
      'EXPERIENCE',
      'Brightdesk — Customer Support Team Lead, 2022 – present',
      'Brightdesk — Customer Support Agent, 2018 – 2021',
      'Blue Kettle Café — Shift Supervisor, 2015 – 2018',
    ].join('\n')
    expect(one(text, lead, 'years')).toMatchObject({ rating: 'met', detail: { years: 4.9, roles: 1 } })
  })
})

describe('categories and their members', () => {
  const nosql = () =>
    item('Familiarity with NoSQL or vector databases (e.g., Qdrant, Pinecone, or Weaviate)', {
      skills: [
        skill('NoSQL', 'vector databases'),
        skill('Qdrant', 'Pinecone', 'Weaviate', 'NoSQL or vector databases'),
      ],
    })

  it('counts MongoDB, Redis, DynamoDB or Cassandra as NoSQL', () => {
    for (const store of ['MongoDB', 'Redis', 'DynamoDB', 'Cassandra']) {
      const text = `EXPERIENCE\nAcme — Engineer, 2020 – present\n- Session store on ${store}.`
      const found = one(text, nosql(), 'skills')
      expect(found?.rating, store).toBe('met')
      expect(found?.detail, store).toMatchObject({ matches: [{ skill: 'NoSQL', found: store, via: 'category' }] })
    }
  })

  it('counts machine-learning work for AI/ML services', () => {
    const aiml = item('Familiarity with modern AI/ML services or data-intensive workflows is desirable')
    const cases = [
      '- Built speech-to-text for the call centre.',
      '- OCR pipeline for scanned invoices.',
      '- Product recommender for 2 million shoppers.',
      '- Delivered AI solutions for retail clients.',
      '- Entwicklung eines Empfehlungssystems für Textbausteine.',
    ]
    for (const line of cases) {
      expect(one(`EXPERIENCE\n${line}`, aiml, 'skills')?.rating, line).toBe('met')
    }
    expect(one('EXPERIENCE\n- Payroll reports in Excel.', aiml, 'skills')).toBeUndefined()
  })

  it('reads CI/CD, testing and APIs in the résumé’s own words, French included', () => {
    const cicd = item('Solid CI/CD practices', { skills: [skill('CI/CD')] })
    const text =
      'EXPÉRIENCES\nRivage — Développeuse, 2019 – aujourd’hui\n- Mise en place de GitLab CI/CD et du déploiement continu.'
    expect(one(text, cicd, 'skills')?.rating).toBe('met')
    const testing = item('Good testing strategies')
    expect(one('EXPERIENCE\n- Wrote contract tests and a test pyramid with RSpec.', testing, 'skills')?.rating).toBe(
      'met',
    )
    const apis = item('Proven experience designing and implementing scalable APIs')
    expect(one('EXPERIENCE\n- Designed the public REST API for partners.', apis, 'skills')?.rating).toBe('met')
    // Using someone else's API is not designing one.
    const consumed = one('EXPERIENCE\n- Consumed the GraphQL APIs of the backend team.', apis, 'skills')
    expect(consumed).toMatchObject({ rating: 'partial', detail: { shallow: ['APIs'] } })
  })

  it('credits leading an initiative across teams, not a title with "lead" in it', () => {
    const leading = item('Experience leading technical initiatives or large refactors across teams')
    expect(
      one('EXPERIENCE\n- Led the split of the billing monolith across four teams.', leading, 'skills')?.rating,
    ).toBe('met')
    expect(one('EXPERIENCE\n- On-call lead for the card path.', leading, 'skills')).toBeUndefined()
  })
})

describe('depth of evidence', () => {
  const postgres = () => item('Strong expertise in PostgreSQL and database design', { skills: [skill('PostgreSQL')] })

  it('rates partial a skill that only a skills list names, where the item asks for strong expertise', () => {
    const text = 'SKILLS\nPostgreSQL, Redis, Docker, Git'
    const found = one(text, postgres(), 'skills')
    expect(found).toMatchObject({
      rating: 'partial',
      detail: { missing: ['database design'], shallow: ['PostgreSQL'] },
    })
    const described = 'EXPERIENCE\n- Designed the PostgreSQL schema and its partitioning for 2 billion rows.'
    const deep = one(described, postgres(), 'skills')
    expect(deep?.rating).toBe('met')
    expect(deep?.confidence ?? 0).toBeGreaterThan(found?.confidence ?? 1)
  })

  it('rates partial a four-part item that one keyword touches', () => {
    const practices = item(
      'Deep understanding of software design principles, testing strategies, CI/CD, and backend reliability practices',
      { skills: [skill('CI/CD')] },
    )
    const found = one('SKILLS\nContinuous integration', practices, 'skills')
    expect(found?.rating).toBe('partial')
    expect(found?.detail.kind === 'skill' && [...found.detail.missing].sort()).toEqual([
      'reliability practices',
      'software design',
      'testing',
    ])
  })
})

describe('degrees', () => {
  const cs = () => item('Bachelor’s or Master’s degree in Computer Science or equivalent practical experience')

  it('compares the field, not only the level', () => {
    const hospitality = one('EDUCATION\nBachelor in Hospitality Management, 2015', cs(), 'degree')
    expect(hospitality).toMatchObject({ rating: 'partial', detail: { fieldMatches: false, field: 'Hospitality' } })
    expect(hospitality?.reason).toContain('not a field the item names')
    const business = item("Bachelor's degree in Business, Communication or a related field")
    expect(one('EDUCATION\nBachelors in Hospitality Management, 2015', business, 'degree')?.rating).toBe('met')
  })

  it('reads BSCS, Bachelors, MSc and B.Tech', () => {
    const cases: [string, string][] = [
      ['BSCS, Universidad de los Andes', 'bachelor'],
      ['Bachelors in Computer Science', 'bachelor'],
      ['MSc Computer Science', 'master'],
      ['B.Tech in Computer Engineering', 'bachelor'],
    ]
    for (const [text, level] of cases) {
      expect(one(`EDUCATION\n${text}`, cs(), 'degree'), text).toMatchObject({ rating: 'met', detail: { found: level } })
    }
  })

  it('credits "or equivalent practical experience" from years in the field', () => {
    const text = [
      'EXPERIENCE',
      'Quarry Labs — Software Engineer, 2016 – present',
      'EDUCATION',
      'Bachelor of Fine Arts in Sculpture, 2012',
    ].join('\n')
    expect(one(text, cs(), 'degree')).toMatchObject({ rating: 'met', detail: { equivalentYears: 10.9 } })
    expect(one('EXPERIENCE\nQuarry Labs — Software Engineer, 2016 – present', cs(), 'degree')).toMatchObject({
      rating: 'met',
      detail: { found: 'unspecified', equivalentYears: 10.9 },
    })
    // Without "equivalent", years do not stand in for the degree.
    const strict = item("Bachelor's degree in Computer Science")
    expect(one(text, strict, 'degree')?.rating).toBe('partial')
  })
})

describe('context', () => {
  it('ignores the words of a template’s instructions', () => {
    const text = [
      'EXPERIENCE',
      'Backend Developer, 2023 – present',
      '[Describe your responsibilities here. Mention technologies such as PostgreSQL, Kafka or AWS.]',
      'Tip: recruiters look for Ruby on Rails and CI/CD.',
      'EDUCATION',
      '[Degree, e.g. Bachelor of Science in Computer Science], [University], [Year]',
    ].join('\n')
    const requirements = [
      item('Strong expertise in PostgreSQL', { skills: [skill('PostgreSQL')] }),
      item('Ruby on Rails', { skills: [skill('Ruby on Rails')] }),
      item("Bachelor's degree in Computer Science"),
    ]
    expect(suggestEvidence([{ id: 1, text }], requirements, { today })).toEqual([])
    // Brackets that hold content are read.
    expect(one('EXPERIENCE\n- Moved jobs to Sidekiq [with Redis].', item('Redis caching'), 'skills')?.rating).toBe(
      'met',
    )
  })
})

describe('spoken languages (issue 17, item 7)', () => {
  const fluentEnglish = item('Fluent written and spoken English (C1 or above)')
  const words =
    'I answer customers by e-mail and chat, and I write the help articles for the team. ' +
    'I like to keep the tone calm and clear, and I train the new agents on the tools we use every day. '

  it('does not rate met a language the résumé is merely written in', () => {
    const found = one(`ABOUT\n${words.repeat(3)}`, fluentEnglish, 'language:en')
    expect(found).toMatchObject({ rating: 'partial', detail: { basis: 'resume_language' } })
    expect(found?.reason).toContain('states no level')
  })

  it('rates partial a language listed without a level where the item asks for more than B2', () => {
    expect(one('LANGUAGES\nEnglish, Twi', fluentEnglish, 'language:en')).toMatchObject({
      rating: 'partial',
      detail: { basis: 'listed' },
    })
    expect(one('LANGUAGES\nEnglish — C2', fluentEnglish, 'language:en')?.rating).toBe('met')
  })
})
