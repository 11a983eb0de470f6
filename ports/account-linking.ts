import type { Locale } from '../domain/locale.js';

/** What an unlinked channel user asked for, to carry on with once they have signed in. */
export interface SignInRequest {
  channel: string;
  channelUserId: string;
  conversationId: string;
  /** The message that needed an account; run again, as the customer, once the link is made. */
  text: string;
  locale: Locale;
}

/**
 * Linking a messenger user to a shop account (issue 16): a sign-in link against the shop's identity provider
 * (OAuth 2.0 authorization code with PKCE); its callback stores the link and resumes the request.
 */
export interface AccountLinkingPort {
  /** A one-time sign-in URL for this channel user, which resumes `request` once they have signed in. */
  signInUrl(request: SignInRequest): Promise<string>;
}
