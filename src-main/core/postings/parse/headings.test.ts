import { describe, expect, it } from 'vitest'
import { classifyHeading } from './headings'

describe('classifyHeading', () => {
  it.each([
    ["What you'll do", 'responsibility'],
    ['What You’ll Do:', 'responsibility'],
    ['Key Responsibilities', 'responsibility'],
    ['Job Responsibility', 'responsibility'],
    ['Your role', 'responsibility'],
    ['Vos missions', 'responsibility'],
    ['Deine Aufgaben', 'responsibility'],
    ['Ihre Aufgaben', 'responsibility'],
    ['Responsabilidades', 'responsibility'],
    ['Wat ga je doen?', 'responsibility'],
    ['Requirements', 'requirement'],
    ['Requirments', 'requirement'],
    ['Qualifications', 'requirement'],
    ['Must have', 'requirement'],
    ['What we’re looking for', 'requirement'],
    ['About you', 'requirement'],
    ['Who you are', 'requirement'],
    ['Profil recherché', 'requirement'],
    ['Compétences', 'requirement'],
    ['Dein Profil', 'requirement'],
    ['Das bringst du mit', 'requirement'],
    ['Requisitos', 'requirement'],
    ['Wie ben jij', 'requirement'],
    ['Functie-eisen', 'requirement'],
    ['Nice to have', 'nice_to_have'],
    ['Nice-to-have', 'nice_to_have'],
    ['Bonus points', 'nice_to_have'],
    ['Preferred qualifications', 'nice_to_have'],
    ['Deseable', 'nice_to_have'],
    ['Desejável', 'nice_to_have'],
    ['Diferenciais', 'nice_to_have'],
    ['Atouts', 'nice_to_have'],
    ['Wünschenswert', 'nice_to_have'],
    ['Benefits', 'benefit'],
    ['Perks', 'benefit'],
    ['What we offer', 'benefit'],
    ['Avantages', 'benefit'],
    ['Wir bieten', 'benefit'],
    ['Dafür bieten wir Dir', 'benefit'],
    ['Ofrecemos', 'benefit'],
    ['Benefícios', 'benefit'],
    ['Wat bieden wij', 'benefit'],
    ['About us', 'about'],
    ['Über uns', 'about'],
    ['Qui sommes-nous ?', 'about'],
    ['Sobre nosotros', 'about'],
    ['Over ons', 'about'],
    ['Company description', 'about'],
    ['About the role', 'other'],
    ['Job description', 'other'],
    ['How to apply', 'apply'],
    ['Equal opportunity employer', 'apply'],
    ['Requirements for applicants', 'requirement'],
    ['Management Accounting', null],
  ])('%s → %s', (heading, kind) => {
    expect(classifyHeading(heading).kind).toBe(kind)
  })

  it('marks headings that make their items knock-out criteria', () => {
    expect(classifyHeading('Must have').must).toBe(true)
    expect(classifyHeading('REQUIRED QUALIFICATIONS').must).toBe(true)
    expect(classifyHeading('Compétences techniques requises').must).toBe(true)
    expect(classifyHeading('Requirements').must).toBe(false)
  })
})
