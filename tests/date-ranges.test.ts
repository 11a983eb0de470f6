import { expect } from 'vitest';
import { describeTranscripts, shipment, unchanged, type TranscriptCase } from './transcripts.js';

// Issue 21 item 5: runs of days (주말, 다음 주, 평일, 월말, "this weekend", "next week", "end of the month") over /v1/chat.
// The clock is Sunday 22 Nov 2026 in Los Angeles, Monday 23 Nov 05:00 in Seoul; free windows start the next day.
const CASES: Record<string, TranscriptCase[]> = {
  'runs of days in Korean': [
    {
      name: '"주말에"는 토요일과 일요일 시간을 함께 보여 주고, "일요일 오전으로요"로 고른 시간으로 한 번만 옮긴다',
      user: 'demo-ko',
      steps: [
        ['물티슈 주말에 받고 싶어요', { awaiting: 'window', suggests: /28일\(토\).*29일\(일\)/ }],
        ['일요일 오전으로요', { awaiting: 'confirmation', says: /변경할 도착 시간: 11월 29일\(일\) 오전 9시/ }],
        ['네', { flow: null, says: /11월 29일\(일\) 오전 9시/ }, 'weekend-yes'],
        ['네', { flow: null, says: /11월 29일\(일\) 오전 9시/ }, 'weekend-yes'],
      ],
      check: (s) => expect(shipment(s, 'shp-2003').window.start).toBe('2026-11-29T09:00:00+09:00'),
    },
    {
      name: '"다음 주로 미뤄 주세요"는 다음 주 월요일부터의 시간만 보여 주고, 아니요와 그만이면 아무것도 바꾸지 않는다',
      user: 'demo-ko',
      steps: [
        ['라면 배송 다음 주로 미뤄 주세요', { awaiting: 'window', suggests: /^11월 30일\(월\)[^|]*( \| 11월 30일\(월\)[^|]*)+$/ }],
        ['첫 번째요', { awaiting: 'confirmation', says: /변경할 도착 시간: 11월 30일\(월\) 오전 9시/ }],
        ['아니요', { awaiting: 'window' }],
        ['그만할게요', { flow: null }],
      ],
      check: unchanged,
    },
    {
      name: '"평일 저녁"은 평일 저녁 시간을 여러 날에서 보여 주고, "아니 금요일로"라고 고치면 금요일 저녁으로 확인한다',
      user: 'demo-ko',
      steps: [
        ['물티슈 평일 저녁으로 바꿔 주세요', { awaiting: 'window', suggests: /24일\(화\) 오후 6시.*25일\(수\) 오후 6시.*26일\(목\) 오후 6시/ }],
        ['아니 금요일로요', { awaiting: 'confirmation', says: /변경할 도착 시간: 11월 27일\(금\) 오후 6시/ }],
        ['네', { flow: null }],
      ],
      check: (s) => expect(shipment(s, 'shp-2003').window.start).toBe('2026-11-27T18:00:00+09:00'),
    },
    {
      name: '월말 배송을 고르다가 주문 조회를 물어도 답하고 이어서 진행한다',
      user: 'demo-ko',
      steps: [
        ['물티슈 월말에 받을래요', { awaiting: 'window' }],
        ['주문 어디쯤 왔어요?', { awaiting: 'window', says: /이어서/ }],
        ['세 번째요', { awaiting: 'confirmation' }],
        ['네', { flow: null }],
      ],
      check: (s) => expect(shipment(s, 'shp-2003').window.start >= '2026-11-24').toBe(true),
    },
  ],
  'runs of days in English': [
    {
      name: 'when "this weekend" is asked for, then Saturday and Sunday windows are offered, and "sunday morning" is moved to once',
      user: 'demo',
      steps: [
        ['move the wipes delivery to this weekend', { awaiting: 'window', suggests: /Sat, Nov 28.*Sun, Nov 29/ }],
        ['sunday morning', { awaiting: 'confirmation', says: /Sun, Nov 29, 9/ }],
        ['yes', { flow: null }, 'weekend-yes'],
        ['yes', { flow: null }, 'weekend-yes'],
      ],
      check: (s) => expect(shipment(s, 'shp-1003').window.start).toBe('2026-11-29T09:00:00-08:00'),
    },
    {
      name: 'when "the end of the month" is asked for and the customer says no, then nothing moves',
      user: 'demo',
      steps: [
        ['can the wipes come at the end of the month', { awaiting: 'window' }],
        ['the first one', { awaiting: 'confirmation' }],
        ['no', { awaiting: 'window' }],
        ['stop', { flow: null }],
      ],
      check: unchanged,
    },
  ],
};

describeTranscripts('runs of days in the delivery-time flow (issue 21)', CASES);
