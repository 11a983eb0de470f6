// virtual-alexa patches Node's http module, so it lives alone in this file (vitest runs each file in its own process).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VirtualAlexa } from 'virtual-alexa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Smile } from '../app/server.js';
import { writeSkillPackage } from '../skills/write-model.js';
import { get, post, startTestSmile } from './helpers.js';

describe('the generated interaction model driven by virtual-alexa against POST /alexa', () => {
  let smile: Smile;
  let modelFile: string;
  beforeAll(async () => {
    smile = await startTestSmile({ ALEXA_VERIFY: 'false' });
    await post(smile, '/sandbox/reset', {});
    const out = mkdtempSync(join(tmpdir(), 'smile-skill-'));
    modelFile = writeSkillPackage(out, `${smile.url}/alexa`)[1]!;
  });
  afterAll(async () => {
    await smile.close();
  });

  const device = () => {
    const alexa = VirtualAlexa.Builder().interactionModelFile(modelFile).skillURL(`${smile.url}/alexa`).create();
    alexa.context().setAccessToken('demo-token');
    return alexa;
  };
  const ssml = (r: any): string => r?.response?.outputSpeech?.ssml ?? '';

  it('when the customer speaks the sample phrases, then a reorder is confirmed and placed once', async () => {
    const before = (await get(smile, '/sandbox/commerce/v1/customers/demo/orders')).orders.length;
    const alexa = device();
    expect(ssml(await alexa.launch())).toMatch(/Hi Alex/);
    expect(ssml(await alexa.utter('reorder my wipes'))).toMatch(/Reorder 1 of Pampers Sensitive Baby Wipes/);
    expect(ssml(await alexa.utter('yes'))).toMatch(/is placed/);
    expect((await get(smile, '/sandbox/commerce/v1/customers/demo/orders')).orders.length).toBe(before + 1);
  });

  it('when the customer reorders and says "yes", then exactly one order is placed in the sandbox and the session closes', async () => {
    const before = (await get(smile, '/sandbox/commerce/v1/customers/demo/orders')).orders.length;
    const alexa = device();
    await alexa.launch();
    expect(ssml(await alexa.utter('reorder my wipes'))).toMatch(/Shall I place the order/);
    const placed: any = await alexa.utter('yes');
    expect(ssml(placed)).toMatch(/is placed/);
    expect(placed.response.shouldEndSession).toBe(true);
    expect((await get(smile, '/sandbox/commerce/v1/customers/demo/orders')).orders.length).toBe(before + 1);
    await post(smile, '/sandbox/reset', {});
  });

  it('when a subscription is spoken, then SubscriptionIntent starts it after a yes, and "pause my subscription" asks first', async () => {
    await post(smile, '/sandbox/reset', {});
    const alexa = device();
    await alexa.launch();
    let name = '';
    alexa.filter((request: any) => {
      name = request.request?.intent?.name ?? name;
    });
    expect(ssml(await alexa.utter('i want the detergent delivered every four weeks'))).toMatch(/Subscribe to 1 of Tide .* every 4 weeks/);
    expect(name).toBe('SubscriptionIntent');
    expect(ssml(await alexa.utter('yes'))).toMatch(/comes every 4 weeks/);
    const second = device();
    await second.launch();
    expect(ssml(await second.utter('pause my subscription'))).toMatch(/Pause your Tide .* subscription/);
    const subs = (await get(smile, '/sandbox/commerce/v1/customers/demo/subscriptions')).subscriptions;
    expect(subs.map((x: any) => [x.sku, x.everyDays, x.status])).toEqual([['tide-free-92oz', 28, 'active']]);
    await post(smile, '/sandbox/reset', {});
  });

  it('when status, delivery, note and return requests are spoken, then each reaches its intent', async () => {
    const intentOf = async (words: string) => {
      const alexa = device();
      await alexa.launch();
      let name = '';
      alexa.filter((request: any) => {
        name = request.request?.intent?.name ?? name;
      });
      await alexa.utter(words);
      return name;
    };
    expect(await intentOf('where is my order')).toBe('OrderStatusIntent');
    expect(await intentOf('deliver after six pm')).toBe('ChangeDeliverySlotIntent');
    expect(await intentOf('leave a note for the courier saying knock and not ring')).toBe('CourierNoteIntent');
    expect(await intentOf('i want to return the shoes')).toBe('ScheduleReturnIntent');
  });

  it('when the customer asks where an order is, for help, and stops, then each is answered', async () => {
    const alexa = device();
    await alexa.launch();
    expect(ssml(await alexa.utter('where are my wipes'))).toMatch(/shipped/);
    expect(ssml(await alexa.utter('help'))).toMatch(/I can reorder/);
    expect(ssml(await alexa.utter('cancel the diapers'))).toMatch(/already been delivered/);
  });
});

