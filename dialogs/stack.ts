import type { DialogState, Frame } from './types.js';

/** How many flows may wait under a digression; the oldest is dropped beyond that. */
export const MAX_DEPTH = 3;

/**
 * The dialog stack: the active flow is on top, flows it interrupted wait beneath and resume when it ends.
 * Every change returns a new state; nothing is mutated.
 */
export const stack = {
  top: (state: DialogState): Frame | undefined => state.stack.at(-1),
  push: (state: DialogState, frame: Frame): DialogState => ({ ...state, stack: [...state.stack.slice(-(MAX_DEPTH - 1)), frame] }),
  pop: (state: DialogState): DialogState => ({ ...state, stack: state.stack.slice(0, -1) }),
  /** The top frame replaced (null: popped), as a flow step leaves it. */
  replaceTop: (state: DialogState, frame: Frame | null): DialogState => {
    const rest = state.stack.slice(0, -1);
    return { ...state, stack: frame ? [...rest, frame] : rest };
  },
  clear: (state: DialogState): DialogState => ({ ...state, stack: [] }),
};
