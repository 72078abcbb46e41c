import { parsedPostingSchema } from '@contract/posting-parse'
import { describe, expect, it } from 'vitest'
import { parsePosting } from './parse-posting'
import { itemWith, kindOf, readFixture, textsOf } from './test-support'

describe('parsePosting: plain text', () => {
  it('reads one item per line under plain label headings', () => {
    const parsed = parsePosting(
      [
        'Responsibilities:',
        'Plan the weekly roster',
        'Order stock for the kitchen',
        'Requirements:',
        'Food safety certificate',
        'Two years in a busy kitchen',
      ].join('\n'),
    )
    expect(textsOf(parsed, 'responsibility')).toEqual(['Plan the weekly roster', 'Order stock for the kitchen'])
    expect(textsOf(parsed, 'requirement')).toEqual(['Food safety certificate', 'Two years in a busy kitchen'])
  })

  it('recognises bare heading lines even without blank lines around them', () => {
    const parsed = parsePosting(readFixture('en-pasted.txt'))
    expect(parsed.title).toBe('Product Designer')
    expect(parsed.summary).toBe(
      'We design tools that help small farms plan their harvest. You will join a team of three designers.',
    )
    expect(textsOf(parsed, 'responsibility')).toHaveLength(2)
    expect(textsOf(parsed, 'requirement')).toEqual([
      '3-5 years of product design experience',
      'A portfolio with shipped mobile work',
      'Figma',
    ])
    expect(textsOf(parsed, 'benefit')).toEqual(['Flexible hours', 'Equity for every employee'])
  })

  it('handles ALL-CAPS labels with text after the colon, CRLF line endings and hard-wrapped lines', () => {
    const text = readFixture('en-allcaps-crlf.txt')
    expect(text).toContain('\r\n')
    const parsed = parsePosting(text)
    expect(parsed.title).toBe('Warehouse Shift Supervisor')
    expect(parsed.summary).toBe(
      'Harbor Freight Logistics is looking for a shift supervisor to lead a team of twelve warehouse operators on the evening shift. The supervisor plans the shift, keeps the floor safe and reports to the site manager.',
    )
    expect(textsOf(parsed, 'responsibility')).toEqual([
      'Plan the evening shift, assign operators to inbound, picking and outbound areas and adjust the plan when trucks arrive late;',
      'Run the safety briefing at the start of every shift;',
      'Train new operators on scanners, forklifts and the warehouse management system;',
      'Report shift results and incidents to the site manager.',
    ])
    expect(textsOf(parsed, 'requirement')).toHaveLength(4)
    expect(itemWith(parsed, 'At least 3 years').minYears).toBe(3)
    expect(kindOf(parsed, 'REMUNERATION')).toBe('other')
    expect(kindOf(parsed, 'Please send your CV')).toBe('other')
    expect(kindOf(parsed, 'APPLICATION DEADLINE')).toBe('other')
  })

  it('joins continuation lines of a bullet and splits bullets flattened onto one line', () => {
    const parsed = parsePosting(
      [
        'Requirements',
        '- Experience with payment systems and',
        '  reconciliation of card transactions',
        '- English',
        '',
        'Benefits',
        '• Lunch • Parking • A train pass',
      ].join('\n'),
    )
    expect(textsOf(parsed, 'requirement')).toEqual([
      'Experience with payment systems and reconciliation of card transactions',
      'English',
    ])
    expect(textsOf(parsed, 'benefit')).toEqual(['Lunch', 'Parking', 'A train pass'])
  })
})

describe('parsePosting: headings inside lists', () => {
  it('ends a list at a bare heading line even without a blank line', () => {
    const parsed = parsePosting(
      ['Requirements', '- Forklift licence', '- Night shifts', 'Benefits', '- Free parking'].join('\n'),
    )
    expect(textsOf(parsed, 'requirement')).toEqual(['Forklift licence', 'Night shifts'])
    expect(textsOf(parsed, 'benefit')).toEqual(['Free parking'])
  })
})

