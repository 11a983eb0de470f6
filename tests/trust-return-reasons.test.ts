import { expect } from 'vitest';
import { describeTranscripts, unchanged, type TranscriptCase } from './transcripts.js';

// Issue 21 item 5: any answer to "why are you returning it?" is a reason and keeps the return, in both languages;
// a question about another product is still a digression. The booked return (or none) is checked in the sandbox.
const newReturn = (s: { returns: any[]; before: { returns: any[] } }): any => s.returns.find((r) => !s.before.returns.some((b) => b.id === r.id));

const CASES: Record<string, TranscriptCase[]> = {
  'any answer to the reason question is a reason': [
    {
      name: '반품 사유로 "배송이 너무 늦게 왔어요"라고 하면 배송 변경이 아니라 반품 사유(늦은 도착)로 받고 반품을 이어 간다',
      user: 'demo-ko',
      steps: [
        ['운동화 반품할게요', { awaiting: 'reason' }],
        ['배송이 너무 늦게 왔어요', { flow: 'schedule_return', awaiting: 'method' }],
        ['편의점 접수', { awaiting: 'pickup_point' }],
        ['첫 번째', { awaiting: 'confirmation' }],
        ['네', { flow: null }],
      ],
      check: (s) => expect(newReturn(s)).toMatchObject({ reason: 'late', items: [{ sku: 'nike-airmax270-260' }] }),
    },
    {
      name: '반품 사유로 "색깔이 사진이랑 너무 달라요"라고 하면 그 말 그대로 사유가 되고 상담원 연결이나 다른 요청으로 새지 않는다',
      user: 'demo-ko',
      steps: [
        ['운동화 반품할게요', { awaiting: 'reason' }],
        ['색깔이 사진이랑 너무 달라요', { flow: 'schedule_return', awaiting: 'method' }],
        ['편의점 접수', { awaiting: 'pickup_point' }],
        ['첫 번째', { awaiting: 'confirmation', says: /색깔이 사진이랑 너무 달라요/ }],
        ['네', { flow: null }],
      ],
      check: (s) => expect(newReturn(s)).toMatchObject({ reason: '색깔이 사진이랑 너무 달라요' }),
    },
    {
      name: '반품 사유로 "잘못 주문했어요"는 주문 취소가 아니라 단순 변심이고, "그만"이면 아무것도 신청하지 않는다',
      user: 'demo-ko',
      steps: [
        ['운동화 반품할게요', { awaiting: 'reason' }],
        ['잘못 주문했어요', { flow: 'schedule_return', awaiting: 'method' }],
        ['그만', { flow: null }],
      ],
      check: unchanged,
    },
    {
      name: 'when the reason is "they came way too late", then it is the late reason and the return goes on',
      user: 'demo',
      steps: [
        ['return the shoes', { awaiting: 'reason' }],
        ['they came way too late', { flow: 'schedule_return', awaiting: 'method' }],
        ['Drop off at a convenience store', { awaiting: 'pickup_point' }],
        ['the first one', { awaiting: 'confirmation', says: /arrived late/ }],
        ['yes', { flow: null }],
      ],
      check: (s) => expect(newReturn(s)).toMatchObject({ reason: 'late' }),
    },
    {
      name: 'when the customer asks where another product is instead of a reason, then Smile answers and asks the reason again',
      user: 'demo',
      steps: [
        ['return the shoes', { awaiting: 'reason' }],
        ['where are my wipes?', { flow: 'schedule_return', awaiting: 'reason', says: /Pampers[\s\S]*Back to your return/ }],
        ['stop', { flow: null }],
      ],
      check: unchanged,
    },
  ],
  'the way of sending it back, in the customer’s own words': [
    {
      name: 'when the customer answers "drop off", then Smile asks which drop-off (not "stopped"), and "the store" books it',
      user: 'demo',
      steps: [
        ['I want to return the running shoes, they are too small', { awaiting: 'method' }],
        ['drop off', { flow: 'schedule_return', awaiting: 'method', says: /Which of these/ }],
        ['the store one', { awaiting: 'pickup_point' }],
        ['the first one', { awaiting: 'confirmation' }],
        ['yes', { flow: null }],
      ],
      check: (s) => expect(newReturn(s)).toMatchObject({ method: 'store_dropoff' }),
    },
    {
      name: 'when the customer answers "I\'ll drop it off at a locker", then it is the locker drop-off',
      user: 'demo',
      steps: [
        ['return the shoes', { awaiting: 'reason' }],
        ['wrong size', { awaiting: 'method' }],
        ["I'll drop it off at a locker", { flow: 'schedule_return', awaiting: 'pickup_point' }],
        ['stop', { flow: null }],
      ],
      check: unchanged,
    },
    {
      name: '"직접 접수할게요"라고 하면 편의점과 무인택배함 중 어디인지 묻고, "편의점이요"로 이어 간다',
      user: 'demo-ko',
      steps: [
        ['운동화 반품할게요', { awaiting: 'reason' }],
        ['사이즈가 안 맞아요', { awaiting: 'method' }],
        ['직접 접수할게요', { flow: 'schedule_return', awaiting: 'method', says: /어느 쪽으로/ }],
        ['편의점이요', { awaiting: 'pickup_point' }],
        ['첫 번째', { awaiting: 'confirmation' }],
        ['네', { flow: null }],
      ],
      check: (s) => expect(newReturn(s)).toMatchObject({ method: 'store_dropoff' }),
    },
  ],
};

describeTranscripts('return reasons in the customer’s own words (issue 21, item 5)', CASES);
