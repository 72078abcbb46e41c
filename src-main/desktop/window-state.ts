import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'

/** Kept in the data folder, so each workspace reopens where it was left. */
export const WINDOW_STATE_FILE = 'window-state.json'

export interface Rectangle {
  x: number
  y: number
  width: number
  height: number
}

export const MIN_WIDTH = 960
export const MIN_HEIGHT = 600
export const DEFAULT_BOUNDS = { width: 1360, height: 860 }

const coordinate = z.number().int().min(-100_000).max(100_000)
const windowStateSchema = z
  .object({
    x: coordinate,
    y: coordinate,
    width: z.number().int().min(MIN_WIDTH).max(100_000),
    height: z.number().int().min(MIN_HEIGHT).max(100_000),
    maximized: z.boolean(),
  })
  .strict()

export type WindowState = z.infer<typeof windowStateSchema>

/** What the window opens with: saved bounds when they still fit a display, else a default size centred by the system. */
export interface InitialWindow {
  bounds: Partial<Rectangle> & { width: number; height: number }
  maximized: boolean
}

function overlap(a: Rectangle, b: Rectangle): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
  return width > 0 && height > 0 ? width * height : 0
}

/**
 * Validates a saved state against the displays of today: a monitor unplugged since, or a file edited by hand,
 * must never open the window off screen or larger than the screen it lands on.
 */
export function initialWindow(saved: unknown, workAreas: Rectangle[]): InitialWindow {
  const parsed = windowStateSchema.safeParse(saved)
  const fallback: InitialWindow = { bounds: { ...DEFAULT_BOUNDS }, maximized: parsed.success && parsed.data.maximized }
  if (!parsed.success) return fallback
  const state = parsed.data
  const area = workAreas
    .map((candidate) => ({ candidate, shared: overlap(state, candidate) }))
    .sort((a, b) => b.shared - a.shared)[0]
  // At least a quarter of the window must be on one display, or it would be hard to grab.
  if (!area || area.shared < (state.width * state.height) / 4) return fallback
  const width = Math.min(state.width, area.candidate.width)
  const height = Math.min(state.height, area.candidate.height)
  const x = Math.min(Math.max(state.x, area.candidate.x), area.candidate.x + area.candidate.width - width)
  const y = Math.min(Math.max(state.y, area.candidate.y), area.candidate.y + area.candidate.height - height)
  return { bounds: { x, y, width, height }, maximized: state.maximized }
}

export function readWindowState(dataDir: string): unknown {
  try {
    return JSON.parse(readFileSync(join(dataDir, WINDOW_STATE_FILE), 'utf8'))
  } catch {
    return undefined
  }
}

/** Written to a temporary file and renamed, so a crash mid-write never leaves half a file. */
export function writeWindowState(dataDir: string, state: WindowState): void {
  const parsed = windowStateSchema.parse({
    ...state,
    x: Math.round(state.x),
    y: Math.round(state.y),
    width: Math.max(MIN_WIDTH, Math.round(state.width)),
    height: Math.max(MIN_HEIGHT, Math.round(state.height)),
  })
  const file = join(dataDir, WINDOW_STATE_FILE)
  writeFileSync(`${file}.tmp`, `${JSON.stringify(parsed)}\n`)
  renameSync(`${file}.tmp`, file)
}
