import { describe, expect, it } from 'vitest';
import { freshState, keptWords, readStoredState, storedState, type KeptWords, type StoredState } from './stored-state.js';

const words = (messageId: string): KeptWords => ({ messageId, messages: [{ text: `answer to ${messageId}` }] });

/** The version written after answering each of `ids` in turn; `lost` words are carried when the turn is told they are unrecorded. */
function after(ids: string[], changed: Set<string>, unrecorded: (stored: StoredState) => KeptWords[]): StoredState {
  let stored = freshState();
  for (const id of ids) stored = storedState(stored, stored.dialog, id, [], changed.has(id) ? words(id).messages : [], unrecorded(stored));
  return stored;
}

describe('the words a version keeps (said, saidEarlier)', () => {
  it.each([
    { name: 'a change answered last', ids: ['m1', 'm2'], changed: ['m2'], lost: false, kept: ['m2'] },
    { name: 'a change recorded, then a thank-you', ids: ['m1', 'm2', 'm3'], changed: ['m2'], lost: false, kept: [] },
    { name: 'a change whose words were lost, then a thank-you', ids: ['m1', 'm2', 'm3'], changed: ['m2'], lost: true, kept: ['m2'] },
    { name: 'lost words, then two more messages', ids: ['m1', 'm2', 'm3', 'm4', 'm5'], changed: ['m2'], lost: true, kept: ['m2'] },
    { name: 'lost words, then four more: no longer among the answered', ids: ['m2', 'm3', 'm4', 'm5', 'm6'], changed: ['m2'], lost: true, kept: [] },
    { name: 'two changes lost, then a correction', ids: ['m1', 'm2', 'm3', 'm4'], changed: ['m2', 'm3'], lost: true, kept: ['m2', 'm3'] },
    { name: 'a change lost and the same message answered again', ids: ['m1', 'm2', 'm2'], changed: ['m2'], lost: true, kept: ['m2'] },
  ])('when $name, then the version keeps the words of $kept', ({ ids, changed, lost, kept }) => {
    const stored = after(ids, new Set(changed), (s) => (lost ? keptWords(s) : []));
    expect(keptWords(stored).map((w) => w.messageId)).toEqual(kept);
    // What is written reads back as it was (and a row from before saidEarlier still reads).
    expect(readStoredState(JSON.parse(JSON.stringify(stored)))).toEqual({ stored, unreadable: false });
  });

  it('when a row written before saidEarlier existed is read, then it reads with its said words', () => {
    const old = { ...freshState(), answered: ['m1'], said: words('m1') };
    expect(keptWords(readStoredState(old).stored)).toEqual([words('m1')]);
  });
});
