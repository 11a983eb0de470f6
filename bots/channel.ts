import type { Capabilities, Reply, Turn } from '../engine/types.js';
import type { Locale } from '../nlu/catalogue.js';

export type { Capabilities } from '../engine/types.js';

/**
 * The contract every channel keeps: what it can show, which conversation a request belongs to, the Turn it hands the
 * engine, and how it draws a Reply or a failure. `render` and `renderError` are pure (they draw a Presentation
 * decided by bots/presentation.ts), so each channel's format is pinned by snapshot tests without a server.
 */
export interface Channel<Request, Output> {
  readonly name: string;
  readonly capabilities: Capabilities;
  conversationId(request: Request): string;
  /** Null when the request asks nothing of the engine (a typing indicator, a member leaving). */
  toTurn(request: Request): Turn | null;
  render(reply: Reply): Output;
  renderError(err: unknown, locale: Locale): Output;
}
