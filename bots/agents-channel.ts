import type { Activity, Attachment } from '@microsoft/agents-activity';
import { CardFactory, MessageFactory } from '@microsoft/agents-hosting';
import { activityChannel } from './activity-protocol.js';

/** Bot Framework through the Microsoft 365 Agents SDK (`SMILE_BF_SDK=agents`): the same channel to the engine. */
export const agentsChannel = activityChannel<Activity, Activity, Attachment>({
  heroCard: (title, text, images, buttons) => CardFactory.heroCard(title, text, images, buttons),
  carousel: (attachments, text) => MessageFactory.carousel(attachments, text),
  attachment: (attachment, text) => MessageFactory.attachment(attachment, text),
  text: (text) => MessageFactory.text(text),
});
