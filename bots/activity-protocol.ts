import { randomUUID } from 'node:crypto';
import type { CardProduct } from '../domain/commerce.js';
import type { Capabilities, Reply, Turn } from '../engine/types.js';
import { Locale } from '../domain/locale.js';
import type { Channel } from './channel.js';
import { present, presentError, type Presentation } from './presentation.js';

/**
 * Bot Framework's Activity Protocol, whichever SDK carries it (botbuilder or the Microsoft 365 Agents SDK): how an
 * activity becomes a turn and how a reply becomes activities. Each SDK lends its own card and message factories, so
 * the two channels send the same activities and read the same turns, and a shop moves between them by configuration.
 */

const CAPABILITIES: Capabilities = { voice: false, cards: true, quickReplies: true, liveChat: true };

interface ImBack {
  type: 'imBack';
  title: string;
  value: string;
}
interface Picture {
  url: string;
  alt: string;
}
/** What Smile draws with: the factories both SDKs ship (same names, same shapes). */
export interface ActivityFactories<A, Attachment> {
  heroCard(title: string, text: string, images: Picture[] | undefined, buttons: ImBack[]): Attachment;
  carousel(attachments: Attachment[], text: string): A;
  attachment(attachment: Attachment, text: string): A;
  text(text: string): A;
}
/** The fields of an activity Smile reads; both SDKs' Activity types have them. */
interface IncomingActivity {
  type?: string;
  id?: string;
  text?: string;
  locale?: string;
  channelId?: string;
  conversation?: { id?: string };
  from?: { id?: string };
  recipient?: { id?: string };
  membersAdded?: Array<{ id?: string }>;
}
type OutgoingActivity = { locale?: string; suggestedActions?: unknown };

const imBack = (text: string): ImBack => ({ type: 'imBack', title: text, value: text });
/** A product's picture on a hero card, its name the alt text (none when the shop has no picture). */
const pictures = (products: CardProduct[] | undefined): Picture[] | undefined => {
  const pictured = (products ?? []).find((p) => p.imageUrl);
  return pictured?.imageUrl ? [{ url: pictured.imageUrl, alt: pictured.name }] : undefined;
};

/**
 * A presentation as activities: text; one hero card with the buttons for a yes/no (or a card, or suggestions); a
 * carousel of hero cards for a choice, each product's picture on its card; suggested actions for every finite answer.
 */
function toActivities<A extends OutgoingActivity, Att>(f: ActivityFactories<A, Att>, p: Presentation): A[] {
  return p.messages.map((m, i) => {
    const options = i === p.messages.length - 1 ? p.options : [];
    let activity: A;
    if (options.length && p.kind === 'choice') {
      activity = f.carousel(
        options.map((o) => f.heroCard(o, '', pictures(p.products.filter((x) => x.name === o)), [imBack(o)])),
        m.text,
      );
    } else if (m.card || options.length) {
      const card = f.heroCard(m.card?.title ?? '', m.card ? m.card.lines.join('\n') : m.text, pictures(m.card?.products), options.map(imBack));
      activity = f.attachment(card, m.text);
    } else {
      activity = f.text(m.text);
    }
    if (options.length) activity.suggestedActions = { to: [], actions: options.map(imBack) };
    activity.locale = p.locale;
    return activity;
  });
}

const conversationId = (activity: IncomingActivity): string => `bf:${activity.channelId ?? ''}:${activity.conversation?.id ?? ''}`;

/** A message is a text turn; a customer joining is a welcome; anything else (typing, a member leaving) asks nothing. */
function toTurn(activity: IncomingActivity): Turn | null {
  let input: Turn['input'];
  const text = activity.text?.trim();
  if (activity.type === 'message' && text) input = { type: 'text', text };
  else if (activity.type === 'conversationUpdate' && activity.membersAdded?.some((m) => m.id !== activity.recipient?.id)) {
    input = { type: 'event', name: 'welcome' };
  } else return null;
  if (!activity.from?.id) return null;
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
}

/** The Bot Framework channel drawn with one SDK's factories (its name is `botframework` for either SDK). */
export function activityChannel<In extends IncomingActivity, A extends OutgoingActivity, Att>(
  factories: ActivityFactories<A, Att>,
): Channel<In, A[]> {
  return {
    name: 'botframework',
    capabilities: CAPABILITIES,
    conversationId,
    toTurn,
    render: (reply: Reply) => toActivities(factories, present(reply, CAPABILITIES)),
    renderError: (err, locale) => toActivities(factories, presentError(err, locale)),
  };
}
