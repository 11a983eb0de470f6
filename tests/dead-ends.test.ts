import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Smile } from '../app/server.js';
import { allText, conversation, startTestSmile } from './helpers.js';

/**
 * A flow that cannot go on (an item still on its way cannot be returned) offers a person with Yes/No buttons: the reply
 * must end on that question, with the buttons under it, and "no" must leave nothing behind.
 */
describe('a dead end offers a person with the question asked', () => {
  let smile: Smile;
  beforeAll(async () => {
    smile = await startTestSmile();
  });
  afterAll(async () => {
    await smile.close();
  });

  it.each([
    [
      'demo',
      'I want to send back the diapers',
      'yes, I opened the pack',
      /can't be returned|only unopened/,
      /connect you with a person\?$/,
      'no thanks',
      /Okay/,
    ],
    [
      'demo-ko',
      '기저귀 반품하고 싶어요',
      '네 뜯었어요',
      /반품할 수 없어요|개봉하지 않은/,
      /상담원을 연결해 드릴까요\?$/,
      '아니요 괜찮아요',
      /알겠어요/,
    ],
  ])(
    'when %s asks to return an opened hygiene product, then the reply ends on "shall I connect you?"',
    async (user, ask, opened, why, question, no, declined) => {
      const say = conversation(smile, user, `dead-end-${user}`);
      // A hygiene product goes back only unopened: whether it was opened is asked first.
      expect((await say(ask)).state).toEqual({ flow: 'schedule_return', awaiting: 'opened' });
      const r = await say(opened);
      expect(allText(r)).toMatch(why);
      const last = r.messages.at(-1)!;
      expect(last.text).toMatch(question);
      expect(last.suggestions).toHaveLength(2);
      expect(r.messages.slice(0, -1).every((m) => !m.suggestions)).toBe(true);
      expect(r.state).toEqual({ flow: 'human_handoff', awaiting: 'confirmation' });
      const after = await say(no);
      expect(allText(after)).toMatch(declined);
      expect(after.handoff).toBeUndefined();
      expect(await smile.support.openFor(`dead-end-${user}`)).toBeFalsy();
    },
  );
});
