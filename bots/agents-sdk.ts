import express, { type Request } from 'express';
import type { ConversationReference } from '@microsoft/agents-activity';
import { CloudAdapter, MessageFactory, TurnContext, type Request as AgentsRequest, type WebResponse } from '@microsoft/agents-hosting';
import { AppError, invalidRequest } from '../domain/errors.js';
import { Locale } from '../domain/locale.js';
import { agentsChannel as channel } from './agents-channel.js';
import { IncomingActivity, type BotFrameworkEndpoint, type BotFrameworkOptions } from './botframework.js';
import { BfReference } from './channel-port.js';
import { admitUrl, serviceUrlRule } from './url-policy.js';

/** What the SDK's request handlers write (status and body), kept instead of being sent: Smile answers from it. */
interface Captured {
  status: number;
  body: unknown;
}
function capture(): { captured: Captured; res: WebResponse } {
  const captured: Captured = { status: 200, body: undefined };
  const res: WebResponse = {
    headersSent: false,
    writableEnded: false,
    status(code) {
      captured.status = code;
      return this;
    },
    setHeader() {
      return this;
    },
    send(body) {
      captured.body = body;
      return this;
    },
    end() {
      this.writableEnded = true;
      return this;
    },
  };
  return { captured, res };
}

/**
 * POST /api/messages through the Microsoft 365 Agents SDK (`@microsoft/agents-hosting`, the successor of botbuilder),
 * chosen with SMILE_BF_SDK=agents. The same route, settings, checks and channel contract as the botbuilder endpoint:
 * the SDK's own JWT middleware (`authorizeJWT`, run by `CloudAdapter.authorizeRequest`) validates the channel's token
 * (signature from the issuer's published keys, audience = the app id, expiry, issuer, tenant), its CloudAdapter runs
 * the turn and answers through the connector at the activity's serviceUrl with a token from Entra ID (MSAL).
 */
export function agentsSdkEndpoint(options: BotFrameworkOptions): BotFrameworkEndpoint {
  const adapter = new CloudAdapter(
    options.appId
      ? {
          clientId: options.appId,
          ...(options.appPassword ? { clientSecret: options.appPassword } : {}),
          // Single-tenant apps name their tenant; multi-tenant ones sign in through botframework.com (the SDK's default).
          ...(options.appTenantId ? { tenantId: options.appTenantId } : {}),
        }
      : {},
  );
  adapter.onTurnError = async (context, err) => {
    options.logger.error({ err }, 'agents sdk turn failed');
    const locale = Locale.safeParse(context.activity.locale ?? '');
    await context.sendActivities(channel.renderError(err, locale.success ? locale.data : 'en-US'));
  };

  const logic = async (context: TurnContext): Promise<void> => {
    const activity = context.activity;
    // Kept so Smile can write to this customer later (a person's reply, a notice, a resumed request after sign-in).
    // The SDK names the bot's account `agent`; the stored row keeps botbuilder's `bot`, so either endpoint can use it.
    const { agent, ...rest } = activity.getConversationReference();
    const reference = BfReference.safeParse({ ...rest, ...(agent ? { bot: agent } : {}) });
    if (reference.success) await options.port.channelState.put('bf_reference', channel.conversationId(activity), reference.data);
    else options.logger.warn({ issues: reference.error.issues.length }, 'agents sdk conversation reference not kept: unexpected shape');
    const turn = channel.toTurn(activity);
    if (turn) await context.sendActivities(channel.render(await options.engine().handle(turn)));
  };

  const { policy, refusal } = serviceUrlRule(options.appId, options.serviceUrlHosts);

  /** The SDK's JWT check of a request; the verified claims, or null when it refused. Anonymous mode passes with no claims. */
  const authorize = async (req: Request): Promise<AgentsRequest | null> => {
    const request: AgentsRequest = { headers: req.headers, method: req.method, body: req.body as Record<string, unknown> };
    const { captured, res } = capture();
    let passed = false;
    await adapter.authorizeRequest(request, res, () => {
      passed = true;
    });
    if (!passed) options.logger.warn({ status: captured.status }, 'agents sdk refused the request token');
    return passed ? request : null;
  };

  /** With an app id, the verified token vouches for the activity, so its user is who the rate limit counts. */
  const verifiedUser = async (req: Request): Promise<string | null> => {
    const parsed = IncomingActivity.safeParse(req.body);
    if (!options.appId || !parsed.success || !req.get('authorization')) return null;
    return (await authorize(req)) ? `bf:${parsed.data.channelId}:${parsed.data.from.id}` : null;
  };

  const router = express.Router();
  if (options.rateLimit) router.post('/api/messages', options.rateLimit(verifiedUser));
  router.post('/api/messages', async (req, res) => {
    const parsed = IncomingActivity.safeParse(req.body);
    if (!parsed.success) throw invalidRequest(parsed.error, 'invalid_activity');
    if (options.appId && !req.get('authorization')) throw new AppError('unauthorized', 'A Bot Framework token is required', 401);
    // Before the SDK sees the activity, so a refused serviceUrl causes no outbound request at all (no token fetch either).
    if (!admitUrl(parsed.data.serviceUrl, policy)) throw refusal();
    const request = await authorize(req);
    if (!request) throw new AppError('unauthorized', 'The Bot Framework token is invalid', 401);
    request.body = parsed.data;
    const { captured, res: sdkRes } = capture();
    await adapter.process(request, sdkRes, logic);
    if (captured.status === 401 || captured.status === 403) throw new AppError('unauthorized', 'The Bot Framework token is invalid', 401);
    if (captured.status === 400) throw new AppError('invalid_activity', 'The activity was refused', 400);
    if (captured.status >= 500) throw new Error(`agents sdk turn failed: ${String(captured.body)}`);
    if (captured.body === undefined) res.status(captured.status).end();
    else res.status(captured.status).json(captured.body);
  });

  /** A message Smile starts, through the stored ConversationReference (the same rows the botbuilder endpoint keeps). */
  const sendProactive = async (conversationId: string, text: string): Promise<void> => {
    const stored = await options.port.channelState.get('bf_reference', conversationId);
    if (!stored) throw new Error(`No conversation reference for ${conversationId}`);
    if (!admitUrl(stored.serviceUrl, policy)) throw new Error(`Refused to write to conversation ${conversationId}: its serviceUrl is not allowed`);
    const { bot, ...rest } = stored;
    const reference: ConversationReference = { ...rest, ...(bot ? { agent: bot } : {}) };
    // Anonymous (the Emulator): an identity without an audience, so the SDK sends without a token.
    const identity = options.appId ?? { name: 'anonymous' };
    await adapter.continueConversation(identity, reference, async (context) => {
      await context.sendActivity(MessageFactory.text(text));
    });
  };
  return { router, sendProactive };
}
