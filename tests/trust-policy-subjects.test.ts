import { describeTranscripts, unchanged, type TranscriptCase } from './transcripts.js';

// Issue 21 items 5 and 6, issue 12 item 8: a policy answer is about what was asked, or "I don't know" and a person; an
// exchange and account questions (points, payment methods, receipts, membership) get an honest answer and a person,
// never a delivery change or a return; "뜯은 상품도 반품 되나요?" is a question, not a return. Nothing changes.
const CASES: Record<string, TranscriptCase[]> = {
  'policy answers match the subject asked': [
    {
      name: '반품 배송비를 물으면 배송비 규정이 아니라 반품 정책(반품은 무료)으로 답한다',
      user: 'demo-ko',
      steps: [['반품할 때 배송비 따로 내야 돼요?', { flow: null, says: /반품 배송비[\s\S]*출처: 반품 정책/ }]],
      check: unchanged,
    },
    {
      name: '"뜯은 상품도 반품 되나요?"는 반품 신청이 아니라 정책 질문이고, 개봉한 상품 조항으로 답한다',
      user: 'demo-ko',
      steps: [['박스 뜯은 물건도 반품 돼요?', { flow: null, says: /개봉한 위생용품[\s\S]*반품할 수 없는 상품/ }]],
      check: unchanged,
    },
    {
      name: 'when asked what a return costs to send back, then the returns policy answers it (free), not the delivery fee rule',
      user: 'demo',
      steps: [['do I pay for shipping when I send a return back?', { flow: null, says: /no return shipping fee[\s\S]*Returns policy/ }]],
      check: unchanged,
    },
    {
      name: 'when a question is outside the documents, then Smile says it does not know and offers a person; "no" ends it',
      user: 'demo',
      steps: [
        ['what is your policy on price matching?', { awaiting: 'confirmation', says: /I don't know/ }],
        ['no', { flow: null }],
      ],
      check: unchanged,
    },
  ],
  'exchanges and the account, answered honestly': [
    {
      name: '"교환도 되나요?"는 반품을 시작하지 않고, 스마일이 할 수 있는 것(반품 후 재주문)과 상담원을 안내한다',
      user: 'demo-ko',
      steps: [['이거 교환도 되나요?', { awaiting: 'confirmation', says: /교환 접수가 어려워요[\s\S]*다시 주문[\s\S]*상담원을 연결해 드릴까요\?/ }]],
      check: unchanged,
    },
    {
      name: 'when the customer asks to exchange the shoes for a bigger size, then no return starts and a person is offered',
      user: 'demo',
      steps: [
        ['can I exchange the shoes for a bigger size?', { awaiting: 'confirmation', says: /can't swap[\s\S]*reorder the size/ }],
        ['no', { flow: null }],
      ],
      check: unchanged,
    },
    {
      name: '적립금, 결제 수단, 영수증, 멤버십 환불 질문은 배송 변경으로 받지 않고 마이페이지와 상담원을 안내한다',
      user: 'demo-ko',
      steps: [
        ['적립금은 언제 들어와요?', { awaiting: 'confirmation', says: /적립금, 결제 수단, 영수증, 멤버십은 스마일에서[\s\S]*마이페이지/ }],
        ['결제 수단 바꾸고 싶어요', { awaiting: 'confirmation', says: /스마일에서 확인하거나 바꿀 수 없어요/ }],
        ['영수증 받을 수 있어요?', { awaiting: 'confirmation', says: /스마일에서 확인하거나 바꿀 수 없어요/ }],
        ['멤버십 환불은 언제 돼요?', { awaiting: 'confirmation', says: /스마일에서 확인하거나 바꿀 수 없어요/ }],
        ['괜찮아요', { flow: null }],
      ],
      check: unchanged,
    },
    {
      name: 'when the customer wants to change the card they pay with, then it is not a delivery change and a person is offered',
      user: 'demo',
      steps: [['I need to change my payment method', { awaiting: 'confirmation', says: /shop account[\s\S]*My Page/ }]],
      check: unchanged,
    },
    {
      name: 'when the customer asks where orders are instead of giving a return reason, then Smile answers and asks the reason again',
      user: 'demo',
      steps: [
        ['return the shoes', { awaiting: 'reason' }],
        ['where is my order', { flow: 'schedule_return', awaiting: 'reason', says: /on the way[\s\S]*Back to your return/ }],
        ['stop', { flow: null }],
      ],
      check: unchanged,
    },
  ],
};

describeTranscripts('policy answers about what was asked, exchanges and account questions (issues 12 and 21)', CASES);
