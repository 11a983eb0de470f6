import { describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../store/embedded-store.js';
import type { Store } from '../store/port.js';
import { post, startTestSmile } from './helpers.js';

const chat = (text: string, messageId: string) => ({ userId: 'demo', text, conversationId: 'replay-conv', messageId });

describe('replays, with replies kept in the transcript and the processed turn', () => {
  it('when a message comes again, then its first reply is answered whole, and "repeat" says the last reply again', async () => {
    const smile = await startTestSmile();
    const first = await post(smile, '/v1/chat', chat('reorder two packs of the wipes to my office', 'r1'));
    expect(first.json.messages.length).toBeGreaterThan(0);
    expect((await post(smile, '/v1/chat', chat('reorder two packs of the wipes to my office', 'r1'))).json).toEqual(first.json);
    const repeated = await post(smile, '/v1/chat', chat('say that again', 'r2'));
    expect(repeated.json.messages).toEqual(first.json.messages);
    await smile.close();
  });

  it('when an instance crashed after saving the state and before recording the turn, then the retry answers from the transcript and runs nothing twice', async () => {
    const store = await EmbeddedStore.open(null);
    let crash = true;
    const crashing: Store = Object.assign(Object.create(store) as Store, {
      turns: {
        get: store.turns.get,
        put: async (t: Parameters<Store['turns']['put']>[0]) => {
          if (crash && t.messageId === 'c2') {
            crash = false;
            throw new Error('crashed');
          }
          return store.turns.put(t);
        },
      },
    });
    const smile = await startTestSmile({}, undefined, crashing);
    await post(smile, '/v1/chat', chat('reorder two packs of the wipes to my office', 'c1'));
    const lost = await post(smile, '/v1/chat', chat('yes', 'c2'));
    expect(lost.status).toBe(500);
    const version = (await store.conversations.get('replay-conv'))?.version;
    const retried = await post(smile, '/v1/chat', chat('yes', 'c2'));
    expect(retried.status).toBe(200);
    expect(retried.json.messages.map((m: { text: string }) => m.text).join(' ')).toMatch(/is placed/);
    expect((await store.conversations.get('replay-conv'))?.version).toBe(version);
    expect((await post(smile, '/v1/chat', chat('yes', 'c2'))).json).toEqual(retried.json);
    await smile.close();
  });
});
