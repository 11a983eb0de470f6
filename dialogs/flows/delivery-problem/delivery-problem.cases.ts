import type { Shipment } from '../../../domain/commerce.js';
import type { DeliveryProblem } from '../../../domain/understanding.js';
import type { EffectResult } from '../../types.js';
import { account, customer, failed, orders, product, shipments } from '../../testing/fixtures.js';
import { said, type DialogCase } from '../../testing/case.js';

const problem = (value: DeliveryProblem, text: string = value) => ({ type: 'delivery_problem' as const, value, text, start: 0, end: text.length });
const pod = { deliveredAt: '2026-11-08T13:00:00-08:00', leftAt: 'Front door', method: 'photo' as const, photoUrl: 'https://pod.example/s-shoes.jpg' };
const shoes: Shipment = {
  id: 's-shoes',
  orderId: 'o-shoes',
  customerId: 'demo',
  status: 'delivered',
  window: { start: '2026-11-08T12:00:00-08:00', end: '2026-11-08T15:00:00-08:00' },
  place: { type: 'home', label: 'Home' },
  proofOfDelivery: pod,
};
/** Two delivered shipments: the diapers (no proof recorded) and the shoes (a photo at the front door). */
const twoDelivered: EffectResult = { type: 'loadAccount', ok: true, customer, orders, shipments: [...shipments, shoes], suggestions: [] };
const escalated = (liveChat: boolean, phone: string | null = null): EffectResult => ({
  type: 'escalate',
  ok: true,
  escalationId: 'esc-1',
  staffed: true,
  opensAt: null,
  liveChat,
  phone,
  dueAt: '2026-11-22T20:15:00Z',
});
const report = {
  type: 'escalate',
  reason: 'delivery_problem',
  intent: 'report_delivery_problem',
  idempotencyKey: 'c:escalation',
} as const;

