import { describe, expect, it } from 'vitest';
import { extractSubscriptionAction } from './subscriptions.js';

// What a customer asks of a subscription, with Korean verbs in the forms their endings make of the stem
// (건너뛰 → 건너뛸래, 쉬 → 쉴게요, 멈추 → 멈출래, 바꾸 → 바꿀래, 끊 → 끊을래).
describe('the subscription action a message asks for', () => {
  it.each([
    ['정기배송 다음 거 건너뛸래', 'skip'],
    ['이번 회차는 건너뛴다고 해 주세요', 'skip'],
    ['이번엔 한 번 쉴게요', 'skip'],
    ['이번 건은 뺄래요', 'skip'],
    ['생수 이번엔 패스', 'skip'],
    ['다음 정기배송 건너뛰어 줘', 'skip'],
    ['정기배송 잠깐 멈출래', 'pause'],
    ['당분간 쉴래요 정기배송', 'pause'],
    ['정기배송 끊을래요', 'cancel'],
    ['구독 없앨게요', 'cancel'],
    ['주기를 3주로 바꿀래', 'change'],
    ['수량 두 개로 늘릴게요', 'change'],
    ['배송지 회사로 옮길래요', 'change'],
    ['내 정기배송 뭐 있어', 'list'],
    ['삼다수 2주마다 보내 줘', 'start'],
  ])('%s → %s', (text, action) => {
    expect(extractSubscriptionAction(text, 'ko-KR').map((f) => f.value)).toEqual([action]);
  });

  it.each([
    ['skip the next water delivery', 'skip'],
    ['pause my coffee subscription for a month', 'pause'],
    ['cancel the detergent subscription', 'cancel'],
    ['what subscriptions have I got', 'list'],
    ['send me tide every 4 weeks', 'start'],
  ])('%s → %s', (text, action) => {
    expect(extractSubscriptionAction(text, 'en-US').map((f) => f.value)).toEqual([action]);
  });
});
