import { kakaoChoices } from '../bots/kakao-channel.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Smile } from '../app/server.js';
import { allText, get, post, startTestSmile, type ChatReply } from './helpers.js';

export type Expect = {
  flow?: string | null;
  awaiting?: string | null;
  says?: RegExp;
  not?: RegExp;
  suggestions?: number;
  suggests?: RegExp;
  status?: number;
};
export type Step = [text: string, expect: Expect] | [text: string, expect: Expect, messageId: string];

/** A transcript: the customer's lines with what each reply must show, then a check of the sandbox's state. */
export interface TranscriptCase {
  name: string;
  user: 'demo' | 'demo-ko';
  steps: Step[];
  check?: (state: SandboxState) => Promise<void> | void;
}

export interface SandboxState {
  orders: any[];
  shipments: any[];
  returns: any[];
  smile: Smile;
  /** Orders, shipments and returns before the conversation, to see what it changed. */
  before: { orders: any[]; shipments: any[]; returns: any[] };
}

async function snapshot(smile: Smile, customer: string): Promise<Omit<SandboxState, 'smile' | 'before'>> {
  const [o, s, r] = await Promise.all([
    get(smile, `/sandbox/commerce/v1/customers/${customer}/orders`),
    get(smile, `/sandbox/logistics/v1/shipments?customerId=${customer}`),
    get(smile, `/sandbox/logistics/v1/returns?customerId=${customer}`),
  ]);
  return { orders: o.orders, shipments: s.shipments, returns: r.returns };
}

export async function runTranscript(smile: Smile, c: TranscriptCase): Promise<void> {
  const before = await snapshot(smile, c.user);
  const conversationId = `t-${Math.random().toString(36).slice(2)}`;
  let n = 0;
  for (const [text, exp, messageId] of c.steps) {
    const res = await post(smile, '/v1/chat', { userId: c.user, text, conversationId, messageId: messageId ?? `m${++n}` });
    expect(res.status, `"${text}": ${JSON.stringify(res.json)}`).toBe(exp.status ?? 200);
    const r = res.json as ChatReply;
    const where = `after "${text}": ${allText(r)} ${JSON.stringify(r.state)}`;
    if (exp.flow !== undefined) expect(r.state.flow, where).toBe(exp.flow);
    if (exp.awaiting !== undefined) expect(r.state.awaiting, where).toBe(exp.awaiting);
    if (exp.says) expect(allText(r), where).toMatch(exp.says);
    if (exp.not) expect(allText(r), where).not.toMatch(exp.not);
    if (exp.suggestions !== undefined) expect(r.messages.at(-1)?.suggestions?.length ?? 0, where).toBe(exp.suggestions);
    if (exp.suggests) expect((r.messages.at(-1)?.suggestions ?? []).join(' | '), where).toMatch(exp.suggests);
    // Every choice Smile offers must be one a KakaoTalk customer can tell apart: at most 14 characters, distinct, never cut.
    const { labels } = kakaoChoices(r.messages.at(-1)?.suggestions ?? []);
    for (const l of labels) expect(l.length <= 14 && !l.includes('…'), `${where}: KakaoTalk label "${l}"`).toBe(true);
    expect(new Set(labels).size, `${where}: KakaoTalk labels ${labels.join(' | ')}`).toBe(labels.length);
  }
  const after = await snapshot(smile, c.user);
  await c.check?.({ ...after, smile, before });
}

export const shipment = (s: SandboxState, id: string): any => s.shipments.find((x) => x.id === id);
export const unchanged = (s: SandboxState): void => {
  expect(s.orders).toEqual(s.before.orders);
  expect(s.shipments).toEqual(s.before.shipments);
  expect(s.returns).toEqual(s.before.returns);
};

/** One server for a table of transcripts per flow; the sandbox is reset before each. */
export function describeTranscripts(title: string, cases: Record<string, TranscriptCase[]>): void {
  describe(title, () => {
    let smile: Smile;
    beforeAll(async () => {
      smile = await startTestSmile();
    });
    afterAll(async () => {
      await smile.close();
    });
    beforeEach(async () => {
      await post(smile, '/sandbox/reset', {});
      // A courier note saved by one case lives in Smile's own store, which the sandbox reset leaves: cleared too.
      for (const customerId of ['demo', 'demo-ko']) {
        const prefs = await smile.store.preferences.get(customerId);
        if (prefs?.courierInstructions) await smile.store.preferences.put({ ...prefs, courierInstructions: undefined });
      }
    });
    for (const [flow, list] of Object.entries(cases)) {
      describe(flow, () => {
        for (const c of list) it(c.name, () => runTranscript(smile, c));
      });
    }
  });
}
