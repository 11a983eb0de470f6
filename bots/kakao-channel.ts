import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Capabilities, Reply, Turn } from '../engine/types.js';
import { localeOfText as detectLocale, type Locale } from '../domain/locale.js';
import type { CardProduct } from '../domain/commerce.js';
import type { Channel } from './channel.js';
import { present, presentError, type Presentation } from './presentation.js';
import { say } from '../prompts/index.js';

/** An i Open Builder skill request, as much of it as Smile reads. */
export const SkillRequest = z
  .object({
    userRequest: z
      .object({
        utterance: z.string().trim().min(1).max(1000),
        user: z.object({ id: z.string().min(1).max(200) }).passthrough(),
        callbackUrl: z.string().url().optional(),
        lang: z.string().nullish(),
      })
      .passthrough(),
    bot: z.object({ id: z.string() }).passthrough().optional(),
    action: z.object({ id: z.string().optional() }).passthrough().optional(),
  })
  .passthrough();
export type SkillRequest = z.infer<typeof SkillRequest>;

export interface KakaoResponse {
  version: '2.0';
  template: { outputs: Array<Record<string, unknown>>; quickReplies?: Array<Record<string, unknown>> };
}

const CAPABILITIES: Capabilities = { voice: false, cards: true, quickReplies: true, liveChat: true };

/** Kakao's limits: three outputs a response, ten quick replies, 14-character labels, 230-character card text. */
const clip = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const LABEL_MAX = 14;

/** "11월 28일(토) 오전 9시~낮 12시" / "Sat, Nov 28, 9 AM – 12 PM": a date, then the time window. */
const DATED = /^(\d{1,2}월 \d{1,2}일\([^)]+\)|[A-Z][a-z]{2}, [A-Z][a-z]{2} \d{1,2}),? (.+)$/;

/** The longest run of whole words every name starts with ("GS25 역삼점", "베베숲 물티슈"), or "" when they share none. */
function sharedWords(names: string[]): string {
  const split = names.map((n) => n.split(' '));
  const first = split[0] ?? [];
  let n = 0;
  while (n < first.length - 1 && split.every((w) => w.length > n + 1 && w[n] === first[n])) n++;
  return first.slice(0, n).join(' ');
}

/** A name cut at a word boundary to fit a label ("베베숲 물티슈 캡형 70매 10팩" → "베베숲 물티슈 캡형"), never with "…". */
function leadingWords(name: string): string {
  const words = name.split(' ');
  let out = words[0] ?? '';
  for (const w of words.slice(1)) {
    if (`${out} ${w}`.length > LABEL_MAX) break;
    out = `${out} ${w}`;
  }
  return out;
}

/** "11월 30일(월)" → "30일(월)"; "Mon, Nov 30" → "Nov 30": the day a label can carry. */
const shortDay = (day: string): string => day.replace(/^\d{1,2}월 /, '').replace(/^[A-Z][a-z]{2}, /, '');
/** The day in a short label: "30일(월)", or an English weekday ("Mon, Nov 30" → "Mon"). */
const weekdayOr = (day: string): string => (/^[A-Z][a-z]{2}, /.test(day) ? day.slice(0, 3) : shortDay(day));
const KO_HOUR = /^(새벽|오전|낮|오후|밤)?\s*(\d{1,2})시(?:\s*(\d{1,2})분)?$/;
/** "오후 3시" → 15 (with the period of the window's start when the end leaves it out: "오후 3시~6시"). */
function hour24(t: string, period: string | undefined): { h: number; m: number; period: string } | null {
  const m = KO_HOUR.exec(t.trim());
  if (!m) return null;
  const p = m[1] ?? period ?? '오전';
  const h = Number(m[2]);
  const h24 = p === '오후' || p === '밤' ? (h === 12 ? (p === '밤' ? 24 : 12) : h + 12) : p === '낮' ? (h === 12 ? 12 : h + 12) : h === 12 ? 0 : h;
  return { h: h24, m: Number(m[3] ?? 0), period: p };
}
/**
 * A window as a short label keeps both ends — a start alone ("오후 3시") reads as a time on the hour: "오후 3시~6시" →
 * "15~18시", "오전 9시~낮 12시" → "9~12시", "9 AM – 12 PM" → "9AM–12PM"; "새벽배송(오전 7시 전)" → "새벽배송".
 */
