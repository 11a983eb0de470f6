import { stack } from '../stack.js';
import { promptOf, reply } from '../kit/turns.js';
import type { Pattern } from './pattern.js';
import { newRequest } from './new-request.js';

/** "Say that again", "start over", "한국어로 해줘": commands that steer the conversation itself. */
export const commands: Pattern = (state, event, ctx) => {
  switch (event.command) {
    case 'repeat':
      return reply(state, state.lastSaid?.length ? state.lastSaid : [{ key: 'repeat.nothing' }]);
    case 'start_over':
      // "다시 시작해 줘" right after a subscription was paused (as its reply suggests) resumes it; it is not "start over".
      if (!stack.top(state) && state.lastSaid?.some((s) => s.key === 'sub.done.pause')) {
        const resume = { type: 'subscription_action' as const, value: 'resume' as const, text: event.text, start: 0, end: event.text.length };
        const { command: _, ...said } = event;
        return newRequest(state, { ...said, intent: 'manage_subscription', confidence: 1, entities: [...event.entities, resume] }, ctx);
      }
      return { state: { ...stack.clear(state), misunderstandings: 0 }, say: [{ key: 'start_over' }], awaiting: null };
    case 'language:en-US':
    case 'language:ko-KR':
      // The engine switches the conversation's language; the open question is asked again in it.
      return reply(state, [{ key: 'language.switched' }, ...promptOf(stack.top(state))]);
    case undefined:
      return null;
  }
};
