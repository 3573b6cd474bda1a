import type { EngineId } from '@shared/shapes'

/** What the reader remembers while an article is open (the settings and the core keep the rest). */
export interface ReaderState {
  /** The engine chosen for the article; without one the core picks the default engine. */
  engine: EngineId | undefined
  /** The language translated into. */
  to: string
  /** The lit sentence pair (hovered, focused or pinned), as "p3:1". */
  active: string | null
  /** A click or Enter keeps the pair lit whatever the pointer does. */
  pinned: boolean
  /** The one sentence Tab reaches in the grid; the arrow keys move it. */
  focusable: string
  helpOpen: boolean
  notesOpen: boolean
}

export type ReaderChange =
  | { type: 'chooseEngine'; engine: EngineId }
  | { type: 'chooseTarget'; to: string }
  /** The pointer or the focus is over a sentence, or over none (null); a pinned pair stays lit. */
  | { type: 'point'; key: string | null }
  /** A click or Enter on a sentence: pins its pair, or unpins it when it is the pinned one. */
  | { type: 'pin'; key: string }
  /** A key moved to a sentence: it is lit and takes the focus. */
  | { type: 'moveTo'; key: string }
  /** After going to an annotation, the sentence to carry on from. */
  | { type: 'carryOnFrom'; key: string }
  | { type: 'openHelp' }
  | { type: 'toggleHelp' }
  | { type: 'closeHelp' }
  | { type: 'toggleNotes' }
  | { type: 'openNotes' }
  | { type: 'closeNotes' }
  /** Escape closes the topmost thing: the help, then the pin, then the notes, then the lit pair. */
  | { type: 'escape' }

export function initialReaderState({
  engine,
  to,
  firstSentence,
}: {
  engine: EngineId | undefined
  to: string
  firstSentence: string
}): ReaderState {
  return { engine, to, active: null, pinned: false, focusable: firstSentence, helpOpen: false, notesOpen: false }
}

export function readerReducer(state: ReaderState, change: ReaderChange): ReaderState {
  switch (change.type) {
    case 'chooseEngine':
      return { ...state, engine: change.engine }
    case 'chooseTarget':
      return { ...state, to: change.to }
    case 'point':
      return state.pinned || state.active === change.key ? state : { ...state, active: change.key }
    case 'pin': {
      const unpin = state.pinned && state.active === change.key
      return { ...state, pinned: !unpin, active: unpin ? null : change.key, focusable: change.key }
    }
    case 'moveTo':
      return { ...state, active: change.key, focusable: change.key }
    case 'carryOnFrom':
      return { ...state, focusable: change.key }
    case 'openHelp':
      return { ...state, helpOpen: true }
    case 'toggleHelp':
      return { ...state, helpOpen: !state.helpOpen }
    case 'closeHelp':
      return { ...state, helpOpen: false }
    case 'toggleNotes':
      return { ...state, notesOpen: !state.notesOpen }
    case 'openNotes':
      return { ...state, notesOpen: true }
    case 'closeNotes':
      return { ...state, notesOpen: false }
    case 'escape':
      return escape(state)
  }
}

function escape(state: ReaderState): ReaderState {
  if (state.helpOpen) return { ...state, helpOpen: false }
  if (state.pinned) return { ...state, pinned: false }
  if (state.notesOpen) return { ...state, notesOpen: false }
  return { ...state, active: null }
}
