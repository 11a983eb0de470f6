import { z } from 'zod';
import { Card, PlaceOrderRequest, ReturnRecord, Shipment, TimeWindow } from '../domain/commerce.js';
import { NoticeAsk, NoticeChannel } from '../domain/notices.js';

/**
 * What the store keeps, as zod schemas. Adapters write every row through its schema with `schemaVersion` and parse
 * every row they read with the same schema, so a row that an old version, a bug or a hand edit left behind is
 * noticed at the edge (logged, treated as absent) instead of travelling into a dialog as a wrong shape.
 */

/** The version of every row's shape. Rows written before versioning carry none and read as version 1. */
export const SCHEMA_VERSION = 1 as const;
const schemaVersion = z.literal(SCHEMA_VERSION).default(SCHEMA_VERSION);

/** A row as stored and read back: the domain shape plus the version it was written with. */
export type Stored<T> = T & { schemaVersion: typeof SCHEMA_VERSION };

/** Each domain schema has a row schema: the same fields plus `schemaVersion`. */
const version = { schemaVersion };

export const ConversationRecord = z.object({
  id: z.string().min(1),
  channel: z.string(),
  channelUserId: z.string(),
  customerId: z.string().nullable(),
  locale: z.string(),
  /** The dialog state, a JSON document owned (and parsed) by the engine. */
  state: z.unknown(),
  /** Incremented on every save; a save names the version it read, so two writers cannot overwrite each other. */
  version: z.number().int().positive(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ConversationRecord = z.infer<typeof ConversationRecord>;
export const ConversationRow = ConversationRecord.extend(version);

export const TranscriptEvent = z.object({
  conversationId: z.string(),
  at: z.string(),
  from: z.enum(['customer', 'bot', 'agent', 'system']),
  text: z.string(),
  /** The customer's message this event belongs to: their words, and Smile's answer to them. */
  messageId: z.string().optional(),
  intent: z.string().optional(),
  /** A voice assistant's intent and slots as it resolved them, for the person who takes the conversation over. */
  spoken: z.object({ intent: z.string(), slots: z.record(z.string(), z.string()) }).optional(),
  /** Smile's message as the channel got it (its text above, its suggestions and card), so a replay reads it here. */
  suggestions: z.array(z.string()).optional(),
  card: Card.optional(),
  /** What the text was rendered from (a prompt key and its parameters), owned by the engine: what "repeat" says again. */
  say: z.unknown().optional(),
  expiresAt: z.string(),
});
export type TranscriptEvent = z.infer<typeof TranscriptEvent>;
export const TranscriptRow = TranscriptEvent.extend(version);

export const ProcessedTurn = z.object({
  conversationId: z.string(),
  messageId: z.string(),
  /** What a replay needs of the reply sent for that turn besides its transcript entries; owned by the engine. */
  reply: z.unknown(),
  createdAt: z.string(),
  expiresAt: z.string(),
});
export type ProcessedTurn = z.infer<typeof ProcessedTurn>;
export const TurnRow = ProcessedTurn.extend(version);

export const ChannelLink = z.object({ channel: z.string(), channelUserId: z.string(), customerId: z.string(), createdAt: z.string() });
export type ChannelLink = z.infer<typeof ChannelLink>;
export const LinkRow = ChannelLink.extend(version);

export const Preferences = z.object({
  customerId: z.string().min(1),
  locale: z.string().optional(),
  courierInstructions: z.string().optional(),
  /** Wrong voice purchase codes in a row, and until when voice ordering is locked after three. */
  voiceCodeFailures: z.number().int().nonnegative().optional(),
  voiceLockedUntil: z.string().optional(),
  /** Proactive notices (PRODUCT.md section 8): off when the customer said so; the channel they chose, if any. */
  notifications: z.object({ enabled: z.boolean(), channel: NoticeChannel.optional() }).optional(),
  /** Reorder nudges (issue 14): products snoozed until a time ("remind me next week"), and products never to suggest again. */
  nudges: z.object({ snoozed: z.record(z.string(), z.string()).default({}), stopped: z.array(z.string()).default([]) }).optional(),
  /** The question the last notice sent asked (a reorder nudge), until the customer's next message takes it. */
  ask: z.object({ noticeId: z.string(), sentAt: z.string(), question: NoticeAsk }).optional(),
  updatedAt: z.string(),
});
export type Preferences = z.infer<typeof Preferences>;
export const PreferencesRow = Preferences.extend(version);

/** The changes whose outcome can be unknown (a timeout after sending), each with the request as it was sent. */
export const PendingChange = z.discriminatedUnion('type', [
  z.object({ type: z.literal('placeOrder'), request: PlaceOrderRequest, idempotencyKey: z.string().min(1) }),
  z.object({
    type: z.literal('updateShipments'),
    shipmentIds: z.array(z.string().min(1)).min(1),
    idempotencyKey: z.string().min(1),
    patch: z.object({ window: TimeWindow.optional(), place: Shipment.shape.place.optional(), instructions: z.string().optional() }),
  }),
  z.object({
    type: z.literal('bookReturn'),
    idempotencyKey: z.string().min(1),
    request: z.object({
      orderId: z.string(),
      customerId: z.string(),
      items: z.array(z.object({ sku: z.string(), quantity: z.number().int().positive() })),
      reason: z.string(),
      method: ReturnRecord.shape.method,
      pickupPointId: z.string().optional(),
      window: TimeWindow.optional(),
    }),
  }),
  z.object({ type: z.literal('cancelOrder'), orderId: z.string().min(1), idempotencyKey: z.string().min(1) }),
]);
export type PendingChange = z.infer<typeof PendingChange>;

/**
 * A change Smile sent but could not confirm within the turn, kept under its idempotency key until a repeat of the same
 * request (same key, so never a second change) settles it; then the customer is told, once.
 */
export const PendingEffect = z.object({
  key: z.string().min(1),
  conversationId: z.string().min(1),
  customerId: z.string().min(1),
  channel: z.string(),
  channelUserId: z.string(),
  locale: z.string(),
  timeZone: z.string(),
  change: PendingChange,
  status: z.enum(['pending', 'settled']),
  /** What the provider answered in the end: applied (with a reference, an order id) or refused (its code). */
  outcome: z
    .discriminatedUnion('applied', [
      z.object({ applied: z.literal(true), reference: z.string().optional() }),
      z.object({ applied: z.literal(false), code: z.string() }),
    ])
    .optional(),
  attempts: z.number().int().nonnegative(),
  nextAttemptAt: z.string(),
  /** Until when one reconciler holds it; after that (its holder died) another may take it. */
  leaseUntil: z.string().nullable(),
  /** The settled news was said on a later turn of the conversation. */
  told: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PendingEffect = z.infer<typeof PendingEffect>;
export const PendingEffectRow = PendingEffect.extend(version);

export { Escalation, EscalationRequest, EscalationStatus, Priority } from '../domain/escalation.js';
import { Escalation } from '../domain/escalation.js';
export const EscalationRow = Escalation.extend(version);

/** Marks a conversation's open escalation; its key is the conversation, so inserting it is the one-open-at-a-time lock. */
export const OpenEscalationRow = z.object({ conversationId: z.string().min(1), escalationId: z.string().min(1) }).extend(version);
/** An escalation's claim; its key is the escalation, so inserting it is how exactly one agent wins. */
export const EscalationClaimRow = z.object({ escalationId: z.string().min(1), by: z.string().min(1), at: z.string() }).extend(version);

/**
 * A Bot Framework ConversationReference: the fields botbuilder's `continueConversationAsync` reads to write to a
 * customer later (the channel fills in what botbuilder's types require and channels leave out). Loose, because
 * botbuilder adds fields over versions and a reference is only ever handed back to it.
 */
const BfAccount = z.object({ id: z.string(), name: z.string().optional(), role: z.string().optional() }).loose();
export const BfReference = z
  .object({
    channelId: z.string().min(1),
    serviceUrl: z.string().min(1),
    conversation: z
      .object({
        id: z.string().min(1),
        isGroup: z.boolean().optional(),
        conversationType: z.string().optional(),
        name: z.string().optional(),
        tenantId: z.string().optional(),
      })
      .loose(),
    bot: BfAccount.optional(),
    user: BfAccount.optional(),
    activityId: z.string().optional(),
    locale: z.string().optional(),
  })
  .loose();
export type BfReference = z.infer<typeof BfReference>;

/** Kakao cannot be written to unprompted: the time of the last person's message already shown to the customer. */
export const KakaoCursor = z.object({ at: z.string() });
export type KakaoCursor = z.infer<typeof KakaoCursor>;

/**
 * A sign-in link Smile sent to an unlinked channel user (account linking, OAuth 2.0 code + PKCE): keyed by its `state`,
 * it holds the PKCE verifier and the request to resume once the shop says who signed in. Used once; expires.
 */
export const SignIn = z.object({
  channel: z.string().min(1),
  channelUserId: z.string().min(1),
  conversationId: z.string().min(1),
  text: z.string(),
  locale: z.string(),
  codeVerifier: z.string().min(43),
  expiresAt: z.string(),
  usedAt: z.string().optional(),
});
export type SignIn = z.infer<typeof SignIn>;

/**
 * What happened after an Alexa session ended (a change settled, an answer that came too late to be spoken), kept per
 * customer until they next open the skill, where it is said first. At most a few, newest last.
 */
export const VoiceNews = z.object({
  items: z.array(z.object({ id: z.string().min(1), text: z.string().min(1).max(2000), at: z.string() })).max(5),
});
export type VoiceNews = z.infer<typeof VoiceNews>;

/**
 * One piece of voice news kept as its own row (kind `voice_news_item`, id `{customer}/{news id}`): appending news is an
 * insert, so news written for one customer at the same instant never overwrites other news, on any adapter (a
 * read-modify-write of one list row could drop one, and FerretDB applies even $push as one).
 */
export const VoiceNewsEntry = z.object({ id: z.string().min(1), text: z.string().min(1).max(2000), at: z.string() });
export type VoiceNewsEntry = z.infer<typeof VoiceNewsEntry>;

/**
 * What an Alexa user allowed Smile (from Alexa's skill permission events), and when Smile asked them for the
 * notifications permission: it is asked once, at a moment it matters (an order placed), never on every turn.
 */
export const AlexaPermissions = z.object({ notifications: z.boolean(), askedAt: z.string().optional(), owedAt: z.string().optional() });
export type AlexaPermissions = z.infer<typeof AlexaPermissions>;

export const ChannelStateKind = z.enum(['bf_reference', 'kakao_cursor', 'sign_in', 'voice_news', 'voice_news_item', 'alexa_permissions']);
export type ChannelStateKind = z.infer<typeof ChannelStateKind>;

/** One value schema per kind; a new kind of channel state is one line here and one in the union below. */
export const channelStateValues = {
  bf_reference: BfReference,
  kakao_cursor: KakaoCursor,
  sign_in: SignIn,
  voice_news: VoiceNews,
  voice_news_item: VoiceNewsEntry,
  alexa_permissions: AlexaPermissions,
} satisfies Record<ChannelStateKind, z.ZodType>;
export type ChannelStateValue<K extends ChannelStateKind> = z.infer<(typeof channelStateValues)[K]>;
/** Lists kept one row per item (appended by insert, taken by removal), and the kind of their items' rows. */
export const CHANNEL_LIST_ITEM = { voice_news: 'voice_news_item' } as const satisfies Partial<Record<ChannelStateKind, ChannelStateKind>>;
export type ChannelListKind = keyof typeof CHANNEL_LIST_ITEM;
export type ChannelListItem<K extends ChannelListKind> = ChannelStateValue<(typeof CHANNEL_LIST_ITEM)[K]>;

const entry = <K extends ChannelStateKind>(kind: K) =>
  z.object({ kind: z.literal(kind), id: z.string().min(1), value: channelStateValues[kind], updatedAt: z.string(), schemaVersion });
export const ChannelStateRow = z.discriminatedUnion('kind', [
  entry('bf_reference'),
  entry('kakao_cursor'),
  entry('sign_in'),
  entry('voice_news'),
  entry('voice_news_item'),
  entry('alexa_permissions'),
]);
export type ChannelStateRow = z.infer<typeof ChannelStateRow>;

/** A row an adapter could not read: what it was, where, and why; the row is then treated as absent. */
export interface InvalidRow {
  collection: string;
  id: string;
  message: string;
}
export type OnInvalidRow = (row: InvalidRow) => void;

/**
 * Shapes a row for writing, stamped with the current schemaVersion. A value that does not fit is a bug in Smile, not an
 * outage, so it is a TypeError (adapters pass those through) that says what was being written.
 */
export function toRow<S extends z.ZodType>(schema: S, value: object, what: string): z.output<S> {
  const parsed = schema.safeParse({ ...value, schemaVersion: SCHEMA_VERSION });
  if (parsed.success) return parsed.data;
  throw new TypeError(`Could not write ${what}: ${z.prettifyError(parsed.error).replace(/\n/g, '; ')}`, { cause: parsed.error });
}

/**
 * Parses one stored row; a row that does not fit is reported and read as absent (null), never thrown, because one bad
 * row must not take a conversation, the agent queue or a whole list down with it.
 */
export function readRow<S extends z.ZodType>(
  schema: S,
  raw: unknown,
  where: { collection: string; id: string },
  onInvalid: OnInvalidRow,
): z.output<S> | null {
  // No row is not a bad row: absent, not reported (reporting it logged a warning and built a zod error per missing row).
  if (raw === null || raw === undefined) return null;
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  onInvalid({ ...where, message: `Could not read ${where.collection} (${where.id}): ${z.prettifyError(parsed.error).replace(/\n/g, '; ')}` });
  return null;
}

/**
 * What agents did, for whoever must answer for it later (issue 17): sign-ins (also failed and refused ones), claims,
 * replies, notes, resolutions and hand-backs. Written once, never changed; read by a supervisor (GET /v1/agent/audit).
 * Holds who, what, when, from where and on which escalation, never the text of a message or a password.
 */
export const AuditAction = z.enum(['login', 'login_failed', 'login_refused', 'claim', 'reply', 'note', 'resolve', 'handback']);
export type AuditAction = z.infer<typeof AuditAction>;
export const AuditEntry = z.object({
  id: z.string().min(1),
  at: z.string(),
  action: AuditAction,
  /** The signed-in agent, or the name a sign-in attempt gave (cut to 64 characters). */
  actor: z.string(),
  /** The client address the request came from. */
  address: z.string().optional(),
  escalationId: z.string().optional(),
  conversationId: z.string().optional(),
  /**
   * ISO time after which the entry is removed (SMILE_AUDIT_RETENTION_DAYS after `at`): by a TTL index on MongoDB, and
   * by the hourly purge on every store. Entries written before retention existed have none and are kept.
   */
  expiresAt: z.string().optional(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
export const AuditRow = AuditEntry.extend(version);
