import { describe, expect, it } from 'vitest';
import {
  freshState,
  keptWords,
  loadStoredState,
  noteSavedHere,
  readStoredState,
  storedState,
  type KeptWords,
  type StoredState,
} from './stored-state.js';

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

describe('loading a version this process saved', () => {
  const row = (version: number, state: unknown) => ({ id: 'conv-1', version, state });

  it.each([
    { name: 'the version this process saved, in the store it saved to', saved: 2, read: 2, sameStore: true, parsed: false },
    { name: 'a later version (another instance saved it)', saved: 2, read: 3, sameStore: true, parsed: true },
    { name: 'the same version in another store', saved: 2, read: 2, sameStore: false, parsed: true },
  ])('when it is $name, then it is parsed: $parsed', ({ saved, read, sameStore, parsed }) => {
    const store = {};
    noteSavedHere(store, 'conv-1', saved);
    // An unreadable state shows which way it went: used as read, or parsed and found unreadable.
    const state = { schemaVersion: 99, dialog: 'not a dialog' };
    const loaded = loadStoredState(sameStore ? store : {}, row(read, state));
    expect(loaded.unreadable).toBe(parsed);
    expect(loaded.stored === (state as unknown)).toBe(!parsed);
  });

  it('when no conversation is stored yet, then the state is fresh', () => {
    expect(loadStoredState({}, null)).toEqual({ stored: freshState(), unreadable: false });
  });
});