function compactWindow(w: string): string {
  if (/^새벽배송/.test(w)) return '새벽배송';
  const ko = w.split('~');
  if (ko.length === 2) {
    const from = hour24(ko[0] ?? '', undefined);
    const to = from && hour24(ko[1] ?? '', from.period);
    if (from && to) {
      const at = (x: { h: number; m: number }): string => (x.m ? `${x.h}:${String(x.m).padStart(2, '0')}` : `${x.h}`);
      return `${at(from)}~${at(to)}시`;
    }
  }
  const en = /^(\d{1,2}(?::\d{2})?) ?([AP]M) – (\d{1,2}(?::\d{2})?) ?([AP]M)$/.exec(w);
  if (en) return en[2] === en[4] ? `${en[1]}–${en[3]}${en[4]}` : `${en[1]}${en[2]}–${en[3]}${en[4]}`;
  return w.replace(/\(.*\)$/, '').trim();
}

/**
 * A product's name cut from the front, a word at a time, to fit a label: the brand goes first and what tells products
 * apart stays — the kind, the stage, the size and the count ("베베숲 물티슈 캡형 70매 10팩" → "물티슈 캡형 70매 10팩").
 * It starts on a word that is not a number; "" when no cut fits.
 */
function trailingWords(name: string): string {
  if (name.length <= LABEL_MAX) return name;
  const words = name.split(' ');
  for (let i = 1; i < words.length; i++) {
    const rest = words.slice(i);
    // A single word left ("2", "ct") tells nothing apart.
    if (/\d/.test(rest[0] ?? '') || rest.length < 2) return '';
    const label = rest.join(' ').replace(/^[,·\s]+/, '');
    if (label.length <= LABEL_MAX) return label;
  }
  return '';
}

/**
 * What a choice shows on KakaoTalk: a label a customer can tell apart (at most 14 characters, distinct, never cut with
 * "…"), the card it sits on (a pick-up point's hours go there, not in the label), and the part all choices share, which
 * is said once in the text (the date of time windows on one day). Every label of a list follows one rule: the first of
 * these that fits all of them — the window alone under a shared date; the day and the window, or the day and the window
 * in short ("30일(월) 9~12시"); the whole names; the names without the words they all start with; the names without
 * their first words (the brand); the names cut at a word;
 * and only then numbers. The message sent back is always the whole option, so the dialog matches it as it is.
 */
export function kakaoChoices(
  options: string[],
  locale: Locale = 'ko-KR',
): { labels: string[]; cards: Array<{ title: string; description: string }>; sharedDate: string | null; sharedWords: string | null } {
  const [names, hours] = [options.map((o) => o.split(' · ')[0] ?? o), options.map((o) => o.split(' · ').slice(1).join(' · '))];
  const dated = names.map((n) => DATED.exec(n));
  const allDated = names.length > 1 && dated.every(Boolean);
  const shared = allDated && dated.every((m) => m?.[1] === dated[0]?.[1]) ? (dated[0]?.[1] ?? null) : null;
  const prefix = names.length > 1 ? sharedWords(names) : '';
  const rules: Array<{ labels: string[]; date?: string; words?: string }> = [];
  if (shared) rules.push({ labels: dated.map((m) => m?.[2] ?? ''), date: shared });
  if (allDated) {
    rules.push({ labels: dated.map((m) => `${shortDay(m?.[1] ?? '')} ${m?.[2] ?? ''}`) });
    rules.push({ labels: dated.map((m) => `${weekdayOr(m?.[1] ?? '')} ${compactWindow(m?.[2] ?? '')}`) });
  }
  rules.push({ labels: names });
  if (prefix) rules.push({ labels: names.map((n) => n.slice(prefix.length + 1)), words: prefix });
  // Only products lose words from the front: their names carry a size or a count that tells them apart. A request or a
  // method cut from the front says something else ("Drop off at a convenience store" → "store", "Where is my order?" →
  // "is my order?").
  if (!allDated && names.every((n) => /\d/.test(n) && !/[?？]$/.test(n))) rules.push({ labels: names.map(trailingWords) });
  // A question or a request cut short says something else ("Where is my"), a window cut short another time: those are
  // numbered instead.
  if (!allDated && !names.some((n) => /[?？]$/.test(n))) rules.push({ labels: names.map(leadingWords) });
  const fits = (ls: string[]): boolean =>
    ls.every((l) => l.length > 0 && l.length <= LABEL_MAX && !/^\d+번$|^Option \d+$/.test(l)) && new Set(ls).size === ls.length;
  const chosen = rules.find((r) => fits(r.labels));
  const numbered = (i: number): string => (locale === 'ko-KR' ? `${i + 1}번` : `Option ${i + 1}`);
  const labels = chosen ? chosen.labels : names.map((_n, i) => numbered(i));
  const cards = names.map((n, i) => ({ title: chosen ? n : `${numbered(i)}. ${n}`, description: hours[i] ?? '' }));
  return { labels, cards, sharedDate: chosen?.date ?? null, sharedWords: chosen?.words ?? null };
}

