/**
 * The benchmark's peer: the reorder conversation as a team would write it on botbuilder + botbuilder-dialogs, served
 * on the same route and body as Smile's POST /v1/chat. It makes the same calls to the commerce and logistics APIs as
 * Smile does on the benchmark's script (customer, order history and delivery windows on the first turn; the order,
 * with an Idempotency-Key, on "yes"), keeps dialog state in botbuilder's MemoryStorage, and understands with regexes.
 *
 * What it does NOT do, which Smile does on every turn: durable state (a restart forgets every conversation), a
 * transcript, replaying a repeated messageId, validating API responses, a trained intent model with negation and
 * digressions, fuzzy product names, dates and delivery windows asked for, Korean particles, budgets, circuit breakers,
 * an offer of a person when an API fails, metrics and request logs. It is a floor for the framework's own cost, not
 * an equivalent product.
 *   SANDBOX_URL=http://127.0.0.1:4001 PORT=4002 npx tsx bench/peer/bot.ts
 */
import { randomUUID } from 'node:crypto';
import express from 'express';
import {
  ActivityTypes,
  BotAdapter,
  ConversationState,
  MemoryStorage,
  TurnContext,
  type Activity,
  type ConversationReference,
  type ResourceResponse,
} from 'botbuilder';
import { DialogSet, DialogTurnStatus, TextPrompt, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';

const sandbox = process.env.SANDBOX_URL ?? 'http://127.0.0.1:3978/sandbox';
const port = Number(process.env.PORT ?? 4002);

/** An adapter that hands the turn's replies back to the HTTP request instead of posting them to a channel. */
class ReplyAdapter extends BotAdapter {
  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    (context.turnState.get(REPLIES) as string[]).push(...activities.flatMap((a) => (a.text ? [a.text] : [])));
    return activities.map(() => ({ id: randomUUID() }));
  }
  updateActivity(): Promise<void> {
    return Promise.reject(new Error('not supported'));
  }
  deleteActivity(): Promise<void> {
    return Promise.reject(new Error('not supported'));
  }
  continueConversation(_reference: Partial<ConversationReference>, _logic: (context: TurnContext) => Promise<void>): Promise<void> {
    return Promise.reject(new Error('not supported'));
  }
  process(activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    return this.runMiddleware(new TurnContext(this, activity), logic);
  }
}
const REPLIES = Symbol('replies');

interface OrderItem {
  sku: string;
  name: string;
  quantity: number;
  unitPrice: number;
}
interface Draft {
  customerId: string;
  ko: boolean;
  item: OrderItem;
  quantity: number;
  addressId: string;
  addressLabel: string;
  window: { start: string; end: string };
  currency: string;
}

async function api<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(`${sandbox}${path}`, init);
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return (await res.json()) as T;
}

const EN_NUMBERS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6 };
const KO_NUMBERS: Record<string, number> = { 한: 1, 두: 2, 세: 3, 네: 4, 다섯: 5, 여섯: 6 };
function quantityIn(text: string): number | null {
  const en = /\b(\d{1,2}|one|two|three|four|five|six)\b(?:\s+(?:packs?|boxes?|bottles?))?/i.exec(text);
  if (en) return Number(en[1]) || EN_NUMBERS[en[1]!.toLowerCase()]!;
  const ko = /(\d{1,2}|한|두|세|네|다섯|여섯)\s*(?:개|팩|통|병|박스)/.exec(text);
  return ko ? Number(ko[1]) || KO_NUMBERS[ko[1]!]! : null;
}
const PRODUCT_WORDS: Array<[RegExp, RegExp]> = [
  [/wipes?|물티슈/i, /wipes|물티슈/i],
  [/diapers?|기저귀/i, /diapers|기저귀/i],
  [/formula|분유/i, /formula|분유/i],
];
const money = (amount: number, currency: string): string =>
  currency === 'KRW' ? `${Math.round(amount).toLocaleString('en-US')}원` : `$${amount.toFixed(2)}`;
const summary = (d: Draft): string =>
  d.ko
    ? `${d.item.name} ${d.quantity}개, ${money(d.quantity * d.item.unitPrice, d.currency)}, ${d.addressLabel}로 ${d.window.start} 도착 예정이에요. 주문할까요?`
    : `Reorder ${d.quantity} × ${d.item.name} for ${money(d.quantity * d.item.unitPrice, d.currency)}, delivered to ${d.addressLabel}, earliest ${d.window.start}. Shall I place the order?`;

