import { afterEach, describe, expect, it } from 'vitest';
import type { Smile } from '../app/server.js';
import { allText, conversation, get, post, startTestSmile } from './helpers.js';

// A delay notice asks "pick another time?" and leaves that question open (PRODUCT.md section 8, issue 13 item 5):
// the customer's next message answers it — yes, a day or time, or no — and anything else is handled as usual.
let smile: Smile | undefined;
afterEach(async () => {
  await smile?.close();
  smile = undefined;
});

const delay = async (s: Smile, shipmentId: string): Promise<{ start: string; end: string }> => {
  const r = await post(s, `/sandbox/logistics/v1/shipments/${shipmentId}/advance`, { to: 'delayed' });
  expect(r.json.webhook).toEqual({ status: 200 });
  return r.json.shipment.window;
};
const windowOf = async (s: Smile, id: string): Promise<{ start: string }> => (await get(s, `/sandbox/logistics/v1/shipments/${id}`)).window;

describe('answering a delay notice', () => {
  it('in English over REST: "yes" offers windows, one is picked and confirmed, the delivery moves once', async () => {
    smile = await startTestSmile();
    const chat = conversation(smile, 'demo', 'delay-en');
    await chat('hi');
    const delayed = await delay(smile, 'shp-1004');
    const offered = await chat('yes');
    expect(allText(offered)).not.toMatch(/didn't get that/i);
    expect(offered.state.flow).toBe('change_delivery_slot');
    expect(offered.state.awaiting).toBe('window');
    const choice = offered.messages.flatMap((m) => m.suggestions ?? [])[0]!;
    const confirm = await chat(choice);
    expect(confirm.state.awaiting).toBe('confirmation');
    const done = await chat('yes');
    expect(done.state.flow).toBeNull();
    const moved = await windowOf(smile, 'shp-1004');
    expect(moved.start).not.toBe(delayed.start);
    // The same "yes" again (a repeated message id) moves nothing more.
    const again = await post(smile, '/v1/chat', { userId: 'demo', text: 'yes', conversationId: 'delay-en', messageId: 'delay-en-m3' });
    expect(again.status).toBe(200);
    expect((await windowOf(smile, 'shp-1004')).start).toBe(moved.start);
  });

  it('in English: "no" keeps the new window and changes nothing', async () => {
    smile = await startTestSmile();
    const chat = conversation(smile, 'demo', 'delay-no');
    await chat('hi');
    const delayed = await delay(smile, 'shp-1004');
    const r = await chat('no thanks');
    expect(allText(r)).toMatch(/^Okay — .+ stays booked for /);
    expect(r.state.flow).toBeNull();
    expect((await windowOf(smile, 'shp-1004')).start).toBe(delayed.start);
  });

  it('in Korean: "네" goes to the free windows; "그만" stops there and changes nothing', async () => {
    smile = await startTestSmile();
    const chat = conversation(smile, 'demo-ko', 'delay-ko');
    await chat('안녕하세요');
    await delay(smile, 'shp-2004');
    const r = await chat('네');
    expect(r.state.flow).toBe('change_delivery_slot');
    expect(allText(r)).not.toMatch(/이해하지 못했/);
    expect(r.state.awaiting).toBe('window');
    const stop = await chat('그만');
    expect(stop.state.flow).toBeNull();
  });

  it('in Korean: "아니요" keeps it; something else entirely is answered as usual and the question lapses', async () => {
    smile = await startTestSmile();
    const chat = conversation(smile, 'demo-ko', 'delay-ko-no');
    await chat('안녕하세요');
    const delayed = await delay(smile, 'shp-2004');
    expect(allText(await chat('아니요'))).toMatch(/^알겠어요\. .+ 도착 일정은 그대로 둘게요\.$/);
    await delay(smile, 'shp-2004');
    const other = await chat('반품 정책 알려줘');
    expect(other.state.flow).not.toBe('change_delivery_slot');
    // Then a bare "네" is no longer about the delay.
    expect((await chat('네')).state.flow).not.toBe('change_delivery_slot');
    expect((await windowOf(smile, 'shp-2004')).start).not.toBe(delayed.start); // moved only by the second delay
  });
});
