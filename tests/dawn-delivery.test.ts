import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Smile } from '../app/server.js';
import { get, post, startTestSmile } from './helpers.js';
import { runTranscript, shipment, unchanged, type TranscriptCase } from './transcripts.js';

// 새벽배송: the sandbox offers a 02:00–07:00 window each day to Korean customers for groceries and baby supplies. "Now" is
// Monday Nov 23 2026, 05:00 in Seoul; the wipes (shp-2003, 베베숲 물티슈) arrive Tue Nov 24, 09:00–12:00.
describe('dawn delivery (새벽배송)', () => {
  let smile: Smile;
  beforeAll(async () => {
    smile = await startTestSmile();
  });
  afterAll(async () => {
    await smile.close();
  });
  beforeEach(async () => {
    await post(smile, '/sandbox/reset', {});
  });
  const early = (windows: Array<{ start: string }>) => windows.filter((w) => Number(w.start.slice(11, 13)) < 7);

  it("when the windows of a Korean customer's wipes are asked, then each day starts with a window ending at 07:00", async () => {
    const { windows } = await get(smile, '/sandbox/logistics/v1/shipments/shp-2003/windows');
    expect(early(windows)).toHaveLength(7);
    expect(early(windows)[0]).toEqual({ start: '2026-11-24T02:00:00+09:00', end: '2026-11-24T07:00:00+09:00' });
  });

  it.each([
    ['the US customer', '/sandbox/logistics/v1/shipments/shp-1003/windows'],
    ['shoes', '/sandbox/logistics/v1/delivery-windows?customerId=demo-ko&skus=nike-airmax270-260'],
    ['a quote without products', '/sandbox/logistics/v1/delivery-windows?customerId=demo-ko'],
  ])('when the windows for %s are asked, then none is at dawn', async (_what, path) => {
    expect(early((await get(smile, path)).windows)).toEqual([]);
  });

  it('when a quote names eligible products, then dawn windows are offered', async () => {
    const { windows } = await get(smile, '/sandbox/logistics/v1/delivery-windows?customerId=demo-ko&skus=samdasoo-2l-12,shin-ramyun-5');
    expect(early(windows)).toHaveLength(7);
  });

  const cases: TranscriptCase[] = [
    {
      name: '"내일 새벽에 받고 싶어" moves the wipes to tomorrow\'s dawn window, after a yes',
      user: 'demo-ko',
      steps: [
        ['물티슈 내일 새벽에 받고 싶어', { flow: 'change_delivery_slot', awaiting: 'confirmation', says: /11월 24일\(화\) 새벽배송\(오전 7시 전\)/ }],
        ['네', { flow: null, says: /바꿨어요/ }],
      ],
      check: (s) => expect(shipment(s, 'shp-2003').window).toEqual({ start: '2026-11-24T02:00:00+09:00', end: '2026-11-24T07:00:00+09:00' }),
    },
    {
      name: '"새벽배송으로" offers dawn windows only, and stopping changes nothing',
      user: 'demo-ko',
      steps: [
        [
          '물티슈 새벽배송으로 받을래',
          {
            flow: 'change_delivery_slot',
            awaiting: 'window',
            suggests: /^[^|]*새벽배송\(오전 7시 전\)[^|]*( \| [^|]*새벽배송\(오전 7시 전\)[^|]*)*$/,
          },
        ],
        ['그만', { flow: null }],
      ],
      check: unchanged,
    },
    {
      // Issue 21: the earliest windows, asked with no day or time, name a dawn window by when it is at the door.
      name: 'asked for another time with nothing said about when, the dawn windows read "새벽배송(오전 7시 전)", never a 2 AM start',
      user: 'demo-ko',
      steps: [
        ['물티슈 받는 시간 좀 바꾸고 싶어요', { flow: 'change_delivery_slot', awaiting: 'window', suggests: /새벽배송\(오전 7시 전\)/ }],
        ['됐어요', { flow: null }],
      ],
      check: unchanged,
    },
  ];
  for (const c of cases) it(c.name, () => runTranscript(smile, c));
});
