import type { NoticeChannel } from '../../domain/notices.js';
import { reply, resume } from '../kit/turns.js';
import type { DialogState, EffectResult, StepResult } from '../types.js';
import type { Pattern } from './pattern.js';

/**
 * "stop delivery notifications" / "배송 알림 꺼줘", "turn them back on" / "알림 다시 켜줘", "카톡으로만 보내줘": the
 * notification_settings request, in any flow and any channel. A closed class of phrases (they name notices, or are the
 * fixed "turn them back on"), so nothing the flows ask for is taken; the NLU model is not retrained for it.
 */
const NOUN_EN = String.raw`(?:delivery\s+)?(?:notifications?|notices?|alerts?|updates?|texts?)`;
const OFF = [
  new RegExp(String.raw`\b(?:stop|turn\s+off|switch\s+off|disable|mute|pause|no\s+more|don'?t\s+(?:send|want))\b.*\b${NOUN_EN}\b`, 'i'),
  new RegExp(String.raw`\b${NOUN_EN}\s+off\b`, 'i'),
  /알림.*(?:꺼|끄|끈|그만|중지|멈춰|안\s*받|받지\s*않|보내지\s*마)/,
];
const ON = [
  /\bturn\s+(?:them|it|those)\s+(?:back\s+)?on\b/i,
  new RegExp(String.raw`\b(?:turn|switch)\s+(?:back\s+)?on\b.*\b${NOUN_EN}\b|\b${NOUN_EN}\s+(?:back\s+)?on\b`, 'i'),
  new RegExp(String.raw`\b(?:resume|enable|restart|start)\b.*\b${NOUN_EN}\b`, 'i'),
  /알림.*(?:켜|다시\s*받|재개|보내\s*줘)/,
];
const ONLY: Array<[RegExp, NoticeChannel]> = [
  [/카(?:카오)?톡으로만|알림.*카(?:카오)?톡으로|\b(?:kakao(?:talk)?)\s+only\b|\bonly\s+(?:on|by|through|via)\s+kakao(?:talk)?\b/i, 'kakao'],
  [/문자로만|알림.*문자로|\b(?:sms|text(?:\s+messages?)?)\s+only\b|\bonly\s+(?:by|through|via)\s+(?:sms|text)\b/i, 'sms'],
];

export function notificationRequest(text: string): { enabled?: boolean; channel?: NoticeChannel } | null {
  for (const [re, channel] of ONLY) if (re.test(text)) return { enabled: true, channel };
  if (OFF.some((re) => re.test(text))) return { enabled: false };
  if (ON.some((re) => re.test(text))) return { enabled: true };
  return null;
}

export const notificationSettings: Pattern = (state, event, ctx) => {
  const wanted = notificationRequest(event.text);
  if (!wanted) return null;
  return { state, say: [], effect: { type: 'setNotifications', customerId: ctx.customerId, ...wanted }, awaiting: null };
};

/** The saved setting, said; whatever was under way goes on. */
export function notificationsSaved(
  state: DialogState,
  result: Extract<EffectResult, { type: 'setNotifications' }> | Extract<EffectResult, { ok: false }>,
): StepResult {
  if (!result.ok) return reply(state, [{ key: 'notifications.failed' }, ...resume(state)]);
  if (!result.enabled) return reply(state, [{ key: 'notifications.off' }, ...resume(state)]);
  const key = result.channel === 'kakao' ? 'notifications.kakao_only' : result.channel === 'sms' ? 'notifications.sms_only' : 'notifications.on';
  return reply(state, [{ key }, ...resume(state)]);
}