describe('parsePosting: bullets and numbering', () => {
  it.each([
    ['-', ['- one duty', '- another duty']],
    ['*', ['* one duty', '* another duty']],
    ['+', ['+ one duty', '+ another duty']],
    ['•', ['• one duty', '• another duty']],
    ['▪', ['▪ one duty', '▪ another duty']],
    ['1.', ['1. one duty', '2. another duty']],
    ['1)', ['1) one duty', '2) another duty']],
    ['(1)', ['(1) one duty', '(2) another duty']],
    ['a)', ['a) one duty', 'b) another duty']],
    ['o', ['o one duty', 'o another duty']],
    ['emoji', ['✅ one duty', '✅ another duty']],
  ])('strips %s markers', (_marker, lines) => {
    const parsed = parsePosting(['## Responsibilities', '', ...lines].join('\n'))
    expect(textsOf(parsed, 'responsibility')).toEqual(['one duty', 'another duty'])
  })

  it('merges sub-bullets into their parent item', () => {
    const parsed = parsePosting(readFixture('en-markdown.md'))
    expect(itemWith(parsed, 'self-service tooling').text).toBe(
      'Build self-service tooling so product teams can ship without waiting on us: a service template with logging, metrics and alerts built in; preview environments for every merge request',
    )
    expect(textsOf(parsed, 'responsibility')).toHaveLength(4)
  })

  it('merges Word-style "o" sub-bullets and lettered sub-items', () => {
    const dutch = parsePosting(readFixture('nl-ontwikkelaar.txt'))
    expect(itemWith(dutch, 'React-webapp').text).toBe(
      'Je bouwt nieuwe schermen in onze React-webapp: samen met de ontwerper en de backend-ontwikkelaars; van eerste schets tot release',
    )
    const spanish = parsePosting(readFixture('es-analista.txt'))
    expect(textsOf(spanish, 'responsibility')).toEqual([
      'Construir y mantener tableros de seguimiento de pedidos y entregas.',
      'Analizar la demanda por región y proponer mejoras logísticas: Identificar cuellos de botella en la preparación de pedidos; Estimar el impacto de cada mejora',
      'Presentar resultados al equipo directivo cada mes.',
    ])
  })

  it('keeps a line starting with the word "o" as text when no list is around', () => {
    const parsed = parsePosting(
      ['Sobre nós', '', 'o time de dados cresce rápido e procura novas pessoas para o projeto.'].join('\n'),
    )
    const texts = [parsed.summary, ...parsed.sections.flatMap((section) => section.items.map((item) => item.text))]
    expect(texts).toContain('o time de dados cresce rápido e procura novas pessoas para o projeto.')
  })
})

describe('parsePosting: markdown', () => {
  const parsed = parsePosting(readFixture('en-markdown.md'))

  it('takes the title from YAML front matter and drops the repeated heading', () => {
    expect(parsed.title).toBe('Senior Platform Engineer')
    expect(parsed.sections.map((section) => section.heading)).not.toContain('Senior Platform Engineer')
  })

  it('joins a soft-wrapped paragraph into the summary', () => {
    expect(parsed.summary).toBe(
      'Northwind Labs builds scheduling software for small clinics. We are looking for a platform engineer who enjoys making other engineers faster and calmer.',
    )
  })

  it('recognises #, bold (**, __) and setext (=== / ---) headings', () => {
    expect(parsed.sections.map((section) => [section.heading, section.kind])).toEqual([
      ['Platform at a glance', 'other'],
      ["What you'll do", 'responsibility'],
      ['Requirements', 'requirement'],
      ['Bonus', 'nice_to_have'],
      ['Benefits', 'benefit'],
      ['About us', 'about'],
      ['About us', 'other'],
    ])
  })

  it('strips emphasis, keeps numbering out of items and handles mixed 1. / 1) numbering', () => {
    expect(textsOf(parsed, 'requirement')).toEqual([
      'At least 5 years of experience running production systems on Linux',
      'Strong knowledge of Terraform and one of AWS, GCP or Azure',
      'You must be comfortable being on call one week in six',
      'Experience with Postgres tuning and backups',
    ])
  })

  it('keeps equal-opportunity and how-to-apply text out of every item list that is assessed', () => {
    expect(kindOf(parsed, 'equal opportunity employer')).toBe('other')
    expect(kindOf(parsed, 'Send your CV')).toBe('other')
    expect(kindOf(parsed, 'Salary band')).toBe('benefit')
  })

  it('reads bold pseudo-headings with a colon and key-value lines', () => {
    const text = [
      '**Senior Analyst**',
      '',
      '**Key Responsibilities:**',
      '- Build the monthly forecast',
      '',
      '**Location:** Berlin',
      '**Employment Type:** Full-time',
    ].join('\n')
    const result = parsePosting(text)
    expect(result.title).toBe('Senior Analyst')
    expect(textsOf(result, 'responsibility')).toEqual(['Build the monthly forecast'])
    expect(textsOf(result, 'other')).toEqual(['Location: Berlin', 'Employment Type: Full-time'])
  })

  it('treats a bold line inside benefits as a perk, not as a new section', () => {
    const result = parsePosting(
      ['## Benefits', '', '**FULLY REMOTE**', '', '**LEARNING** - a yearly budget for books and courses', ''].join(
        '\n',
      ),
    )
    expect(textsOf(result, 'benefit')).toEqual(['FULLY REMOTE', 'LEARNING - a yearly budget for books and courses'])
  })

  it('takes the title from TOML front matter', () => {
    const result = parsePosting(readFixture('de-backend.md'))
    expect(result.title).toBe('Backend-Entwickler Java')
  })

  it('removes a "Job Description —" prefix from a title heading', () => {
    const result = parsePosting('# Job Description — Staff Engineer (Payments)\n\n## Requirements\n- Go\n')
    expect(result.title).toBe('Staff Engineer (Payments)')
  })
})

