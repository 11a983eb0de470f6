import { randomUUID } from 'node:crypto';
import { CardFactory, MessageFactory, type Activity, type CardAction, type CardImage } from 'botbuilder';
import type { CardProduct } from '../domain/commerce.js';
import type { Capabilities, Reply, Turn } from '../engine/types.js';
import { Locale } from '../domain/locale.js';
import type { Channel } from './channel.js';
import { present, presentError, type Presentation } from './presentation.js';

const CAPABILITIES: Capabilities = { voice: false, cards: true, quickReplies: true, liveChat: true };
const imBack = (text: string): CardAction => ({ type: 'imBack', title: text, value: text });
/** A product's picture on a hero card, its name the alt text (none when the shop has no picture). */
const pictures = (products: CardProduct[] | undefined): CardImage[] | undefined => {
  const pictured = (products ?? []).find((p) => p.imageUrl);
  return pictured?.imageUrl ? [{ url: pictured.imageUrl, alt: pictured.name }] : undefined;
};

/**
 * A presentation as Bot Framework activities: text; one hero card with the buttons for a yes/no (or a card, or
 * suggestions); a carousel of hero cards for a choice; suggested actions for every finite answer.
 */
function toActivities(p: Presentation): Array<Partial<Activity>> {
  return p.messages.map((m, i) => {
    const options = i === p.messages.length - 1 ? p.options : [];
    let activity: Partial<Activity>;
    if (options.length && p.kind === 'choice') {
      // A choice of products shows each one's picture on its card.
      activity = MessageFactory.carousel(
        options.map((o) => CardFactory.heroCard(o, pictures(p.products.filter((x) => x.name === o)), [imBack(o)])),
        m.text,
      );
    } else if (m.card || options.length) {
      const card = CardFactory.heroCard(
        m.card?.title ?? '',
        m.card ? m.card.lines.join('\n') : m.text,
        pictures(m.card?.products),
        options.map(imBack),
      );
      activity = MessageFactory.attachment(card, m.text);
    } else {
      activity = MessageFactory.text(m.text);
    }
    if (options.length) activity.suggestedActions = { to: [], actions: options.map(imBack) };
    activity.locale = p.locale;
    return activity;
  });
}

const conversationId = (activity: Pick<Activity, 'channelId' | 'conversation'>): string => `bf:${activity.channelId}:${activity.conversation.id}`;

/** Bot Framework: a message is a text turn; a customer joining is a welcome; anything else asks nothing. */
export const botFrameworkChannel = {
  name: 'botframework',
  capabilities: CAPABILITIES,
  conversationId,
  toTurn(activity: Activity): Turn | null {
    let input: Turn['input'];
    if (activity.type === 'message' && activity.text?.trim()) input = { type: 'text', text: activity.text.trim() };
    else if (activity.type === 'conversationUpdate' && activity.membersAdded?.some((m) => m.id !== activity.recipient.id)) {
      input = { type: 'event', name: 'welcome' };
    } else return null;
    const locale = Locale.safeParse(activity.locale ?? '');
    return {
      channel: 'botframework',
      channelUserId: activity.from.id,
      conversationId: conversationId(activity),
      messageId: activity.id ?? randomUUID(),
      locale: locale.success ? locale.data : null,
      input,
      capabilities: CAPABILITIES,
    };
  },
  render: (reply: Reply) => toActivities(present(reply, CAPABILITIES)),
  renderError: (err, locale) => toActivities(presentError(err, locale)),
} satisfies Channel<Activity, Array<Partial<Activity>>>;
