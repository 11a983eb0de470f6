/**
 * What each customer says under a load scenario, in their language, round after round; how a placed order is named
 * to them (the customer-facing number); and the polite refusal while the store is away. Shared by the store-outage and
 * Redis-lost scenarios.
 */
export const SCRIPTS = {
  demo: {
    lines: ['reorder two packs of the wipes', 'yes', 'where is my order?', 'thanks, that is all'],
    placed: /is placed \(order number ([0-9A-F]+)/g,
    polite: /^Sorry — .*nothing will be done twice\.$/,
  },
  'demo-ko': {
    lines: ['분유 다시 주문해 주세요', '네', '제 주문 지금 어디쯤이에요?', '고마워요, 이제 됐어요'],
    // The placement's own words: a status line of an order with no shipment yet carries '주문번호:' too.
    placed: /(?:주문을 완료했어요|주문이 접수됐어요)\.\n주문번호: ([0-9A-F]+)/g,
    polite: /^죄송해요, .*중복으로 처리되지 않으니 안심하세요\.$/,
  },
} as const;
export type Customer = keyof typeof SCRIPTS;

/** The sandbox ids of the orders a reply tells the customer were placed. */
export const ordersTold = (text: string, customer: Customer): string[] =>
  [...text.matchAll(SCRIPTS[customer].placed)].map((m) => `ord-${m[1]!.toLowerCase()}`);
