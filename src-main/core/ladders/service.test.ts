import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openTestWorkspace, type TestWorkspace } from '../testing/temp-workspace'

let workspace: TestWorkspace
beforeEach(async () => {
  workspace = await openTestWorkspace()
})
afterEach(() => workspace.dispose())

const ladders = () => workspace.services.ladders
const counts = async () => {
  const { db } = workspace.context
  const count = async (table: 'ladders' | 'levels' | 'competencies' | 'expectations') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
  return {
    ladders: await count('ladders'),
    levels: await count('levels'),
    competencies: await count('competencies'),
    expectations: await count('expectations'),
  }
}

async function ladderWithLevels() {
  const ladder = await ladders().create({ name: 'Platform', description: '' })
  const one = await ladders().addLevel({ ladderId: ladder.id, code: 'P1', title: 'Platform Engineer I', summary: '' })
  const two = await ladders().addLevel({ ladderId: ladder.id, code: 'P2', title: 'Platform Engineer II', summary: '' })
  const three = await ladders().addLevel({
    ladderId: ladder.id,
    code: 'P3',
    title: 'Senior Platform Engineer',
    summary: '',
  })
  const design = await ladders().addCompetency({ ladderId: ladder.id, name: 'Design', description: '' })
  return { ladder, levels: [one, two, three], design }
}

describe('ladders', () => {
  it('creates, renames and deletes a ladder, logging each step', async () => {
    const ladder = await ladders().create({ name: 'Platform', description: 'Infra people' })
    const renamed = await ladders().update({ id: ladder.id, name: 'Platform Engineering' })
    expect(renamed).toMatchObject({ name: 'Platform Engineering', description: 'Infra people' })
    await ladders().delete(ladder.id)
    await expect(ladders().get(ladder.id)).rejects.toMatchObject({ code: 'not_found' })
    const actions = await workspace.context.db.selectFrom('activity').select('action').orderBy('id').execute()
    expect(actions.map((row) => row.action)).toEqual(['created', 'renamed', 'deleted'])
  })

  it('refuses a second ladder with the same name, whatever the case', async () => {
    await ladders().create({ name: 'Platform', description: '' })
    await expect(ladders().create({ name: 'PLATFORM', description: '' })).rejects.toMatchObject({ code: 'conflict' })
    expect((await counts()).ladders).toBe(1)
  })

  it('keeps levels in order through add, reorder and remove', async () => {
    const { ladder, levels } = await ladderWithLevels()
    const [one, two, three] = levels.map((level) => level.id)
    await ladders().reorderLevels(ladder.id, [three!, one!, two!])
    expect((await ladders().get(ladder.id)).levels.map((level) => level.code)).toEqual(['P3', 'P1', 'P2'])
    await ladders().removeLevel(one!)
    const after = await ladders().get(ladder.id)
    expect(after.levels.map((level) => [level.code, level.position])).toEqual([
      ['P3', 0],
      ['P2', 1],
    ])
  })

  it('refuses an order that is not a permutation of the ladder’s levels', async () => {
    const { ladder, levels } = await ladderWithLevels()
    await expect(
      ladders().reorderLevels(ladder.id, [levels[0]!.id, levels[0]!.id, levels[1]!.id]),
    ).rejects.toMatchObject({
      code: 'invalid_input',
    })
    expect((await ladders().get(ladder.id)).levels.map((level) => level.code)).toEqual(['P1', 'P2', 'P3'])
  })

  it('refuses duplicate level codes within a ladder but allows them across ladders', async () => {
    const { ladder } = await ladderWithLevels()
    await expect(
      ladders().addLevel({ ladderId: ladder.id, code: 'p1', title: 'Another', summary: '' }),
    ).rejects.toMatchObject({ code: 'conflict' })
    const other = await ladders().create({ name: 'Other', description: '' })
    await expect(
      ladders().addLevel({ ladderId: other.id, code: 'P1', title: 'Other I', summary: '' }),
    ).resolves.toMatchObject({
      code: 'P1',
    })
  })

  it('writes, updates and clears an expectation', async () => {
    const { levels, design } = await ladderWithLevels()
    const levelId = levels[1]!.id
    const written = await ladders().setExpectation({
      levelId,
      competencyId: design.id,
      text: ' Designs services. ',
      examples: '',
    })
    expect(written).toMatchObject({ text: 'Designs services.' })
    await ladders().setExpectation({ levelId, competencyId: design.id, text: 'Designs systems.', examples: 'An RFC' })
    const detail = await ladders().get(levels[1]!.ladderId)
    expect(detail.expectations).toEqual([
      expect.objectContaining({ levelId, text: 'Designs systems.', examples: 'An RFC' }),
    ])
    expect(await ladders().setExpectation({ levelId, competencyId: design.id, text: '', examples: '' })).toBeNull()
    expect((await counts()).expectations).toBe(0)
  })

  it('refuses an expectation that pairs a level and a competency of different ladders', async () => {
    const { levels } = await ladderWithLevels()
    const other = await ladders().create({ name: 'Other', description: '' })
    const foreign = await ladders().addCompetency({ ladderId: other.id, name: 'Design', description: '' })
    await expect(
      ladders().setExpectation({ levelId: levels[0]!.id, competencyId: foreign.id, text: 'x', examples: '' }),
    ).rejects.toMatchObject({ code: 'invalid_input' })
  })

  it('deletes levels, competencies and expectations with their ladder', async () => {
    const { ladder, levels, design } = await ladderWithLevels()
    await ladders().setExpectation({ levelId: levels[0]!.id, competencyId: design.id, text: 'x', examples: '' })
    await ladders().delete(ladder.id)
    expect(await counts()).toEqual({ ladders: 0, levels: 0, competencies: 0, expectations: 0 })
  })
})

