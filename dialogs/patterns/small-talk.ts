import { stack } from '../stack.js';
import { promptOf, reply } from '../kit/turns.js';
import type { Pattern } from './pattern.js';

/** Help, hello and thanks are answered, and whatever was under way asks its question again. */
export const smallTalk: Pattern = (state, event) => {
  const top = stack.top(state);
  switch (event.intent) {
    case 'help': return reply(state, top ? [{ key: 'help' }, { key: 'help.in_flow' }, ...promptOf(top)] : [{ key: 'help' }]);
    case 'greet': return reply(state, [{ key: 'greet', params: { name: '' } }, ...promptOf(top)]);
    case 'thanks': return reply(state, [{ key: 'thanks' }, ...promptOf(top)]);
    default: return null;
  }
};
