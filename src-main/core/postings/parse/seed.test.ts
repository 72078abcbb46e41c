import { parsedPostingSchema, type ParsedPosting } from '@contract/posting-parse'
import { describe, expect, it } from 'vitest'
import { parsePosting } from './parse-posting'
import { itemWith, readFixture, textsOf } from './test-support'
import { readSeedPosting } from '../../testing/seed-posting'

/** The lines between one label line and the next, exactly as written. */
function linesUnder(text: string, label: string, nextLabel: string | null): string[] {
  const lines = text.split(/\r?\n/)
  const start = lines.indexOf(label)
  const end = nextLabel === null ? lines.length : lines.indexOf(nextLabel)
  return lines.slice(start + 1, end).filter((line) => line.trim() !== '')
}

function expectSeedShape(
  text: string,
  parsed: ParsedPosting,
  counts: { responsibility: number; requirement: number; nice: number; benefit: number },
): void {
  const lines = text.split(/\r?\n/)
  expect(parsedPostingSchema.parse(parsed)).toEqual(parsed)
  expect(parsed.language).toBe('en')
  expect(parsed.summary).toBe(lines[1])
  expect(textsOf(parsed, 'responsibility')).toEqual(linesUnder(text, 'Job Responsibility:', 'Requirements:'))
  expect(textsOf(parsed, 'requirement')).toEqual(linesUnder(text, 'Requirements:', 'Nice to have:'))
  expect(textsOf(parsed, 'nice_to_have')).toEqual(linesUnder(text, 'Nice to have:', 'What we offer:'))
  expect(textsOf(parsed, 'benefit')).toEqual(linesUnder(text, 'What we offer:', null))
  expect(textsOf(parsed, 'responsibility')).toHaveLength(counts.responsibility)
  expect(textsOf(parsed, 'requirement')).toHaveLength(counts.requirement)
  expect(textsOf(parsed, 'nice_to_have')).toHaveLength(counts.nice)
  expect(textsOf(parsed, 'benefit')).toHaveLength(counts.benefit)
  // The line about countries and languages is neither the summary nor an assessed item.
  const assessed = parsed.sections.filter((section) =>
    ['responsibility', 'requirement', 'nice_to_have'].includes(section.kind),
  )
  expect(assessed.flatMap((section) => section.items.map((item) => item.text))).not.toContain(lines[0])
  expect(parsed.summary).not.toContain(lines[0])
}

describe('the shared seed posting', () => {
  const text = readSeedPosting()

  it('has the sections, items and summary of the posting', () => {
    expectSeedShape(text, parsePosting(text), { responsibility: 12, requirement: 10, nice: 2, benefit: 7 })
  })

  it('reads years, preferences and skills from the requirements', () => {
    const parsed = parsePosting(text)
    expect(itemWith(parsed, '9+ years of relevant experience').minYears).toBe(9)
    const skills = parsed.sections.flatMap((section) => section.items.flatMap((item) => item.skills))
    const names = skills.map((skill) => skill.name)
    expect(names).toEqual(
      expect.arrayContaining([
        'Ruby on Rails',
        'PostgreSQL',
        'Sidekiq',
        'Redis',
        'AWS',
        'Qdrant',
        'Pinecone',
        'Weaviate',
      ]),
    )
    expect(skills.find((skill) => skill.name === 'Ruby on Rails')?.alternatives).toEqual([
      'comparable backend frameworks',
    ])
    expect(itemWith(parsed, 'Ruby on Rails').preferred).toBe(false)
    expect(itemWith(parsed, 'is highly valued').preferred).toBe(true)
    expect(itemWith(parsed, 'vector databases').preferred).toBe(true)
  })
})

describe('a posting shaped like the seed (project fixture)', () => {
  const text = readFixture('en-seed-like.txt')
  const parsed = parsePosting(text)

  it('has the sections, items and summary of the posting', () => {
    expectSeedShape(text, parsed, { responsibility: 5, requirement: 5, nice: 2, benefit: 3 })
    expect(parsed.title).toBeNull()
  })

  it('reads years, preferences and skills from the requirements', () => {
    expect(itemWith(parsed, '7+ years').minYears).toBe(7)
    expect(itemWith(parsed, 'Apache Airflow').skills).toEqual([
      { name: 'Apache Airflow', alternatives: ['comparable orchestrator'] },
    ])
    expect(itemWith(parsed, 'Kafka').skills.map((skill) => skill.name)).toEqual([
      'Kafka',
      'Amazon Kinesis',
      'Google Pub/Sub',
    ])
    expect(itemWith(parsed, 'columnar warehouses').skills[0]).toEqual({
      name: 'BigQuery',
      alternatives: ['Snowflake', 'Redshift', 'columnar warehouses'],
    })
    expect(itemWith(parsed, 'dbt').preferred).toBe(true)
  })
})
