// Types for electron-binary.mjs, which runs before dependencies are built and so stays plain JavaScript.
export type ElectronState =
  | { kind: 'ready'; executable: string }
  | { kind: 'missing' }
  | { kind: 'dist-without-path' }
  | { kind: 'path-without-binary'; executable: string }
  | { kind: 'other-version'; found: string }

export function platformExecutable(platform?: string): string
export function electronState(electronDir: string, version: string, executable?: string): ElectronState
export function mirrorOf(env: Record<string, string | undefined>): string
export function firstErrorLine(stderr: string): string
export function failureParagraph(details: {
  version: string
  mirror: string
  reason: string
  electronDir: string
}): string
export function writeProblem(dir: string): string | undefined
export function ensureElectron(options: {
  root: string
  env?: Record<string, string | undefined>
  log?: (line: string) => void
}): Promise<string | undefined>
