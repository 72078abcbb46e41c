import { describe, expect, it } from 'vitest'
import { detectLanguage } from './language'
import { parsePosting } from './parse-posting'
import { itemWith, kindOf, readFixture, textsOf } from './test-support'

describe('postings in six languages', () => {
  it('French: setext headings with emoji, missions, profil, compétences, avantages', () => {
    const parsed = parsePosting(readFixture('fr-developpeur.md'))
    expect(parsed.language).toBe('fr')
    expect(parsed.title).toBe('Développeuse / Développeur Backend Python')
    expect(parsed.summary).toMatch(/^Atelier Lumen conçoit/)
    expect(parsed.sections.map((section) => [section.heading, section.kind])).toEqual([
      ['QUI SOMMES-NOUS ?', 'about'],
      ['VOS MISSIONS', 'responsibility'],
      ['PROFIL RECHERCHÉ', 'requirement'],
      ['Compétences appréciées', 'nice_to_have'],
      ['AVANTAGES', 'benefit'],
      ['AVANTAGES', 'other'],
    ])
    expect(textsOf(parsed, 'responsibility')).toHaveLength(4)
    expect(itemWith(parsed, '4+ ans').minYears).toBe(4)
    expect(itemWith(parsed, 'indispensable').mustHave).toBe(true)
    expect(itemWith(parsed, 'serait un plus')).toMatchObject({ mustHave: false, preferred: true })
    expect(textsOf(parsed, 'nice_to_have')).toEqual(['Connaissance de Vue.js', "Notions d'accessibilité web"])
    expect(kindOf(parsed, 'Type de contrat')).toBe('other')
    expect(kindOf(parsed, 'Salaire')).toBe('other')
  })

  it('German: TOML front matter, Über uns, Deine Aufgaben, Das bringst du mit, Wir bieten', () => {
    const parsed = parsePosting(readFixture('de-backend.md'))
    expect(parsed.language).toBe('de')
    expect(parsed.summary).toMatch(/suchen wir/)
    expect(kindOf(parsed, 'Wir sind 35 Menschen')).toBe('about')
    expect(textsOf(parsed, 'responsibility')).toHaveLength(3)
    expect(textsOf(parsed, 'requirement')).toHaveLength(4)
    expect(itemWith(parsed, 'Mindestens 3 Jahre').minYears).toBe(3)
    expect(itemWith(parsed, 'zwingend erforderlich').mustHave).toBe(true)
    expect(itemWith(parsed, 'wünschenswert')).toMatchObject({ mustHave: false, preferred: true })
    expect(itemWith(parsed, 'PostgreSQL oder MySQL').skills).toEqual([
      { name: 'PostgreSQL', alternatives: ['MySQL'] },
      { name: 'MySQL', alternatives: ['PostgreSQL'] },
    ])
    expect(textsOf(parsed, 'benefit')).toEqual([
      '30 Tage Urlaub',
      'Flexible Arbeitszeiten und Homeoffice',
      'Ein Jobticket für den Nahverkehr',
    ])
    expect(kindOf(parsed, 'Bewerbung')).toBe('other')
  })

  it('Spanish: plain label headings, numbered lists, Deseable, Ofrecemos', () => {
    const parsed = parsePosting(readFixture('es-analista.txt'))
    expect(parsed.language).toBe('es')
    expect(parsed.title).toBe('Analista de Datos Senior')
    expect(parsed.summary).toMatch(/^En Mercado Verde/)
    expect(textsOf(parsed, 'responsibility')).toHaveLength(3)
    expect(itemWith(parsed, 'Al menos 3 años').minYears).toBe(3)
    expect(itemWith(parsed, 'imprescindible')).toMatchObject({ mustHave: true, preferred: false })
    expect(textsOf(parsed, 'nice_to_have')).toHaveLength(2)
    expect(itemWith(parsed, 'Se valorará').preferred).toBe(true)
    expect(textsOf(parsed, 'benefit')).toHaveLength(3)
    expect(kindOf(parsed, 'Para postular')).toBe('other')
  })

  it('Portuguese: markdown headings, Requisitos, Diferenciais, Benefícios', () => {
    const parsed = parsePosting(readFixture('pt-desenvolvedor.md'))
    expect(parsed.language).toBe('pt')
    expect(parsed.title).toBe('Pessoa Desenvolvedora Mobile Pleno')
    expect(parsed.sections.map((section) => section.kind)).toEqual([
      'about',
      'responsibility',
      'requirement',
      'nice_to_have',
      'benefit',
    ])
    expect(itemWith(parsed, 'pelo menos 2 anos').minYears).toBe(2)
    expect(itemWith(parsed, '(obrigatório)').mustHave).toBe(true)
    expect(itemWith(parsed, 'é um diferencial').preferred).toBe(true)
    expect(itemWith(parsed, 'Kotlin ou Swift').skills.map((skill) => skill.name)).toEqual(['Kotlin', 'Swift'])
  })

  it('Dutch: bold pseudo-headings, Wat ga je doen, Wie ben jij, Functie-eisen, Wat bieden wij', () => {
    const parsed = parsePosting(readFixture('nl-ontwikkelaar.txt'))
    expect(parsed.language).toBe('nl')
    expect(parsed.title).toBe('Frontend Ontwikkelaar (32-40 uur)')
    expect(parsed.sections.map((section) => [section.heading, section.kind])).toEqual([
      ['Wat ga je doen', 'responsibility'],
      ['Wie ben jij?', 'requirement'],
      ['Functie-eisen', 'requirement'],
      ['Wat bieden wij', 'benefit'],
      ['Wat bieden wij', 'other'],
    ])
    expect(itemWith(parsed, 'Minimaal 3 jaar').minYears).toBe(3)
    expect(itemWith(parsed, 'is vereist').mustHave).toBe(true)
    expect(itemWith(parsed, 'is een pré').preferred).toBe(true)
    expect(kindOf(parsed, 'salaris')).toBe('benefit')
  })

  it('English: every English fixture is detected as English', () => {
    for (const name of [
      'en-markdown.md',
      'en-allcaps-crlf.txt',
      'en-broken.html',
      'en-pasted.txt',
      'en-seed-like.txt',
    ]) {
      expect(parsePosting(readFixture(name)).language).toBe('en')
    }
  })
})

describe('detectLanguage', () => {
  it.each([
    ['en', 'We are looking for an engineer who will work with our team on the platform.'],
    ['fr', 'Nous recherchons une personne pour rejoindre notre équipe et vous aurez des missions variées.'],
    ['de', 'Wir suchen eine Person, die mit uns und unserem Team an der Plattform arbeitet.'],
    ['es', 'Buscamos una persona para el equipo de desarrollo con experiencia en los sistemas.'],
    ['pt', 'Estamos à procura de uma pessoa para a nossa equipe com experiência em desenvolvimento.'],
    ['nl', 'Wij zoeken een collega voor ons team met ervaring in het bouwen van de app.'],
  ])('detects %s', (language, text) => {
    expect(detectLanguage(text)).toBe(language)
  })

  it('falls back to English for text without function words', () => {
    expect(detectLanguage('SQL, AWS, Kubernetes')).toBe('en')
  })
})