describe('parsePosting: HTML', () => {
  const parsed = parsePosting(readFixture('en-broken.html'))

  it('reads headings, lists and paragraphs from broken HTML', () => {
    expect(parsed.title).toBe('Customer Success Lead')
    expect(parsed.summary).toBe(
      'Brightpath helps schools run their timetables. We are hiring a Customer Success Lead to look after our largest school groups.',
    )
    expect(textsOf(parsed, 'responsibility')).toEqual([
      'Own the relationship with 30 school groups',
      'Run quarterly reviews & training sessions: on site; online',
      'Turn feedback into clear requests for the product team',
    ])
    expect(textsOf(parsed, 'requirement')).toEqual([
      '3+ years in customer success or account management',
      'Fluent English — French is a plus',
      'Experience with Salesforce or HubSpot',
    ])
    expect(textsOf(parsed, 'benefit')).toEqual(['28 days of holiday', 'Laptop and phone'])
  })

  it('keeps no script, style, event handler or image', () => {
    const json = JSON.stringify(parsed)
    for (const fragment of ['track', 'Injected', 'color: red', 'alert', 'x.png', 'onclick', '<'])
      expect(json).not.toContain(fragment)
  })

  it('treats <strong> on its own line in markdown as a heading', () => {
    const result = parsePosting(
      [
        '<strong>Vos missions</strong>',
        '',
        '- Animer les ateliers',
        '',
        '<strong>Avantages</strong>',
        '- Mutuelle',
      ].join('\n'),
    )
    expect(result.sections.map((section) => [section.heading, section.kind])).toEqual([
      ['Vos missions', 'responsibility'],
      ['Avantages', 'benefit'],
    ])
  })

  it('reads list items whose text an editor wrapped in <p>', () => {
    const result = parsePosting(
      '<p><strong>What you will do</strong></p><ul><li><p>Run the kitchen pass</p></li><li><p>Order produce</p></li></ul>',
    )
    expect(textsOf(result, 'responsibility')).toEqual(['Run the kitchen pass', 'Order produce'])
  })

  it('decodes entities in otherwise plain text', () => {
    const result = parsePosting('Requirements:\nR&amp;D experience in food &quot;safety&quot;')
    expect(textsOf(result, 'requirement')).toEqual(['R&D experience in food "safety"'])
  })
})

describe('parsePosting: what is not assessed', () => {
  it('keeps company text, salary, apply and equal-opportunity lines out of assessed sections', () => {
    const parsed = parsePosting(
      [
        '## About us',
        'We are a cooperative bakery with six shops.',
        '',
        '## Requirements',
        '- Early mornings are fine for you',
        '- Salary: 2,400 EUR per month',
        '- Apply now',
        '',
        'We are an equal opportunity employer and do not discriminate on the basis of age or origin.',
        '',
        '## How to apply',
        'Send your CV to jobs@bakery.example.',
      ].join('\n'),
    )
    expect(textsOf(parsed, 'requirement')).toEqual(['Early mornings are fine for you'])
    expect(kindOf(parsed, 'cooperative bakery')).toBe('about')
    for (const fragment of ['Salary', 'Apply now', 'equal opportunity', 'Send your CV'])
      expect(kindOf(parsed, fragment)).toBe('other')
  })

  it('keeps prose next to a list (lead-ins, closing notes) as other', () => {
    const parsed = parsePosting(
      [
        '## Requirements',
        'To succeed in this role you will need the following:',
        '- A driving licence',
        '',
        'Not sure you tick every box? Talk to us anyway.',
      ].join('\n'),
    )
    expect(textsOf(parsed, 'requirement')).toEqual(['A driving licence'])
    expect(textsOf(parsed, 'other')).toHaveLength(2)
  })

  it('classifies a list under an unknown heading by what its items say', () => {
    const parsed = parsePosting(
      [
        '## Our requirements',
        '- SQL',
        '',
        '## Good stuff',
        '- 30 days of paid vacation',
        '- Gym membership',
        '- Health insurance',
      ].join('\n'),
    )
    expect(kindOf(parsed, 'paid vacation')).toBe('benefit')
  })

  it('returns valid output for the contract schema', () => {
    for (const name of ['en-markdown.md', 'en-broken.html', 'fr-developpeur.md', 'nl-ontwikkelaar.txt']) {
      const parsed = parsePosting(readFixture(name))
      expect(parsedPostingSchema.parse(parsed)).toEqual(parsed)
    }
  })
})
