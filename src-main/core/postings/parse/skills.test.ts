import { describe, expect, it } from 'vitest'
import { canonicalSkillName, findSkills, skillAliasTable } from './skills'
import { skillVocabulary } from './skill-vocabulary'

const names = (text: string): string[] => findSkills(text).map((skill) => skill.name)

describe('findSkills', () => {
  it('maps aliases to canonical names', () => {
    expect(names('Postgres, k8s, RoR and JS')).toEqual(['PostgreSQL', 'Kubernetes', 'Ruby on Rails', 'JavaScript'])
    expect(names('Rails and Node.js, Vue.js, C++, C# and .NET')).toEqual([
      'Ruby on Rails',
      'Node.js',
      'Vue.js',
      'C++',
      'C#',
      '.NET',
    ])
    expect(names('Amazon Web Services and Google Cloud Platform')).toEqual(['AWS', 'Google Cloud'])
  })

  it('matches on word boundaries and respects case where a name is also a word', () => {
    expect(names('JavaScript only')).toEqual(['JavaScript'])
    expect(names('We react quickly and go the extra mile')).toEqual([])
    expect(names('Experience with React and Go')).toEqual(['React', 'Go'])
    expect(names('Research & development (R&D) budget')).toEqual([])
    expect(names('R, Python and Matlab')).toEqual(['R', 'Python', 'MATLAB'])
    expect(names('excellent communication, C-level stakeholders')).toEqual([])
  })

  it('reads "X (preferred) or free text" as an alternative', () => {
    expect(findSkills('Strong experience with Ruby on Rails (preferred) or comparable backend frameworks')).toEqual([
      { name: 'Ruby on Rails', alternatives: ['comparable backend frameworks'] },
    ])
  })

  it('gives every member of an "X, Y, or Z" group the others as alternatives', () => {
    expect(findSkills('Familiarity with vector databases (e.g., Qdrant, Pinecone, or Weaviate)')).toEqual([
      { name: 'Qdrant', alternatives: ['Pinecone', 'Weaviate', 'vector databases'] },
      { name: 'Pinecone', alternatives: ['Qdrant', 'Weaviate', 'vector databases'] },
      { name: 'Weaviate', alternatives: ['Qdrant', 'Pinecone', 'vector databases'] },
    ])
  })

  it('uses the category an example illustrates', () => {
    expect(
      findSkills(
        'background jobs (e.g., Sidekiq), caching layers (e.g., Redis), and cloud infrastructure (AWS preferred)',
      ),
    ).toEqual([
      { name: 'Sidekiq', alternatives: ['background jobs'] },
      { name: 'Redis', alternatives: ['caching layers'] },
      { name: 'AWS', alternatives: ['cloud infrastructure'] },
    ])
    expect(findSkills('JavaScript frameworks such as React and jQuery')).toEqual([
      { name: 'JavaScript', alternatives: [] },
      { name: 'React', alternatives: ['JavaScript frameworks'] },
      { name: 'jQuery', alternatives: ['JavaScript frameworks'] },
    ])
  })

  it('keeps "and" lists independent and treats slashes as alternatives', () => {
    expect(findSkills('Docker and Kubernetes')).toEqual([
      { name: 'Docker', alternatives: [] },
      { name: 'Kubernetes', alternatives: [] },
    ])
    expect(findSkills('HTML/CSS')).toEqual([
      { name: 'HTML', alternatives: ['CSS'] },
      { name: 'CSS', alternatives: ['HTML'] },
    ])
  })

  it('reads alternatives in other languages', () => {
    expect(findSkills('Erfahrung mit PostgreSQL oder MySQL').map((skill) => skill.alternatives)).toEqual([
      ['MySQL'],
      ['PostgreSQL'],
    ])
    expect(findSkills('Connaissance des services cloud AWS ou Azure').map((skill) => skill.alternatives)).toEqual([
      ['Azure'],
      ['AWS'],
    ])
    expect(findSkills('Ervaring met Java of Kotlin', 'nl').map((skill) => skill.alternatives)).toEqual([
      ['Kotlin'],
      ['Java'],
    ])
  })

  it('merges a skill named twice in a row', () => {
    expect(findSkills('AWS (Amazon Web Services)')).toEqual([{ name: 'AWS', alternatives: [] }])
  })
})

describe('the skill vocabulary', () => {
  it('exports an alias table that resolves every spelling', () => {
    expect(skillAliasTable.get('postgres')).toBe('PostgreSQL')
    expect(skillAliasTable.get('k8s')).toBe('Kubernetes')
    expect(canonicalSkillName('RoR')).toBe('Ruby on Rails')
    expect(canonicalSkillName('rails')).toBe('Ruby on Rails')
    expect(canonicalSkillName('js')).toBe('JavaScript')
    expect(canonicalSkillName('not a skill')).toBeNull()
  })

  it('has unique canonical names', () => {
    const seen = skillVocabulary.map((skill) => skill.name)
    expect(new Set(seen).size).toBe(seen.length)
  })
})
