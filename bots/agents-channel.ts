import { randomUUID } from 'node:crypto';
import type { Activity } from '@microsoft/agents-activity';
import { CardFactory, MessageFactory } from '@microsoft/agents-hosting';
import type { Capabilities, Reply, Turn } from '../engine/types.js';
import { Locale } from '../domain/locale.js';
import type { Channel } from './channel.js';
import { present, presentError, type Presentation } from './presentation.js';

const CAPABILITIES: Capabilities = { voice: false, cards: true, quickReplies: true, liveChat: true };
const imBack = (text: string): { type: string; title: string; value: string } => ({ type: 'imBack', title: text, value: text });

/**
 * A presentation as Activity Protocol messages, drawn with the Microsoft 365 Agents SDK's own factories: the same
 * activities the botbuilder channel draws (one hero card with buttons for a yes/no or a card, a carousel for a choice,
 * suggested actions for every finite answer), so a customer cannot tell which SDK served them.
 */
function toActivities(p: Presentation): Activity[] {
  return p.messages.map((m, i) => {
    const options = i === p.messages.length - 1 ? p.options : [];
    let activity: Activity;
    if (options.length && p.kind === 'choice') {
      activity = MessageFactory.carousel(
        options.map((o) => CardFactory.heroCard(o, undefined, [imBack(o)])),
        m.text,
      );
    } else if (m.card || options.length) {
      const card = CardFactory.heroCard(m.card?.title ?? '', m.card ? m.card.lines.join('\n') : m.text, undefined, options.map(imBack));
      activity = MessageFactory.attachment(card, m.text);
    } else {
      activity = MessageFactory.text(m.text);
    }
    if (options.length) activity.suggestedActions = { to: [], actions: options.map(imBack) };
    activity.locale = p.locale;
    return activity;
  });
}

/** The conversation id the botbuilder channel uses too: switching SDKs keeps every customer's conversation. */
const conversationId = (activity: Pick<Activity, 'channelId' | 'conversation'>): string =>
  `bf:${activity.channelId ?? ''}:${activity.conversation?.id ?? ''}`;

/**
 * Bot Framework's Activity Protocol through the Microsoft 365 Agents SDK (`SMILE_BF_SDK=agents`): the same channel
 * as far as the engine can tell (name `botframework`, the same links and conversations), so a shop moves between
 * the two SDKs by configuration.
 */
export const agentsChannel = {
  name: 'botframework',
  capabilities: CAPABILITIES,
  conversationId,
  toTurn(activity: Activity): Turn | null {
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
  },
  render: (reply: Reply) => toActivities(present(reply, CAPABILITIES)),
  renderError: (err, locale) => toActivities(presentError(err, locale)),
} satisfies Channel<Activity, Activity[]>;
