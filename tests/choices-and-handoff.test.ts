import { describeTranscripts, unchanged, type TranscriptCase } from './transcripts.js';

// Issue 21 items 3 and 7: a brand, part of a name or a slip of it answers a choice in either language without
// changing the conversation's language; asking for a person mid-form ends the form (no question asked again).
const CASES: Record<string, TranscriptCase[]> = {
  'a brand or part of a name answers a choice': [
    {
      name: '재주문할 상품 세 개 중에서 "앱솔"이라고만 해도 앱솔루트 분유로 확인하고, 아니요면 주문하지 않는다',
      user: 'demo-ko',
      steps: [
        ['다시 주문하고 싶어요', { awaiting: 'product', suggestions: 3 }],
        ['앱솔', { awaiting: 'confirmation', says: /상품: 앱솔루트 명작 분유 2단계 800g/ }],
        ['아니요', { flow: null }],
      ],
      check: unchanged,
    },
    {
      name: '반품할 상품을 "나이끼요"처럼 잘못 쳐도 나이키 운동화를 고르고, 영어 브랜드 "nike"에도 한국어로 답한다',
      user: 'demo-ko',
      steps: [
        ['반품 신청할게요', { awaiting: 'item' }],
        ['나이끼요', { awaiting: 'reason', says: /상품: 나이키 에어맥스 270 운동화 260mm\n반품 사유를 알려 주세요/ }],
        ['그만', { flow: null }],
        ['반품 신청할게요', { awaiting: 'item' }],
        ['nike', { awaiting: 'reason', says: /반품 사유를 알려 주세요/ }],
        ['그만', { flow: null }],
      ],
      check: unchanged,
    },
    {
      name: 'when the customer answers "which item?" with a misspelt brand, then that item is taken',
      user: 'demo',
      steps: [
        ['i want to return something', { awaiting: 'item' }],
        ['the nikey ones', { awaiting: 'reason', says: /Nike Revolution 7 Running Shoes/ }],
        ['stop', { flow: null }],
      ],
      check: unchanged,
    },
    {
      name: 'when the customer answers "which delivery?" with part of a brand, then that delivery is moved',
      user: 'demo',
      steps: [
        ['move my delivery', { awaiting: 'order' }],
        ['sonic', { awaiting: 'window', says: /Philips Sonicare/ }],
        ['stop', { flow: null }],
      ],
      check: unchanged,
    },
  ],
  'a person mid-form ends the form': [
    {
      name: '반품 사유를 묻는 중에 상담원 연결을 요청하면 연결만 알리고 반품 질문을 다시 하지 않는다',
      user: 'demo-ko',
      steps: [
        ['운동화 반품하고 싶어요', { awaiting: 'reason' }],
        ['상담원 연결해 주세요', { awaiting: null, says: /^(?![\s\S]*(반품 사유|어떻게 보내시겠어요))[\s\S]*고객지원팀에 전달했어요/ }],
      ],
      check: unchanged,
    },
    {
      name: 'when the customer asks for a person at the reason question, then the reply hands over and asks nothing of the return again',
      user: 'demo',
      steps: [
        ['return the running shoes', { awaiting: 'reason' }],
        ['talk to a person', { awaiting: null, says: /^(?![\s\S]*(Why are you returning|How would you like))/ }],
      ],
      check: unchanged,
    },
  ],
};

describeTranscripts('choices answered by name, and a person mid-form (issue 21)', CASES);