/** A product's picture as a Kakao card's thumbnail (its name the alt text), when the shop has one. */
const thumbnail = (product: CardProduct | undefined): { thumbnail?: { imageUrl: string; altText: string } } =>
  product?.imageUrl ? { thumbnail: { imageUrl: product.imageUrl, altText: clip(product.name, 50) } } : {};

/** A link on the last line of a message ("…아래 링크에서 로그인하시면…\nhttps://…"): a long raw URL in a chat bubble. */
const TRAILING_LINK = /\n(https?:\/\/\S+)\s*$/;
/**
 * A message that ends on a link becomes a text card with a button that opens it — KakaoTalk customers tap buttons, and
 * a sign-in link's button says what it does ("로그인하고 이어서 하기").
 */
function linkCard(text: string, locale: Locale): Record<string, unknown> | null {
  const m = TRAILING_LINK.exec(text);
  if (!m?.[1]) return null;
  const url = m[1];
  const label = say(locale, /\/link\/[^/]+$/.test(new URL(url).pathname) ? 'kakao.button.sign_in' : 'kakao.button.open');
  return { textCard: { description: clip(text.slice(0, m.index).trim(), 400), buttons: [{ action: 'webLink', label, webLinkUrl: url }] } };
}

function toKakao(p: Presentation): KakaoResponse {
  const outputs: Array<Record<string, unknown>> = [];
  const choices = kakaoChoices(p.options, p.locale);
  // A carousel only when its cards add to the buttons — a picture, opening hours, the whole name behind a short or
  // numbered label; time windows and reasons are the quick replies alone (the same window three times is noise).
  const choosing =
    p.kind === 'choice' &&
    p.options.some(
      (o, i) =>
        Boolean(choices.cards[i]?.description) ||
        Boolean(p.products.find((x) => x.name === o)?.imageUrl) ||
        (choices.labels[i] !== (o.split(' · ')[0] ?? o) && !DATED.test(o)),
    );
  const texts = p.messages.map((m) => m.text);
  // The date every option shares is said once, under the question, so the labels can be the windows alone.
  if (choices.sharedDate && texts.length && !texts.some((t) => t.includes(choices.sharedDate!))) {
    texts[texts.length - 1] = `${texts.at(-1)}\n${say(p.locale, 'kakao.shared_date', { date: choices.sharedDate })}`;
  }
  // So are the words every option starts with, when the buttons leave them out and no card shows the whole option.
  if (choices.sharedWords && !choosing && texts.length && !texts.some((t) => t.includes(choices.sharedWords!))) {
    texts[texts.length - 1] = `${texts.at(-1)}\n${say(p.locale, 'kakao.shared_words', { words: choices.sharedWords })}`;
  }
  // Without a carousel, a numbered label is explained in the text.
  const explained = choosing ? [] : choices.cards.filter((c, i) => c.title !== (p.options[i] ?? '').split(' · ')[0]).map((c) => c.title);
  if (explained.length && texts.length) texts[texts.length - 1] = [texts.at(-1), ...explained].join('\n');
  // A confirmation with a card is read as a Korean shop shows it: what will happen (the card) first, then the yes/no
  // question, last, above its quick replies. The card carries the labelled lines, so only the text's other lines stay.
  if (p.kind === 'confirm' && p.card && texts.length) {
    const { before, question } = splitQuestion(texts.at(-1) ?? '');
    const earlier = [...texts.slice(0, -1), ...(before ? [before] : [])];
    if (earlier.length) outputs.push({ simpleText: { text: clip(earlier.join('\n'), 1000) } });
    outputs.push(basicCard(p.card));
    outputs.push({ simpleText: { text: clip(question, 1000) } });
    return withQuickReplies(outputs, p, choices.labels);
  }
  // Texts first (joined when there are more than the outputs allow), then a card or a carousel of choices.
  const room = p.card || choosing ? 2 : 3;
  const grouped = texts.length > room ? [...texts.slice(0, room - 1), texts.slice(room - 1).join('\n')] : texts;
  for (const t of grouped) outputs.push(linkCard(t, p.locale) ?? { simpleText: { text: clip(t, 1000) } });
  if (choosing) {
    const items = p.options.slice(0, 10).map((c, i) => ({
      title: clip(choices.cards[i]?.title ?? c, 50),
      ...(choices.cards[i]?.description ? { description: choices.cards[i]?.description } : {}),
      ...thumbnail(p.products.find((x) => x.name === c)),
      buttons: [{ action: 'message', label: choices.labels[i] ?? `${i + 1}`, messageText: c }],
    }));
    outputs.push({ carousel: { type: 'basicCard', items } });
  } else if (p.card) {
    outputs.push(basicCard(p.card));
  }
  return withQuickReplies(outputs, p, choices.labels);
}

