/**
 * Answers to a reorder nudge beyond yes and no (PRODUCT.md section 8), as closed classes of phrases read only while
 * the nudge is the question on the table (dialogs/flows/reorder, step `nudge`); the NLU model is not retrained for
 * them. "not now" / "remind me next week" / "다음 주에 알려줘" put it off; "stop suggesting this" / "이거 그만 추천해"
 * stops it for that product.
 */
const STOP = [
  /\b(?:stop|quit|no\s+more|don'?t|do\s+not|never)\b.*\b(?:suggest|recommend|remind|nudg|ask|offer)/i,
  /\b(?:unsubscribe|not\s+interested)\b/i,
  /(?:그만|더\s*(?:이상|는)|다시는|두\s*번\s*다시).*(?:추천|권|알려|물어|여쭤)/,
  /(?:추천|권유|알림).*(?:그만|하지\s*마|안\s*해도|필요\s*없|말아)/,
  /관심\s*없/,
];

const LATER: Array<[RegExp, number]> = [
  [/\bnext\s+week\b|\bin\s+a\s+week\b|다음\s*주|담\s*주|일주일\s*(?:뒤|후)/i, 7],
  [/\btomorrow\b|내일/i, 1],
  [
    /\b(?:not\s+(?:now|yet|today|right\s+now)|later|some\s+other\s+time|another\s+time|ask\s+me\s+again|remind\s+me)\b|나중에|다음에|이따가?|지금은\s*(?:말고|됐|괜찮|아니|안\s*돼)|아직(?:은|\s*괜찮|\s*있)/i,
    3,
  ],
];

/** "stop suggesting this": the customer does not want this product suggested again. */
export function stopsSuggesting(text: string): boolean {
  return STOP.some((re) => re.test(text));
}

/** "not now", "remind me next week", "내일 알려줘": how many days to put the nudge off, or null when it is not that. */
export function snoozeDays(text: string): number | null {
  if (stopsSuggesting(text)) return null;
  for (const [re, days] of LATER) if (re.test(text)) return days;
  return null;
}
