import { afterEach, describe, expect, it } from 'vitest';
import type { Smile } from '../app/server.js';
import { allText, conversation, get, post, startTestSmile } from './helpers.js';

let smile: Smile | undefined;
afterEach(async () => {
  await smile?.close();
  smile = undefined;
});

const messages = async (s: Smile, customerId: string): Promise<Array<{ channel: string; kind: string; text: string }>> =>
  (await get(s, `/sandbox/notify/v1/messages?customerId=${customerId}`)).messages;
const delay = async (s: Smile, shipmentId: string): Promise<void> => {
  const r = await post(s, `/sandbox/logistics/v1/shipments/${shipmentId}/advance`, { to: 'delayed' });
  expect(r.json.webhook).toEqual({ status: 200 });
};

describe('turning delivery notifications off and on by conversation', () => {
  it('in English: "stop delivery notifications" silences them, "turn them back on" brings them back', async () => {
    smile = await startTestSmile();
    const chat = conversation(smile, 'demo', 'en-settings');
    expect(allText(await chat('stop delivery notifications'))).toContain("I've turned off delivery notifications");
    await delay(smile, 'shp-1004');
    expect(await messages(smile, 'demo')).toEqual([]);
    expect(allText(await chat('turn them back on'))).toBe('Done — delivery notifications are back on.');
    await delay(smile, 'shp-1004');
    // On the chat demo last used, and in the conversation too.
    expect((await messages(smile, 'demo')).map((m) => [m.kind, m.channel])).toEqual([['delay', 'rest']]);
    const stream = await get(smile, '/v1/conversations/en-settings/messages?userId=demo');
    expect(stream.messages.at(-1).text).toMatch(/is delayed.*pick another time\?$/);
  });

  it('in Korean: "배송 알림 꺼줘" and "알림 다시 켜줘", and "카톡으로만 보내줘" sends the next one to KakaoTalk', async () => {
    smile = await startTestSmile();
    const chat = conversation(smile, 'demo-ko', 'ko-settings');
    expect(allText(await chat('배송 알림 꺼줘'))).toContain('배송 알림을 껐어요');
    await delay(smile, 'shp-2004');
    expect(await messages(smile, 'demo-ko')).toEqual([]);
    expect(allText(await chat('알림 다시 켜줘'))).toBe('배송 알림을 다시 켰어요.');
    await delay(smile, 'shp-2004');
    // The delay notice just read asked a question; the setting is saved and that question stays on the table.
    expect(allText(await chat('카톡으로만 보내줘'))).toMatch(/^앞으로 배송 알림은 카카오톡으로만 보내 드릴게요\. .+ 다른 시간으로 바꿀까요\?$/);
    await delay(smile, 'shp-2004');
    expect((await messages(smile, 'demo-ko')).map((m) => m.channel)).toEqual(['rest', 'kakao']);
  });

  it('mid-flow: the setting is saved and the open question is asked again', async () => {
    smile = await startTestSmile();
    const chat = conversation(smile, 'demo-ko', 'ko-mid');
    expect((await chat('물티슈 모레 오전으로 배송 바꿔줘')).state.awaiting).toBe('confirmation');
    const r = await chat('배송 알림 꺼줘');
    expect(allText(r)).toMatch(/배송 알림을 껐어요[\s\S]*바꿀까요/);
    expect(r.state.awaiting).toBe('confirmation');
    expect((await chat('네')).state.flow).toBeNull();
  });
});
