import type { TurnContext } from '../turn-context.js';
import type { Reply } from '../types.js';

/**
 * In the manner of ask-sdk's dispatcher: request interceptors prepare the turn (and may answer it, which skips the
 * dialog), the handler runs the dialog, response interceptors keep what happened.
 */
export interface RequestInterceptor {
  name: string;
  process(ctx: TurnContext): Promise<void>;
}
export interface ResponseInterceptor {
  name: string;
  process(ctx: TurnContext, reply: Reply): Promise<void>;
}