const storage = new MemoryStorage();
const conversationState = new ConversationState(storage);
const dialogs = new DialogSet(conversationState.createProperty('dialogs'));
dialogs.add(new TextPrompt('text'));
dialogs.add(
  new WaterfallDialog('reorder', [
    async (step: WaterfallStepContext) => {
      const text = step.context.activity.text ?? '';
      const customerId = step.context.activity.from.id;
      const [customer, { orders }, { windows }] = await Promise.all([
        api<{ locale: string; currency: string; addresses: Array<{ id: string; type: string; label: string }> }>(
          `/commerce/v1/customers/${customerId}`,
        ),
        api<{ orders: Array<{ items: OrderItem[] }> }>(`/commerce/v1/customers/${customerId}/orders`),
        api<{ windows: Array<{ start: string; end: string }> }>(`/logistics/v1/delivery-windows?customerId=${customerId}`),
      ]);
      const ko = customer.locale === 'ko-KR';
      const words = PRODUCT_WORDS.find(([said]) => said.test(text));
      const item = orders.flatMap((o) => o.items).find((i) => (words ? words[1].test(i.name) : true));
      if (!item) {
        await step.context.sendActivity(ko ? '어떤 상품을 다시 주문할까요?' : 'Which product should I reorder?');
        return step.endDialog();
      }
      const place = /office|회사/i.test(text) ? 'office' : 'home';
      const address = customer.addresses.find((a) => a.type === place) ?? customer.addresses[0]!;
      const draft: Draft = {
        customerId,
        ko,
        item,
        quantity: quantityIn(text) ?? 1,
        addressId: address.id,
        addressLabel: address.label,
        window: windows[0]!,
        currency: customer.currency,
      };
      return step.beginDialog('confirm', draft);
    },
  ]),
);
dialogs.add(
  new WaterfallDialog('confirm', [
    async (step: WaterfallStepContext) => step.prompt('text', { prompt: summary(step.options as Draft) }),
    async (step: WaterfallStepContext) => {
      const draft = step.options as Draft;
      const answer = String(step.result).trim();
      const quantity = /make it|change|instead|바꿔|로 해/i.test(answer) ? quantityIn(answer) : null;
      if (quantity) return step.replaceDialog('confirm', { ...draft, quantity });
      if (/^(yes|yeah|sure|ok|네|예|응|좋아요?)(?=$|[\s.!,])/i.test(answer)) {
        const a = step.context.activity;
        const order = await api<{ id: string; total: number }>('/commerce/v1/orders', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': `${a.conversation.id}:${a.id}` },
          body: JSON.stringify({
            customerId: draft.customerId,
            shippingAddressId: draft.addressId,
            items: [{ sku: draft.item.sku, quantity: draft.quantity }],
          }),
        });
        await step.context.sendActivity(
          draft.ko
            ? `주문했어요.\n주문번호: ${order.id.replace(/^ord-/, '').toUpperCase()}\n결제 금액: ${money(order.total, draft.currency)}`
            : `Done — your order is placed (order number ${order.id.replace(/^ord-/, '').toUpperCase()}, ${money(order.total, draft.currency)}).`,
        );
      } else {
        await step.context.sendActivity(draft.ko ? '주문하지 않았어요.' : "OK, I won't place it.");
      }
      return step.endDialog();
    },
  ]),
);

const adapter = new ReplyAdapter();
const app = express();
app.use(express.json({ limit: '16kb' }));
app.post('/v1/chat', async (req, res) => {
  const { userId, text, conversationId, messageId } = req.body as { userId: string; text: string; conversationId: string; messageId: string };
  const replies: string[] = [];
  let done = false;
  try {
    await adapter.process(
      {
        type: ActivityTypes.Message,
        id: messageId,
        text,
        channelId: 'rest',
        from: { id: userId, name: userId },
        recipient: { id: 'bot', name: 'bot' },
        conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: conversationId },
        serviceUrl: 'http://127.0.0.1',
      },
      async (context) => {
        context.turnState.set(REPLIES, replies);
        const dc = await dialogs.createContext(context);
        const result = await dc.continueDialog();
        if (result.status === DialogTurnStatus.empty) await dc.beginDialog('reorder');
        done = !dc.activeDialog;
        await conversationState.saveChanges(context);
      },
    );
    res.json({ conversationId, messages: replies.map((t) => ({ text: t })), state: { flow: done ? null : 'reorder' } });
  } catch (err) {
    res.status(502).json({ error: { code: 'dependency_failed', message: (err as Error).message } });
  }
});
app.get('/readyz', (_req, res) => {
  res.json({ ok: true });
});
app.listen(port, '127.0.0.1');
