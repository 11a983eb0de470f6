import { describe, expect, it } from 'vitest';
import { LOCALES, type Locale } from '../domain/locale.js';
import { render, renderParam } from '../engine/render.js';
import { step } from './conversation.js';
import { DialogStateSchema } from '../engine/stored-state.js';
import { cancelCases } from './flows/cancel/cancel.cases.js';
import { patternCases } from './patterns/patterns.cases.js';
import { reorderCases } from './flows/reorder/reorder.cases.js';
import { deliverySlotCases } from './flows/delivery-slot/delivery-slot.cases.js';
import { deliveryPlaceCases } from './flows/delivery-place/delivery-place.cases.js';
import { returnCases } from './flows/return/return.cases.js';
import { subscriptionCases } from './flows/subscription/subscription.cases.js';
import { deliveryProblemCases } from './flows/delivery-problem/delivery-problem.cases.js';
import { NOW } from './testing/fixtures.js';
import { toEvent, type DialogCase } from './testing/case.js';
import { initialState, type DialogContext, type Say } from './types.js';

const ZONE: Record<Locale, string> = { 'en-US': 'America/Los_Angeles', 'ko-KR': 'Asia/Seoul' };
const TABLES: Record<string, DialogCase[]> = {
  cancel_order: cancelCases,
  reorder: reorderCases,
  change_delivery_slot: deliverySlotCases,
  change_delivery_place: deliveryPlaceCases,
  schedule_return: returnCases,
  manage_subscription: subscriptionCases,
  report_delivery_problem: deliveryProblemCases,
  patterns: patternCases,
};

/** Every sentence the case tables make Smile say, to be rendered in every locale. */
const spoken: Say[] = [];

describe.each(Object.entries(TABLES))('the %s flow, as pure steps', (_flow, cases) => {
  describe.each(LOCALES)('in %s', (locale) => {
    const ctx: DialogContext = {
      conversationId: 'c',
      customerId: 'demo',
      messageId: 'm1',
      locale,
      now: NOW,
      voice: false,
      label: (p) => renderParam(p, locale, ZONE[locale]),
    };
    it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
      let state = c.from ?? initialState();
      c.steps.forEach(([event, says, effect, awaiting], i) => {
        const r = step(state, toEvent(event), c.ctx ? { ...ctx, ...c.ctx } : ctx);
        const at = `step ${i + 1}`;
        expect(
          r.say.map((s) => s.key),
          at,
        ).toEqual(says);
        if (effect === null) expect(r.effect, at).toBeUndefined();
        else if (typeof effect === 'string') expect(r.effect?.type, at).toBe(effect);
        else expect(r.effect, at).toMatchObject(effect);
        if (awaiting !== undefined) expect(r.awaiting, at).toBe(awaiting);
        spoken.push(...r.say);
        // What the step leaves is what will be stored: every frame must parse by its flow's schema.
        expect(DialogStateSchema.safeParse(r.state).error, at).toBeUndefined();
        state = r.state;
      });
    });
  });
});

describe('every sentence the case tables produce', () => {
  it.each(LOCALES)('when rendered in %s, then it has text and no missing value', (locale) => {
    expect(spoken.length).toBeGreaterThan(0);
    for (const message of render(spoken, locale, ZONE[locale])) {
      expect(message.text.trim().length).toBeGreaterThan(0);
      expect(message.text).not.toMatch(/undefined|\[object|NaN/);
      for (const s of message.suggestions ?? []) expect(s).not.toMatch(/undefined|\[object/);
    }
  });
});