const basicCard = (card: NonNullable<Presentation['card']>): Record<string, unknown> => ({
  basicCard: {
    title: clip(card.title, 50),
    description: clip(card.lines.join('\n'), 230),
    ...thumbnail(card.products?.find((x) => x.imageUrl)),
  },
});

function withQuickReplies(outputs: Array<Record<string, unknown>>, p: Presentation, labels: string[]): KakaoResponse {
  const template: KakaoResponse['template'] = { outputs: outputs.slice(0, 3) };
  if (p.options.length)
    template.quickReplies = p.options.slice(0, 10).map((c, i) => ({ label: labels[i] ?? `${i + 1}`, action: 'message', messageText: c }));
  return { version: '2.0', template };
}

/** A labelled line ("상품: …", "Total: …"): what a confirmation's card shows as well. */
const LABELLED = /^[^:\n]{1,20}: \S/;

/**
 * A confirmation's text as the part before its question and the question itself (its last line): the labelled lines
 * go, since the card shows them; any other line (a note said before the question) stays before the card.
 */
export function splitQuestion(text: string): { before: string; question: string } {
  const lines = text.split('\n');
  const question = lines.pop() ?? '';
  return { before: lines.filter((l) => !LABELLED.test(l)).join('\n'), question };
}

/** KakaoTalk: Korean first, English when the customer writes English. */
export const kakaoChannel = {
  name: 'kakao',
  capabilities: CAPABILITIES,
  conversationId: (request) => `kakao:${request.userRequest.user.id}`,
  toTurn(request): Turn {
    const u = request.userRequest;
    // Skill requests carry no message id, so each is a new message; confirmations still never act twice,
    // because every effect's idempotency key comes from the flow, not the message.
    return {
      channel: 'kakao',
      channelUserId: u.user.id,
      conversationId: `kakao:${u.user.id}`,
      messageId: randomUUID(),
      locale: detectLocale(u.utterance) === 'en-US' ? 'en-US' : 'ko-KR',
      input: { type: 'text', text: u.utterance },
      capabilities: CAPABILITIES,
    };
  },
  render: (reply: Reply) => toKakao(present(reply, CAPABILITIES)),
  renderError: (err, locale) => toKakao(presentError(err, locale)),
} satisfies Channel<SkillRequest, KakaoResponse>;