describe('the generated skill package', () => {
  it('when written, then it holds a manifest and an en-US model whose samples only use declared slots', async () => {
    const out = mkdtempSync(join(tmpdir(), 'smile-skill-'));
    const [manifestFile, modelFile] = writeSkillPackage(out, 'https://smile.example.com/alexa');
    const manifest = JSON.parse(await (await import('node:fs/promises')).readFile(manifestFile!, 'utf8'));
    expect(manifest.manifest.apis.custom.endpoint.uri).toBe('https://smile.example.com/alexa');
    const model = JSON.parse(await (await import('node:fs/promises')).readFile(modelFile!, 'utf8')).interactionModel.languageModel;
    const names = model.intents.map((i: any) => i.name);
    for (const n of [
      'ReorderIntent',
      'OrderStatusIntent',
      'ChangeDeliverySlotIntent',
      'ChangeDeliveryPlaceIntent',
      'ScheduleReturnIntent',
      'CancelOrderIntent',
      'TalkToAgentIntent',
      'AMAZON.YesIntent',
      'AMAZON.NoIntent',
      'AMAZON.HelpIntent',
      'AMAZON.StopIntent',
      'AMAZON.CancelIntent',
      'AMAZON.FallbackIntent',
    ]) {
      expect(names).toContain(n);
    }
    const types = new Set(model.types.map((t: any) => t.name));
    for (const intent of model.intents) {
      const slots = new Set((intent.slots ?? []).map((s: any) => s.name));
      for (const s of intent.slots ?? []) expect(s.type.startsWith('AMAZON.') || types.has(s.type), `${intent.name}.${s.name}`).toBe(true);
      for (const sample of intent.samples) {
        for (const [, slot] of sample.matchAll(/\{(\w+)\}/g)) expect(slots.has(slot), `${intent.name}: ${sample}`).toBe(true);
        expect(sample, intent.name).toMatch(/^[a-z' {}A-Z-]+$/);
      }
    }
    expect(model.intents.find((i: any) => i.name === 'ReorderIntent').samples.length).toBeGreaterThan(20);
  });
});

describe('the committed skill package and the voice model', () => {
  it('when the model is generated, then the committed skill-package is exactly it (run npm run alexa:model)', async () => {
    const { readFileSync } = await import('node:fs');
    const out = mkdtempSync(join(tmpdir(), 'smile-skill-'));
    const [manifest, model] = writeSkillPackage(out, 'https://smile.example.com/alexa');
    expect(readFileSync('skill-package/skill.json', 'utf8')).toBe(readFileSync(manifest!, 'utf8'));
    expect(readFileSync('skill-package/interactionModels/custom/en-US.json', 'utf8')).toBe(readFileSync(model!, 'utf8'));
  });

  it('when the samples are read, then none is a lone free-word slot, and times of day, "after" times and notes have carriers', async () => {
    const { interactionModel } = await import('../skills/interaction-model.js');
    const lm = (interactionModel() as any).interactionModel.languageModel;
    for (const intent of lm.intents) {
      const types = Object.fromEntries((intent.slots ?? []).map((s: any) => [s.name, s.type]));
      for (const sample of intent.samples) {
        const lone = /^\{(\w+)\}$/.exec(sample);
        expect(lone, `${intent.name}: ${sample} (${lone ? types[lone[1]!] : ''})`).toBeNull();
      }
    }
    const slot = lm.intents.find((i: any) => i.name === 'ChangeDeliverySlotIntent');
    expect(slot.slots.map((s: any) => s.type)).toContain('AMAZON.TIME');
    expect(slot.samples).toContain('deliver after {time}');
    expect(slot.samples.some((x: string) => /\{date\} in the \{timeOfDay\}/.test(x))).toBe(true);
    const note = lm.intents.find((i: any) => i.name === 'CourierNoteIntent');
    expect(note.samples.every((x: string) => /\w+ \{note\}$/.test(x))).toBe(true);
  });
});
