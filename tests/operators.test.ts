import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Smile } from '../app/server.js';
import { signatureHeader } from '../sandbox/courier.js';
import { conversation, FIXED_NOW, post, startTestSmile } from './helpers.js';

const SECRET = 'operators-events-secret-0123456789';
const metricsText = async (smile: Smile): Promise<string> => (await fetch(`${smile.url}/metrics`)).text();
const value = (text: string, series: string): number => {
  const line = text.split('\n').find((l) => l.startsWith(series + ' '));
  return line ? Number(line.split(' ').at(-1)) : 0;
};

describe("the operators' metrics and dashboard", () => {
  let smile: Smile;
  beforeAll(async () => {
    smile = await startTestSmile({ SMILE_EVENTS_SECRET: SECRET });
  });
  afterAll(() => smile.close());

  it('when conversations run and one goes to a person, then conversations, confidence and handoffs are counted', async () => {
    const before = await metricsText(smile);
    await conversation(smile, 'demo', 'ops-1')('where is my order');
    const second = conversation(smile, 'demo', 'ops-2');
    await second('reorder the wipes');
    await second('I want to talk to a person');
    const after = await metricsText(smile);
    expect(value(after, 'smile_conversations_total{channel="rest"}') - value(before, 'smile_conversations_total{channel="rest"}')).toBe(2);
    expect(value(after, 'smile_understanding_confidence_count{channel="rest"}')).toBeGreaterThanOrEqual(3);
    expect(after).toMatch(/smile_escalations_total\{intent="[a-z_]+",reason="customer_request"\} 1/);
  });

  it("when a notice goes into a customer's web chat, then it is counted and their open chat hears of it at once", async () => {
    const say = conversation(smile, 'demo', 'ops-notice');
    await say('where is my order');
    const stream = await fetch(`${smile.url}/v1/conversations/ops-notice/events?userId=demo`);
    const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
    const heard = (async () => {
      let text = '';
      while (!text.includes('event: notice')) text += (await reader.read()).value ?? '';
      return text;
    })();
    const event = {
      id: 'ops-evt-1',
      type: 'delayed',
      shipmentId: 'shp-1004',
      customerId: 'demo',
      occurredAt: FIXED_NOW.toISOString(),
      data: { window: { start: '2026-11-26T09:00:00-08:00', end: '2026-11-26T12:00:00-08:00' } },
    };
    const raw = JSON.stringify(event);
    try {
      expect((await post(smile, '/v1/events/logistics', raw, { 'smile-signature': signatureHeader(SECRET, raw, FIXED_NOW) })).status).toBe(200);
      expect(await heard).toMatch(/event: notice\ndata: \{"type":"notice"/);
    } finally {
      await reader.cancel();
    }
    const relayed = await (await fetch(`${smile.url}/v1/conversations/ops-notice/messages?userId=demo`)).json();
    expect(relayed.messages.at(-1)).toMatchObject({ from: 'system', text: expect.stringMatching(/delayed/) });
    expect(value(await metricsText(smile), 'smile_notices_total{channel="rest",outcome="sent"}')).toBe(1);
  });

  it('when the Grafana dashboard is read, then every metric its panels query is one Smile exports', async () => {
    const dashboard = JSON.parse(readFileSync('dashboards/grafana-smile.json', 'utf8'));
    const exported = new Set([...(await metricsText(smile)).matchAll(/^# TYPE (\w+) /gm)].map((m) => m[1]));
    const queried = new Set<string>();
    for (const panel of dashboard.panels) {
      expect(panel.targets.length, panel.title).toBeGreaterThan(0);
      for (const t of panel.targets) for (const m of t.expr.matchAll(/\bsmile_\w+/g)) queried.add(m[0].replace(/_(bucket|sum|count)$/, ''));
    }
    expect([...queried].filter((m) => !exported.has(m))).toEqual([]);
    const titles = dashboard.panels.map((p: any) => p.title);
    for (const wanted of [
      'Containment rate',
      'Handoff rate by reason',
      'First reply time (person)',
      'Turn latency by channel',
      'Understanding confidence',
      'Notices sent',
    ])
      expect(titles).toContain(wanted);
  });
});