describe('ladder files', () => {
  const yamlLadder = [
    'name: Security Engineering',
    'description: Keeps us safe',
    'competencies:',
    '  - name: Threat modelling',
    '    description: Finds what can go wrong',
    '  - Incident response',
    'levels:',
    '  - code: S1',
    '    title: Security Engineer I',
    '    summary: Learns the ropes',
    '    expectations:',
    '      Threat modelling: Reviews designs with a checklist.',
    '      Incident response:',
    '        text: Joins incident calls.',
    '        examples: Took notes in two incidents',
    '  - code: S2',
    '    title: Security Engineer II',
    '    expectations:',
    '      Threat modelling: Leads threat models for a feature.',
    '',
  ].join('\n')

  const bytes = (text: string) => new TextEncoder().encode(text)

  it('imports YAML and exports it back to the same ladder', async () => {
    const imported = await ladders().importFile({ fileName: 'security.yaml', bytes: bytes(yamlLadder) })
    expect(imported.levels.map((level) => level.title)).toEqual(['Security Engineer I', 'Security Engineer II'])
    expect(imported.competencies.map((entry) => entry.name)).toEqual(['Threat modelling', 'Incident response'])
    expect(imported.expectations).toHaveLength(3)

    for (const format of ['yaml', 'csv'] as const) {
      const exported = await ladders().exportFile(imported.id, format)
      const again = await ladders().importFile({
        fileName: exported.fileName,
        bytes: Buffer.from(exported.contentBase64, 'base64'),
        name: `Copy as ${format}`,
      })
      const shape = (ladder: typeof imported) => ({
        levels: ladder.levels.map(({ code, title, summary }) => ({ code, title, summary })),
        competencies: ladder.competencies.map(({ name, description }) => ({ name, description })),
        expectations: ladder.expectations
          .map((entry) => ({
            level: ladder.levels.find((level) => level.id === entry.levelId)?.code,
            competency: ladder.competencies.find((competency) => competency.id === entry.competencyId)?.name,
            text: entry.text,
            examples: entry.examples,
          }))
          .sort((a, b) => `${a.level}${a.competency}`.localeCompare(`${b.level}${b.competency}`)),
      })
      expect(shape(again)).toEqual(shape(imported))
    }
  })

  it('imports a minimal CSV of level, competency and expectation rows', async () => {
    const csv = [
      'level,competency,expectation',
      'Analyst I,SQL,Writes correct queries',
      '',
      'Analyst I,Storytelling,"Explains a chart, clearly"',
      'Analyst II,SQL,Tunes slow queries',
    ].join('\r\n')
    const imported = await ladders().importFile({ fileName: 'Analytics.csv', bytes: bytes(csv) })
    expect(imported.name).toBe('Analytics')
    expect(imported.levels.map((level) => [level.code, level.title])).toEqual([
      ['A-I', 'Analyst I'],
      ['A-II', 'Analyst II'],
    ])
    expect(imported.expectations.map((entry) => entry.text).sort()).toEqual([
      'Explains a chart, clearly',
      'Tunes slow queries',
      'Writes correct queries',
    ])
  })

  it('neutralises formula-like cells on CSV export and restores them on import', async () => {
    const ladder = await ladders().create({ name: 'Formulas', description: '' })
    const level = await ladders().addLevel({ ladderId: ladder.id, code: 'F1', title: '=HYPERLINK("x")', summary: '' })
    const competency = await ladders().addCompetency({ ladderId: ladder.id, name: '+cmd', description: '' })
    await ladders().setExpectation({ levelId: level.id, competencyId: competency.id, text: '@SUM(A1)', examples: '' })
    const exported = Buffer.from((await ladders().exportFile(ladder.id, 'csv')).contentBase64, 'base64').toString(
      'utf8',
    )
    expect(exported).toContain(`"'=HYPERLINK(""x"")"`)
    expect(exported).toContain("'+cmd")
    expect(exported).toContain("'@SUM(A1)")
    const again = await ladders().importFile({ fileName: 'f.csv', bytes: bytes(exported), name: 'Formulas again' })
    expect(again.levels[0]?.title).toBe('=HYPERLINK("x")')
    expect(again.expectations[0]?.text).toBe('@SUM(A1)')
  })

  const rejects = async (fileName: string, content: string | Uint8Array, expected: RegExp) => {
    const before = await counts()
    const data = typeof content === 'string' ? bytes(content) : content
    await expect(ladders().importFile({ fileName, bytes: data })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(expected) as string,
    })
    expect(await counts()).toEqual(before)
  }

  it('names the line of a YAML level that misses its title, and changes nothing', async () => {
    const missingTitle = yamlLadder.replace('    title: Security Engineer II\n', '')
    await rejects('security.yaml', missingTitle, /security\.yaml: line 16: levels\[1\]\.title is missing/)
  })

  it('names the line of a YAML syntax error', async () => {
    await rejects('broken.yaml', 'name: Broken\nlevels:\n  - code: [unclosed\n', /broken\.yaml: line \d+:/)
  })

  it('names the missing CSV column and what it found instead', async () => {
    await rejects(
      'bad.csv',
      'level,skill,expectation\nA,B,C\n',
      /line 1: missing column "competency"; found "level", "skill", "expectation"/,
    )
  })

  it('names the CSV line whose cell count does not match the header', async () => {
    await rejects('bad.csv', 'level,competency,expectation\nA,B,C\nA,B\n', /line 3: has 2 cells, the header has 3/)
  })

  it('refuses a CSV in another encoding, naming the line', async () => {
    const latin1 = Uint8Array.from([
      ...bytes('level,competency,expectation\nIng'),
      0xe9,
      ...bytes('nieur,Design,Con'),
      0xe7,
      ...bytes('oit\n'),
    ])
    await rejects('latin1.csv', latin1, /latin1\.csv: line 2: the file is not UTF-8 text/)
  })

  it('accepts UTF-16 with a byte order mark', async () => {
    const text = 'level,competency,expectation\nIngénieur,Conception,Conçoit\n'
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
    const imported = await ladders().importFile({ fileName: 'fr.csv', bytes: utf16 })
    expect(imported.expectations[0]?.text).toBe('Conçoit')
  })

  it('refuses duplicate levels in a file', async () => {
    const duplicated = yamlLadder.replace('code: S2', 'code: S1')
    await rejects('dup.yaml', duplicated, /level code "S1" appears twice/)
  })

  it('refuses an import whose name is taken, and a file of another type', async () => {
    await ladders().importFile({ fileName: 'security.yaml', bytes: bytes(yamlLadder) })
    await expect(ladders().importFile({ fileName: 'security.yaml', bytes: bytes(yamlLadder) })).rejects.toMatchObject({
      code: 'conflict',
    })
    await expect(ladders().importFile({ fileName: 'ladder.xlsx', bytes: bytes('x') })).rejects.toMatchObject({
      code: 'unsupported_file',
    })
  })

  it('resists a YAML alias bomb', async () => {
    const bomb = ['name: Bomb', 'a: &a ["x","x","x","x","x","x","x","x","x"]']
    for (let index = 0; index < 12; index++)
      bomb.push(
        `${String.fromCharCode(98 + index)}: &${String.fromCharCode(98 + index)} [*${String.fromCharCode(97 + index)},*${String.fromCharCode(97 + index)},*${String.fromCharCode(97 + index)},*${String.fromCharCode(97 + index)}]`,
      )
    bomb.push('levels: []')
    await expect(ladders().importFile({ fileName: 'bomb.yaml', bytes: bytes(bomb.join('\n')) })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('too many aliases') as string,
    })
    expect((await counts()).ladders).toBe(0)
  })
})
