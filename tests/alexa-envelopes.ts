/** Raw Alexa request envelopes, as the Alexa service posts them, for tests that drive POST /alexa directly. */
export function envelope(
  request: Record<string, unknown>,
  o: { token?: string; session?: string; user?: string; newSession?: boolean } = {},
): Record<string, unknown> {
  const user = { userId: o.user ?? 'amzn1.ask.account.VOICE', ...(o.token ? { accessToken: o.token } : {}) };
  const application = { applicationId: 'amzn1.ask.skill.smile' };
  return {
    version: '1.0',
    session: { new: o.newSession ?? false, sessionId: `amzn1.echo-api.session.${o.session ?? 'voice'}`, application, user },
    context: {
      System: {
        application,
        user,
        apiEndpoint: 'https://api.amazonalexa.com',
        apiAccessToken: 'api-token',
        device: { deviceId: 'd', supportedInterfaces: {} },
      },
    },
    request: {
      requestId: `amzn1.echo-api.request.${Math.random().toString(36).slice(2)}`,
      timestamp: new Date().toISOString(),
      locale: 'en-US',
      ...request,
    },
  };
}

export const intentRequest = (name: string, slots: Record<string, string> = {}) => ({
  type: 'IntentRequest',
  intent: {
    name,
    confirmationStatus: 'NONE',
    slots: Object.fromEntries(Object.entries(slots).map(([k, v]) => [k, { name: k, value: v, confirmationStatus: 'NONE' }])),
  },
});

export const spoken = (r: any): string => r?.response?.outputSpeech?.ssml ?? '';
/** The words Alexa says: SSML tags gone, entities read. */
export const words = (ssml: string): string[] =>
  ssml
    .replace(/<[^>]+>/g, ' ')
    .replace(/&[a-z]+;/g, "'")
    .split(/\s+/)
    .filter(Boolean);
