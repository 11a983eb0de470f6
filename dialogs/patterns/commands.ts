import { stack } from '../stack.js';
import { promptOf, reply } from '../kit/turns.js';
import type { Pattern } from './pattern.js';

/** "Say that again", "start over", "한국어로 해줘": commands that steer the conversation itself. */
export const commands: Pattern = (state, event) => {
  switch (event.command) {
    case 'repeat':
      return reply(state, state.lastSaid?.length ? state.lastSaid : [{ key: 'repeat.nothing' }]);
    case 'start_over':
      return { state: { ...stack.clear(state), misunderstandings: 0 }, say: [{ key: 'start_over' }], awaiting: null };
    case 'language:en-US':
    case 'language:ko-KR':
      // The engine switches the conversation's language; the open question is asked again in it.
      return reply(state, [{ key: 'language.switched' }, ...promptOf(stack.top(state))]);
    case undefined:
      return null;
  }
};
