import { expect } from 'vitest';
import { describeTranscripts, shipment, unchanged, type TranscriptCase } from './transcripts.js';

// 고정된 시각은 서울 기준 11월 23일(월) 새벽 5시: 물티슈(shp-2003)는 24일(화) 9~12시, 라면(shp-2004, 발송 전)은 25일(수) 9~12시
// 도착 예정이고, 배송 가능한 시간대는 24일(화)부터 30일(월)까지예요.
const CASES: Record<string, TranscriptCase[]> = {
  order_status: [
    {
      name: '배송 현황을 알려 준 뒤에 상품 이름만 말하면("운동화는요?") 재주문이 아니라 그 상품의 배송 현황이다; "다시 주문"이 붙으면 재주문이다',
      user: 'demo-ko',
      steps: [
        ['택배 어디쯤 왔어요', { flow: null, says: /배송 현황이에요/ }],
        ['운동화는요?', { flow: null, says: /나이키 에어맥스 270 운동화 260mm\n배송 상태: 배송 완료/ }],
        ['운동화 다시 주문해 줘', { flow: 'reorder', awaiting: 'confirmation' }],
        ['아니요', { flow: null }],
      ],
      check: unchanged,
    },
    {
      name: '다른 상품과 함께 주문한 운동화를 물으면 주문의 첫 상품이 아니라 운동화를 말한다',
      user: 'demo-ko',
      steps: [['운동화는 배송 끝났나요?', { flow: null, says: /나이키 에어맥스 270 운동화 260mm\n배송 상태:/, not: /외 1건/ }]],
      check: unchanged,
    },
    {
      name: '물티슈가 어디쯤 왔는지 물으면 상태, 시간, 받는 곳을 말하고 아무것도 바꾸지 않는다',
      user: 'demo-ko',
      steps: [
        [
          '물티슈 어디쯤 왔어',
          { flow: null, says: /베베숲 물티슈 캡형 70매 10팩\n배송 상태: 배송 중\n도착 예정: 11월 24일\(화\) 오전 9시~낮 12시\n배송지: 집/ },
        ],
      ],
      check: unchanged,
    },
    {
      name: '전체 주문을 물으면 배송 중인 주문을 모두 알려준다',
      user: 'demo-ko',
      steps: [['내 주문 어떻게 됐어?', { says: /2건.*신라면.*상품 준비 중.*베베숲/s }]],
    },
  ],
  change_delivery_slot: [
    {
      name: '네/아니요로 묻는 확인에 "첫 번째요"라고 하면 네로 치지 않고 다시 묻는다',
      user: 'demo-ko',
      steps: [
        ['물티슈 모레 오전으로 바꿔 주세요', { awaiting: 'confirmation' }],
        ['첫 번째요', { awaiting: 'confirmation', says: /바꿀까요\?$/ }],
        ['그만', { flow: null }],
      ],
      check: unchanged,
    },
    {
      name: '이미 그 시간에 오기로 된 배송을 그 시간으로 바꿔 달라고 하면, 그대로 온다고 알려 주고 아무것도 바꾸지 않는다',
      user: 'demo-ko',
      steps: [['물티슈 내일 오전에 받게 해 주세요', { flow: null, says: /이미 도착할 예정이에요[\s\S]*베베숲 물티슈/ }]],
      check: unchanged,
    },
    {
      name: '보여 준 시간이 다 안 맞아 다른 시간을 물으면 그다음 시간들을 보여 주고, 고른 시간으로 옮긴다',
      user: 'demo-ko',
      steps: [
        ['물티슈 받는 시간 좀 바꿀게요', { awaiting: 'window', suggestions: 3 }],
        ['응', { awaiting: 'window', says: /할까요\?/, not: /모르겠어요/ }],
        ['다른 시간은 없나요?', { awaiting: 'window', says: /아직 바꾸지 않았어요. 이 시간 중에서는 어떠세요/, suggestions: 4 }],
        ['첫 번째요', { awaiting: 'confirmation' }],
        ['네', { flow: null, says: /바꿨어요/ }],
      ],
    },
    {
      name: '"모레 오전"으로 바꾸면 한 시간대를 확인하고 배송을 옮긴다',
      user: 'demo-ko',
      steps: [
        [
          '물티슈 모레 오전으로 배송 바꿔줘',
          { awaiting: 'confirmation', says: /변경할 도착 시간: 11월 25일\(수\) 오전 9시~낮 12시\n이 시간으로 바꿀까요\?$/ },
        ],
        ['네', { flow: null, says: /바꿨어요/ }],
      ],
      check: (s) => expect(shipment(s, 'shp-2003').window.start).toBe('2026-11-25T09:00:00+09:00'),
    },
    {
      name: '"퇴근 후"는 저녁 시간대이고, 아니라고 하면 다른 시간을 제안하고, 그만하면 그대로 둔다',
      user: 'demo-ko',
      steps: [
        ['물티슈 내일 퇴근 후에 받을게', { awaiting: 'confirmation', says: /11월 24일\(화\) 오후 6시~밤 9시/ }],
        ['아니', { awaiting: 'window', suggestions: 4 }],
        ['그만', { flow: null, says: /배송 시간은 그대로/ }],
      ],
      check: unchanged,
    },
    {
      name: '날짜를 고치면 새 날짜로 확인한다',
      user: 'demo-ko',
      steps: [
        ['라면 배송 목요일 오후로 바꿔줘', { awaiting: 'window', suggestions: 2 }],
        ['아니 금요일 저녁으로', { awaiting: 'confirmation', says: /11월 27일\(금\) 오후 6시/ }],
        ['응', { flow: null }],
      ],
      check: (s) => expect(shipment(s, 'shp-2004').window.start).toBe('2026-11-27T18:00:00+09:00'),
    },
    {
      name: '주말에 받고 싶다고 하고 중간에 주문 조회를 해도 다시 돌아와서 진행한다',
      user: 'demo-ko',
      steps: [
        ['배송 주말로 미루고 싶어', { awaiting: 'order', suggestions: 2 }],
        ['베베숲 물티슈 캡형 70매 10팩', { awaiting: 'window', suggests: /11월 28일\(토\)/ }],
        ['주문 어디쯤 왔어?', { awaiting: 'window', says: /아까 진행하던 배송 시간 변경을 이어서 할게요/ }],
        ['두 번째', { awaiting: 'confirmation', says: /11월 28일\(토\) 낮 12시/ }],
        ['네', { flow: null }],
      ],
      check: (s) => expect(shipment(s, 'shp-2003').window.start).toBe('2026-11-28T12:00:00+09:00'),
    },
    {
      name: '"하루 미뤄줘"를 같은 메시지로 두 번 확인해도 하루만 옮긴다',
      user: 'demo-ko',
      steps: [
        ['물티슈 하루 미뤄줘', { awaiting: 'confirmation', says: /11월 25일\(수\) 오전 9시/ }],
        ['네', { flow: null }, 'dup'],
        ['네', { flow: null, says: /11월 25일/ }, 'dup'],
      ],
      check: (s) => expect(shipment(s, 'shp-2003').window.start).toBe('2026-11-25T09:00:00+09:00'),
    },
  ],
  change_delivery_place: [
    {
      name: '무인택배함으로 바꾸면 가까운 곳을 제안하고 고른 곳으로 바꾼다',
      user: 'demo-ko',
      steps: [
        ['라면 무인택배함으로 보내줘', { awaiting: 'pickup_point', suggests: /GS25 역삼점 무인택배함 · 24시간/ }],
        ['다른 택배함은 없어요?', { awaiting: 'pickup_point', says: /가까운 곳은 이게 전부예요/ }],
        ['첫 번째', { awaiting: 'confirmation' }],
        ['네', { flow: null, says: /인증번호/ }],
      ],
      check: (s) =>
        expect(shipment(s, 'shp-2004').place).toEqual({ type: 'locker', label: 'GS25 역삼점 무인택배함', pickupPointId: 'pp-kr-gs25-yeoksam' }),
    },
    {
      name: '확인 중에 편의점으로 고치면 편의점으로 바꾼다',
      user: 'demo-ko',
      steps: [
        ['물티슈 회사로 보내줘', { awaiting: 'confirmation', says: /새 배송지: 회사\n이 배송지로 바꿀까요\?$/ }],
        ['아니 편의점으로', { awaiting: 'pickup_point' }],
        ['CU 역삼중앙점 · 24시간', { awaiting: 'confirmation' }],
        ['네', { flow: null }],
      ],
      check: (s) => expect(shipment(s, 'shp-2003').place).toMatchObject({ type: 'convenience_store', pickupPointId: 'pp-kr-cu-yeoksam' }),
    },
    {
      name: '차 트렁크 배송을 찾으면 제공하지 않는다고 솔직하게 말하고 바꾸지 않는다',
      user: 'demo-ko',
      steps: [['물티슈 차 트렁크에 넣어줘', { flow: null, says: /차 트렁크 배송은 지금 제공하지 않아요/, not: /등록|마이페이지/ }]],
      check: unchanged,
    },
    {
      name: '기사님 요청사항은 프로필과 배송 중인 주문에 저장된다',
      user: 'demo-ko',
      steps: [
        [
          '벨 누르지 말고 문 앞에 두세요',
          { awaiting: 'confirmation', says: /배송 요청사항: 벨 누르지 말고 문 앞에 두세요\n진행 중인 주문 2건.*저장할까요\?$/s },
        ],
        ['네', { flow: null, says: /저장했어요/ }],
      ],
      check: async (s) => {
        expect((await s.smile.store.preferences.get('demo-ko'))?.courierInstructions).toBe('벨 누르지 말고 문 앞에 두세요');
        expect(shipment(s, 'shp-2003').instructions).toBe('벨 누르지 말고 문 앞에 두세요');
        expect(shipment(s, 'shp-2004').instructions).toBe('벨 누르지 말고 문 앞에 두세요');
      },
    },
    {
      name: '아니라고 하면 바꾸지 않는다',
      user: 'demo-ko',
      steps: [
        ['물티슈 회사로 보내줘', { awaiting: 'confirmation' }],
        ['아니요', { flow: null, says: /배송지는 그대로 둘게요/ }],
      ],
      check: unchanged,
    },
  ],
  schedule_return: [
    {
      name: '분유 반품은 거절하기 전에 개봉했는지 묻고, 개봉했다고 하면 정책의 조건을 말하고 상담원을 권한다',
      user: 'demo-ko',
      steps: [
        ['분유 반품할래요', { flow: 'schedule_return', awaiting: 'opened', says: /개봉하지 않은 상품만 반품할 수 있어요\. 상품을 개봉하셨나요\?$/ }],
        ['네 뜯었어요', { flow: 'human_handoff', awaiting: 'confirmation', says: /개봉한 뒤에는 반품할 수 없어요/ }],
        ['아니요', { flow: null }],
      ],
      check: unchanged,
    },
    {
      name: '기저귀를 개봉하지 않았다고 하면 반품할 수 있다고 말하고 접수해 줄 상담원을 권한다',
      user: 'demo-ko',
      steps: [
        ['기저귀 반품하고 싶어요', { awaiting: 'opened', suggestions: 2 }],
        [
          '아니요 포장 그대로예요',
          { flow: 'human_handoff', awaiting: 'confirmation', says: /개봉하지 않은 .*반품할 수 있어요/, not: /반품할 수 없어요/ },
        ],
        ['괜찮아요', { flow: null }],
      ],
      check: unchanged,
    },
    {
      name: '"반품 접수됐어요?"는 새 반품이 아니라 신청된 반품을 알려 주고, 신청한 뒤에는 그 예약번호를 알려 준다',
      user: 'demo-ko',
      steps: [
        ['반품 접수됐어요?', { flow: null, says: /신청된 반품은 없어요/ }],
        ['운동화 반품할게요', { awaiting: 'reason' }],
        ['발이 아파요 작아서', { awaiting: 'method' }],
        ['편의점', { awaiting: 'pickup_point' }],
        ['CU로 할게요', { awaiting: 'confirmation' }],
        ['네', { flow: null, says: /반품 예약번호/ }],
        ['운동화 반품 신청 잘 된 거죠?', { flow: null, says: /반품 신청이 되어 있어요[\s\S]*나이키 에어맥스 270 운동화 260mm\n반품 예약번호: \d+/ }],
      ],
      check: async (s) => expect(s.returns.length - s.before.returns.length).toBe(1),
    },
    {
      name: '운동화를 기사님 방문 수거로 반품하면 한 번만 접수하고 환불 예상액을 알려준다',
      user: 'demo-ko',
      steps: [
        ['운동화 반품하고 싶어', { awaiting: 'reason', suggestions: 5 }],
        ['사이즈가 안 맞아요', { awaiting: 'method', suggestions: 3 }],
        ['기사님 방문 수거', { awaiting: 'window', suggestions: 3 }],
        ['첫 번째', { awaiting: 'confirmation', says: /169,000원/ }],
        ['네', { flow: null, says: /반품을 신청했어요.*방문 예정: 11월 24일\(화\) 오전 9시/s }, 'r'],
        ['네', { flow: null, says: /반품을 신청했어요/ }, 'r'],
      ],
      check: (s) => {
        expect(s.returns).toHaveLength(1);
        expect(s.returns[0]).toMatchObject({
          orderId: 'ord-2002',
          method: 'courier_pickup',
          reason: 'size',
          refundEstimate: { amount: 169000, currency: 'KRW' },
        });
      },
    },
    {
      name: '이유와 방법을 한 번에 말하면 편의점만 고르면 된다',
      user: 'demo-ko',
      steps: [
        ['운동화가 파손돼서 왔어요 편의점에 반품할게요', { awaiting: 'pickup_point' }],
        ['CU 역삼중앙점 · 24시간', { awaiting: 'confirmation', says: /반품 사유: 상품 파손\n반품 방법: 편의점 접수\(CU 역삼중앙점\)/ }],
        ['네', { flow: null, says: /반품 예약번호: \d{6}/ }],
      ],
      check: (s) => expect(s.returns[0]).toMatchObject({ method: 'store_dropoff', reason: 'damaged', pickupPointId: 'pp-kr-cu-yeoksam' }),
    },
    {
      name: '반품할 상품을 고르는 중에 도움말을 보고 그만하면 접수하지 않는다',
      user: 'demo-ko',
      steps: [
        ['반품 신청할게요', { awaiting: 'item', suggestions: 2 }],
        ['도움말', { awaiting: 'item', says: /반품할 상품을 고르시거나.*어떤 상품을 반품할까요/ }],
        ['그만', { flow: null, says: /반품은 신청하지 않았어요/ }],
      ],
      check: unchanged,
    },
    {
      name: '발송 전인 상품을 반품하려 하면 취소할 수 있다고 답하고, 상담원은 권하지 않는다',
      user: 'demo-ko',
      steps: [
        ['라면 반품해줘', { flow: null, says: /아직 발송 전이라 주문을 취소하실 수 있어요/ }],
        ['아니요', { flow: null }],
      ],
      check: unchanged,
    },
  ],
  cancel_order: [
    {
      name: '상품 없이 "주문 취소해 줘"라고 하면 발송 전 주문(신라면)만 확인하고, 이미 발송된 물티슈는 보여 주지 않는다',
      user: 'demo-ko',
      steps: [
        ['주문 하나 취소하고 싶어요', { awaiting: 'confirmation', says: /신라면[\s\S]*취소할까요\?$/ }],
        ['아니요', { flow: null }],
      ],
      check: unchanged,
    },
    {
      name: '배송 완료된 주문을 취소하려 하면 반품을 권하고, 네 하면 그 상품의 반품을 시작한다',
      user: 'demo-ko',
      steps: [
        ['운동화 주문 취소할래요', { awaiting: 'confirmation', says: /취소할 수 없어요.*반품을 신청할까요\?$/s }],
        ['네', { flow: 'schedule_return', says: /나이키 에어맥스 270 운동화/ }],
        ['그만', { flow: null }],
      ],
      check: unchanged,
    },
    {
      name: '여러 상품이 든 배송 완료 주문에서 삼다수를 취소하려 하면 주문의 첫 상품이 아닌 삼다수를 말한다',
      user: 'demo-ko',
      steps: [
        ['삼다수 주문한 거 취소할래요', { awaiting: 'confirmation', says: /^제주 삼다수 2L 12병.*취소할 수 없어요/s, not: /나이키|외 1건/ }],
        ['아니요', { flow: null }],
      ],
      check: unchanged,
    },
    {
      name: '발송 전 주문은 확인 후 한 번만 취소된다',
      user: 'demo-ko',
      steps: [
        [
          '라면 주문 취소해줘',
          { awaiting: 'confirmation', says: /상품: 신라면 멀티팩 5개입\n주문번호: 2004\n환불 예정 금액: 9,000원\n이 주문을 취소할까요\?$/ },
        ],
        ['네', { flow: null, says: /취소했어요/ }, 'c'],
        ['네', { flow: null, says: /취소했어요/ }, 'c'],
      ],
      check: (s) => expect(s.orders.find((o) => o.id === 'ord-2004').status).toBe('cancelled'),
    },
    {
      name: '발송된 주문은 취소할 수 없다고 말하고 도착 후 반품을 안내한다',
      user: 'demo-ko',
      steps: [['물티슈 주문 취소', { flow: null, says: /이미 발송돼서 취소할 수 없어요.*반품/ }]],
      check: unchanged,
    },
    {
      name: '취소 확인에서 "아 잠깐 그거 말고 물티슈요"라고 하면 물티슈 주문을 대신 살펴보고, 라면은 취소하지 않는다',
      user: 'demo-ko',
      steps: [
        ['신라면 주문 취소하고 싶어요', { awaiting: 'confirmation', says: /신라면/ }],
        ['아 잠깐 그거 말고 물티슈요', { flow: null, says: /물티슈.*이미 발송돼서 취소할 수 없어요/ }],
      ],
      check: unchanged,
    },
    {
      name: '아니라고 하면 취소하지 않는다',
      user: 'demo-ko',
      steps: [
        ['신라면 취소해주세요', { awaiting: 'confirmation' }],
        ['아니', { flow: null, says: /취소하지 않을게요/ }],
      ],
      check: unchanged,
    },
  ],
  global: [
    {
      name: '확인에 "ok"라고 하면 주문하고 한국어로 계속 답한다',
      user: 'demo-ko',
      steps: [
        ['물티슈 다시 주문해줘', { awaiting: 'confirmation' }],
        ['ok', { flow: null, says: /주문을 완료했어요/ }],
      ],
    },
    {
      name: '확인에 "응응"이라고 하면 취소한다',
      user: 'demo-ko',
      steps: [
        ['라면 주문 취소해줘', { awaiting: 'confirmation' }],
        ['응응', { flow: null, says: /주문을 취소했어요/ }],
      ],
      check: (s) => expect(s.orders.find((o) => o.id === 'ord-2004').status).toBe('cancelled'),
    },
    {
      name: '확인에 "괜찮아요"라고 하면 바꾸지 않는다',
      user: 'demo-ko',
      steps: [
        ['물티슈 회사로 보내줘', { awaiting: 'confirmation' }],
        ['괜찮아요', { flow: null, says: /배송지는 그대로 둘게요/ }],
      ],
      check: unchanged,
    },
    {
      name: '상담원 연결 제안에 "아니 그냥 둘게요"라고 하면 연결하지 않는다',
      user: 'demo-ko',
      steps: [
        ['기저귀 반품해줘', { flow: 'schedule_return', awaiting: 'opened' }],
        ['네 열어 봤어요', { flow: 'human_handoff', awaiting: 'confirmation' }],
        ['아니 그냥 둘게요', { flow: null }],
      ],
      check: unchanged,
    },
    {
      name: '다시 말해 달라, 영어로, 처음부터를 알아듣는다',
      user: 'demo-ko',
      steps: [
        ['물티슈 다시 주문해줘', { awaiting: 'confirmation' }],
        ['다시 말해줘', { awaiting: 'confirmation', says: /베베숲 물티슈/ }],
        ['in English please', { awaiting: 'confirmation', says: /speak English.*Shall I place the order/ }],
        ['start over', { flow: null, says: /start over/ }],
      ],
      check: unchanged,
    },
    {
      name: '뭐 다시 주문할지 물으면 떨어져 가는 것부터 제안한다',
      user: 'demo-ko',
      steps: [
        ['뭐 다시 주문할까?', { awaiting: 'product', says: /곧 다 떨어질 것 같은 상품이 있어요/ }],
        ['그만', { flow: null }],
      ],
    },
  ],
};

describeTranscripts('모든 흐름을 한국어로 POST /v1/chat에서', CASES);
