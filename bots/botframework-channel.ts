import { CardFactory, MessageFactory, type Activity, type Attachment } from 'botbuilder';
import { activityChannel } from './activity-protocol.js';

/** Bot Framework through botbuilder (the default SDK). */
export const botFrameworkChannel = activityChannel<Activity, Partial<Activity>, Attachment>({
  heroCard: (title, text, images, buttons) => CardFactory.heroCard(title, text, images, buttons),
  carousel: (attachments, text) => MessageFactory.carousel(attachments, text),
  attachment: (attachment, text) => MessageFactory.attachment(attachment, text),
  text: (text) => MessageFactory.text(text),
});
