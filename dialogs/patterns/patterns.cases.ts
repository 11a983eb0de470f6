import { account, product } from '../testing/fixtures.js';
import { said, type CaseStep, type DialogCase } from '../testing/case.js';

// Context before classification: what the top flow waits for is tried first; explicit commands, frustration and a
// policy question come before it; stop, a person, help and new requests after it.
const toConfirmation: CaseStep[] = [
  [said('cancel_order', [product('brush')]), [], 'loadAccount'],
  [account(), ['cancel.confirm'], null, 'confirmation'],
];

export const patternCases: DialogCase[] = [
  {
    name: 'when the customer says "unlink my account" at a confirmation, then the link is forgotten and the change is set aside',
    steps: [
      ...toConfirmation,
      [said('out_of_scope', [], 'unlink my account'), [], 'unlinkAccount'],
      [{ type: 'unlinkAccount', ok: true, unlinked: true }, ['account.unlinked'], null, null],
    ],
  },
  {
    name: 'when "계정 연결 해제" finds no link, then Smile says there is nothing to unlink',
    steps: [
      [said('out_of_scope', [], '계정 연결 해제'), [], 'unlinkAccount'],
      [{ type: 'unlinkAccount', ok: true, unlinked: false }, ['account.not_linked'], null, null],
    ],
  },
  {
    name: 'when unlinking fails, then Smile apologises and nothing else changes',
    steps: [
      [said('out_of_scope', [], 'disconnect my account'), [], 'unlinkAccount'],
      [{ type: 'unlinkAccount', ok: false, code: 'store_unavailable', transient: true }, ['account.unlink_failed'], null, null],
    ],
  },
  {
    name: 'when the customer asks for help at a confirmation, then Smile explains how to answer it and asks again',
    steps: [...toConfirmation, [said('help'), ['help.step.confirmation', 'cancel.confirm'], null, 'confirmation']],
  },
  {
    name: 'when the customer asks for help with nothing under way, then Smile says what it can do',
    steps: [[said('help'), ['help'], null, null]],
  },
  {
    name: 'when a policy question comes in the middle of a flow, then it is answered and the flow asks again',
    steps: [
      ...toConfirmation,
      [
        said('out_of_scope', [], 'how long do refunds take?', { policy: { text: 'T', source: 'S' } }),
        ['policy.answer', 'resume', 'cancel.confirm'],
        null,
        'confirmation',
      ],
    ],
  },
  {
    name: 'when a policy question is not covered, then Smile says it does not know and offers a person',
    steps: [[said('out_of_scope', [], 'what is your privacy policy?', { policy: { notCovered: true } }), ['policy.unknown'], null, 'confirmation']],
  },
  {
    name: 'when an exchange and then the account come up, then each is answered honestly with one offer of a person, and no ends it',
    steps: [
      [said('schedule_return', [], 'can I exchange it?', { policy: { outside: 'exchange' } }), ['policy.outside.exchange'], null, 'confirmation'],
      [said('out_of_scope', [], 'where are my points?', { policy: { outside: 'account' } }), ['policy.outside.account'], null, 'confirmation'],
      [said('deny'), ['handoff.declined'], null, null],
    ],
  },
  {
    name: 'when the customer is clearly frustrated at a confirmation, then a person is offered before the flow takes the words',
    steps: [...toConfirmation, [said('deny', [], 'no this is useless', { frustrated: true }), ['offer_person.frustrated'], null, 'confirmation']],
  },
  {
    name: 'when the customer says stop at a confirmation, then the flow stops and nothing is done',
    steps: [...toConfirmation, [said('stop'), ['stop.cancel_order'], null, null]],
  },
  {
    name: 'when understanding is unsure between two requests, then Smile asks which one, with both as suggestions',
    steps: [
      [
        said('out_of_scope', [], 'the wipes thing', {
          alternatives: [
            { name: 'order_status', confidence: 0.4 },
            { name: 'reorder', confidence: 0.3 },
          ],
        }),
        ['clarify'],
        null,
        null,
      ],
    ],
  },
  {
    name: 'when understanding has no idea, then Smile says so plainly, and the second time offers a person',
    steps: [
      [
        said('out_of_scope', [], 'blorp', {
          confidence: 0.4,
          alternatives: [
            { name: 'out_of_scope', confidence: 0.4 },
            { name: 'greet', confidence: 0.05 },
          ],
        }),
        ['not_understood'],
        null,
        null,
      ],
      [said('out_of_scope', [], 'blorp blorp', { confidence: 0.3 }), ['offer_person'], null, 'confirmation'],
    ],
  },
  {
    name: 'when understanding is sure a message is about something else, then Smile says what it is for each time (no misunderstanding, so no offer of a person), and a real misunderstanding still counts',
    steps: [
      [said('out_of_scope', [], 'my bank card has not arrived', { confidence: 0.97 }), ['out_of_scope'], null, null],
      [said('out_of_scope', [], 'move my dentist appointment', { confidence: 0.96 }), ['out_of_scope'], null, null],
      [said('out_of_scope', [], 'blorp the thing', { confidence: 0.2 }), ['not_understood'], null, null],
      [said('out_of_scope', [], 'zzz', { confidence: 0.2 }), ['offer_person'], null, 'confirmation'],
    ],
  },
  {
    name: 'when the customer asks what the pending change costs or when it comes, then the confirmation is said again and nothing else happens',
    steps: [
      ...toConfirmation,
      [said('out_of_scope', [], 'how much is that?'), ['confirm.details', 'cancel.confirm'], null, 'confirmation'],
      [said('order_status', [], '얼마예요?'), ['confirm.details', 'cancel.confirm'], null, 'confirmation'],
      [said('order_status', [], 'when would it arrive?'), ['confirm.details', 'cancel.confirm'], null, 'confirmation'],
      [said('deny'), ['cancel.declined'], null, null],
    ],
  },
  {
    name: 'when a yes or a no comes with nothing asked, then it is acknowledged and nothing happens',
    steps: [
      [said('affirm', [], 'ok'), ['ack'], null, null],
      [said('deny', [], 'no'), ['ack'], null, null],
    ],
  },
  {
    name: 'when the customer asks for a person in the middle of a flow, then the confirmation is set aside (and said so) and the escalation starts',
    steps: [...toConfirmation, [said('human_handoff'), ['pending.dropped'], { type: 'escalate', reason: 'customer_request' }]],
  },
];