export const deliveryProblemCases: DialogCase[] = [
  {
    name: 'when a parcel marked delivered is missing, then Smile asks which, reads the proof back, takes the words, confirms and escalates with the proof',
    steps: [
      [said('report_delivery_problem', [problem('not_received', 'says delivered')], 'it says delivered but it is not here'), [], 'loadAccount'],
      [twoDelivered, ['problem.which'], null, 'order'],
      [said('out_of_scope', [], 'the first one'), ['problem.proof', 'problem.describe.not_received'], null, 'description'],
      [said('out_of_scope', [], 'not with the neighbours either'), ['problem.confirm'], null, 'confirmation'],
      [
        said('affirm'),
        [],
        {
          ...report,
          delivery: {
            problem: 'not_received',
            description: 'it says delivered but it is not here / not with the neighbours either',
            shipment: {
              id: 's-shoes',
              orderId: 'o-shoes',
              status: 'delivered',
              items: '1 × Nike Revolution 7, size 10',
              window: shoes.window,
              place: 'Home',
            },
            proofOfDelivery: pod,
          },
        },
      ],
      [escalated(true), ['problem.reported'], null, null],
    ],
  },
  {
    name: 'when the customer does not say what went wrong, then Smile asks, and a named kind answers it',
    steps: [
      [said('report_delivery_problem', [product('diapers')], 'problem with the diapers delivery'), [], 'loadAccount'],
      [account(), ['problem.ask_kind'], null, 'problem'],
      [said('schedule_return', [problem('damaged', 'crushed')], 'the box came crushed'), ['problem.describe.damaged'], null, 'description'],
      [said('deny', [], 'nothing to add'), ['problem.confirm'], null, 'confirmation'],
    ],
  },
  {
    name: 'when the customer says no at the confirmation, then nothing is reported',
    steps: [
      [said('report_delivery_problem', [problem('wrong_item')], 'wrong item'), [], 'loadAccount'],
      [account(), ['problem.describe.wrong_item'], null, 'description'],
      [said('out_of_scope', [], 'I got a blue one'), ['problem.confirm'], null],
      [said('deny'), ['problem.declined'], null, null],
    ],
  },
  {
    name: 'when the customer says stop while describing, then the report stops and nothing is sent',
    steps: [
      [said('report_delivery_problem', [problem('wrong_place')], 'left at the wrong house'), [], 'loadAccount'],
      [account(), ['problem.describe.wrong_place'], null, 'description'],
      [said('stop'), ['stop.report_delivery_problem'], null, null],
    ],
  },
  {
    name: 'when the customer corrects the kind at the confirmation, then the confirmation is asked again with it',
    steps: [
      [said('report_delivery_problem', [problem('not_received')], 'never got it'), [], 'loadAccount'],
      [account(), ['problem.describe.not_received'], null],
      [said('deny', [], 'no'), ['problem.confirm'], null, 'confirmation'],
      [said('out_of_scope', [problem('damaged')], 'actually it came damaged'), ['problem.confirm'], null, 'confirmation'],
      [said('affirm'), [], { type: 'escalate', delivery: { problem: 'damaged' } as never }],
    ],
  },
  {
    name: 'when the report is said twice (a duplicated request), then it is still one report under the conversation key',
    steps: [
      [said('report_delivery_problem', [problem('damaged')], 'damaged'), [], 'loadAccount'],
      [account(), ['problem.describe.damaged'], null],
      [said('report_delivery_problem', [problem('damaged')], 'the parcel is damaged'), ['problem.confirm'], null, 'confirmation'],
      [said('affirm'), [], { idempotencyKey: 'c:escalation' }],
    ],
  },
  {
    name: 'when nothing is marked delivered and nothing is on its way, then Smile says so and offers a person',
    steps: [
      [said('report_delivery_problem', [problem('not_received')], 'never got it'), [], 'loadAccount'],
      [account((o) => o.status === 'cancelled'), ['problem.nothing_delivered'], null, 'confirmation'],
    ],
  },
  {
    name: 'when the product said to be "delivered but not here" is still on its way, then where it is is said, and no person is offered',
    steps: [
      [said('report_delivery_problem', [problem('not_received'), product('wipes')], 'the wipes show delivered but are not here'), [], 'loadAccount'],
      [account(), ['problem.not_delivered_yet', 'status.line.shipped'], null, null],
    ],
  },
  {
    name: 'when nothing is marked delivered but orders are on their way, then each is told where it is',
    steps: [
      [said('report_delivery_problem', [problem('not_received')], 'it says delivered but nothing came'), [], 'loadAccount'],
      [account((o) => o.status !== 'delivered'), ['problem.not_delivered_yet', 'status.line.shipped', 'status.line.placed'], null, null],
    ],
  },
  {
    name: 'when sending the report fails for a passing reason, then the confirmation stays and yes sends it again under the same key',
    steps: [
      [said('report_delivery_problem', [problem('damaged')], 'damaged'), [], 'loadAccount'],
      [account(), ['problem.describe.damaged'], null],
      [said('deny', [], 'no'), ['problem.confirm'], null],
      [said('affirm'), [], 'escalate'],
      [failed('escalate'), ['failure.retry'], null, 'confirmation'],
      [said('affirm'), [], { idempotencyKey: 'c:escalation' }],
    ],
  },
  {
    name: 'on a speaker, then the words said are the description and a person calls back at the profile number',
    ctx: { voice: true },
    steps: [
      [said('report_delivery_problem', [problem('damaged')], 'damaged'), [], 'loadAccount'],
      [account(), ['problem.confirm'], null, 'confirmation'],
      [said('affirm'), [], 'escalate'],
      [escalated(false, '+1 408 555 0142'), [], { type: 'requestCallback', escalationId: 'esc-1', phone: '+1 408 555 0142' }],
      [{ type: 'requestCallback', ok: true, opensAt: null }, ['problem.reported_callback'], null, null],
    ],
  },
];
