import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const core = import.meta.dirname

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) && !name.endsWith('.d.ts') ? [path] : []
  })
}

const relativeToCore = (path: string) => relative(core, path).split(sep).join('/')
const parse = (file: string) => ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true)

function visit(node: ts.Node, each: (node: ts.Node) => void): void {
  each(node)
  node.forEachChild((child) => visit(child, each))
}

/** `new Date()`, `Date.now()` and `dayjs()` with no argument: each reads the wall clock. */
function wallClockReads(source: ts.SourceFile): string[] {
  const found: string[] = []
  visit(source, (node) => {
    const at = () => `${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${node.getText()}`
    if (ts.isNewExpression(node) && node.expression.getText() === 'Date' && (node.arguments?.length ?? 0) === 0)
      found.push(at())
    if (ts.isCallExpression(node) && node.arguments.length === 0) {
      const callee = node.expression.getText()
      if (callee === 'Date.now' || callee === 'dayjs') found.push(at())
    }
  })
  return found
}

describe('one clock', () => {
  // The clock itself, and the database layer: migrations are frozen once released and stamp the real moment
  // they ran, as do the backup file names and the lock file of the connection.
  const exempt = (file: string) => file === 'clock.ts' || file.startsWith('db/')

  it('is the only source of "now" in the core', () => {
    const files = sourceFiles(core).filter((file) => !exempt(relativeToCore(file)))
    expect(files.length).toBeGreaterThan(100)
    const reads = files.flatMap((file) => wallClockReads(parse(file)).map((read) => `${relativeToCore(file)}:${read}`))
    expect(reads).toEqual([])
  })

  it('finds a wall-clock read where there is one', () => {
    const sample = ts.createSourceFile(
      'sample.ts',
      'const a = new Date(); const b = Date.now(); const c = dayjs(); const d = new Date(0); const e = dayjs(x)',
      ts.ScriptTarget.Latest,
      true,
    )
    expect(wallClockReads(sample)).toEqual(['1: new Date()', '1: Date.now()', '1: dayjs()'])
  })
})

/** The domain folder of a file under the core (`candidates` for `candidates/service.ts`), or null at the top. */
const domainOf = (file: string) => (file.includes('/') ? file.split('/')[0]! : null)

/** Imports of another domain's `service.ts` that bring values (functions, constants), not only types. */
function serviceInternalsOf(file: string, source: ts.SourceFile): string[] {
  const from = domainOf(relativeToCore(file))
  if (from === null) return []
  const found: string[] = []
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) && !ts.isExportDeclaration(statement)) continue
    const specifier = statement.moduleSpecifier
    if (!specifier || !ts.isStringLiteral(specifier) || !specifier.text.startsWith('.')) continue
    const target = relativeToCore(resolve(dirname(file), specifier.text))
    if (!target.endsWith('/service') || domainOf(target) === from) continue
    if (ts.isExportDeclaration(statement)) {
      if (!statement.isTypeOnly) found.push(specifier.text)
      continue
    }
    const clause = statement.importClause
    const typeOnly =
      clause !== undefined &&
      (clause.isTypeOnly ||
        (clause.name === undefined &&
          clause.namedBindings !== undefined &&
          ts.isNamedImports(clause.namedBindings) &&
          clause.namedBindings.elements.every((element) => element.isTypeOnly)))
    if (!typeOnly) found.push(specifier.text)
  }
  return found.map((target) => `${relativeToCore(file)} → ${target}`)
}

const serviceInternals = (file: string) => serviceInternalsOf(file, parse(file))

describe('services', () => {
  it("do not import another domain's service internals", () => {
    // A type-only import of another service (the workspace service a constructor receives, the services the
    // demo drives) reaches no internals; what two domains share lives in its own module.
    expect(sourceFiles(core).flatMap(serviceInternals)).toEqual([])
  })

  it('tells a value import from a type-only one', () => {
    const file = join(core, 'candidates', 'sample.ts')
    const source = [
      "import type { WorkspaceService } from '../workspace/service'",
      "import { type PrivacyService } from '../privacy/service'",
      "import { writeConsent } from '../privacy/service'",
      "export { applyToPosting } from '../applications/service'",
      "import { CandidateRepository } from './service'",
    ].join('\n')
    expect(serviceInternalsOf(file, ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true))).toEqual([
      'candidates/sample.ts → ../privacy/service',
      'candidates/sample.ts → ../applications/service',
    ])
  })
})
