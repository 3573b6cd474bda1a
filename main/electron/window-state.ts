/**
 * The main window's size and place, kept in `<userData>/window-state.json` (written atomically). Pure functions, no
 * Electron import: the shell passes in the displays' work areas and the window's bounds.
 */
import { readFile } from 'node:fs/promises'

import { writeJsonAtomic } from '../core/fs/atomic-write'

export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

export interface WindowState {
  /** Absent when the window should be centred (first run, or its old place is on no display now). */
  x?: number
  y?: number
  width: number
  height: number
  maximized: boolean
}

export const WINDOW_STATE_FILE = 'window-state.json'
export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 800, maximized: false }
export const MIN_WINDOW_SIZE = { width: 640, height: 480 }

/** How much of the window's top strip (its title bar) must be on a display for the old place to be kept. */
const VISIBLE_STRIP = { width: 120, height: 40 }

function finite(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? Math.round(value) : undefined
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  }
}

/**
 * Reads a stored state forgivingly: bad or missing values take the default; the size is kept between the minimum
 * and the largest display; the position is dropped (the window is centred) unless its title bar is on a display.
 */
export function sanitizeWindowState(raw: unknown, workAreas: readonly Rect[]): WindowState {
  const stored = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {}
  const largest = workAreas.reduce(
    (most, area) => ({ width: Math.max(most.width, area.width), height: Math.max(most.height, area.height) }),
    { width: 0, height: 0 },
  )
  const clamp = (value: number | undefined, fallback: number, min: number, max: number) =>
    Math.max(min, Math.min(value ?? fallback, max > min ? max : Number.MAX_SAFE_INTEGER))
  const width = clamp(finite(stored.width), DEFAULT_WINDOW_STATE.width, MIN_WINDOW_SIZE.width, largest.width)
  const height = clamp(finite(stored.height), DEFAULT_WINDOW_STATE.height, MIN_WINDOW_SIZE.height, largest.height)
  const state: WindowState = { width, height, maximized: stored.maximized === true }
  const x = finite(stored.x)
  const y = finite(stored.y)
  if (x === undefined || y === undefined) return state
  const titleBar: Rect = { x, y, width: Math.min(width, VISIBLE_STRIP.width * 2), height: VISIBLE_STRIP.height }
  const onScreen = workAreas.some((area) => {
    const shared = overlap(titleBar, area)
    return shared.width >= Math.min(VISIBLE_STRIP.width, titleBar.width) && shared.height >= VISIBLE_STRIP.height / 2
  })
  return onScreen ? { x, y, ...state } : state
}

/** The state to store for a window: its normal (not maximized) bounds, and whether it is maximized. */
export function windowStateFrom(normalBounds: Rect, maximized: boolean): WindowState {
  return { x: normalBounds.x, y: normalBounds.y, width: normalBounds.width, height: normalBounds.height, maximized }
}

export async function loadWindowState(file: string, workAreas: readonly Rect[]): Promise<WindowState> {
  let raw: unknown = null
  try {
    raw = JSON.parse(await readFile(file, 'utf8'))
  } catch {
    // No file yet, or a damaged one: the defaults, and the next save replaces it.
  }
  return sanitizeWindowState(raw, workAreas)
}

export async function saveWindowState(file: string, state: WindowState): Promise<void> {
  await writeJsonAtomic(file, state)
}
