import express, { type Request } from 'express';
import type { ConversationReference } from '@microsoft/agents-activity';
import { CloudAdapter, MessageFactory, TurnContext, type Request as AgentsRequest, type WebResponse } from '@microsoft/agents-hosting';
import { AppError } from '../domain/errors.js';
import { agentsChannel as channel } from './agents-channel.js';
import {
  admitActivity,
  answerActivity,
  answerCaptured,
  answerTurnError,
  IncomingActivity,
  type BotFrameworkEndpoint,
  type BotFrameworkOptions,
} from './botframework.js';
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
  adapter.onTurnError = (context, err) =>
    answerTurnError(options, channel, context.activity.locale, err, (activities) => context.sendActivities(activities));

  const logic = (context: TurnContext): Promise<void> => {
    // The SDK names the bot's account `agent`; the stored row keeps botbuilder's `bot`, so either endpoint can use it.
    const { agent, ...rest } = context.activity.getConversationReference();
    const reference = { ...rest, ...(agent ? { bot: agent } : {}) };
    return answerActivity(options, { channel, reference, send: (activities) => context.sendActivities(activities) }, context.activity);
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
    const activity = admitActivity(req, options.appId, (url) => admitUrl(url, policy), refusal);
    const request = await authorize(req);
    if (!request) throw new AppError('unauthorized', 'The Bot Framework token is invalid', 401);
    request.body = activity;
    const { captured, res: sdkRes } = capture();
    await adapter.process(request, sdkRes, logic);
    // The Agents SDK answers an activity it cannot read with a 400 and its own text; Smile says it in its own words.
    if (captured.status === 400) throw new AppError('invalid_activity', 'The activity was refused', 400);
    answerCaptured(captured, res);
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
