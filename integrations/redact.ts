/**
 * Personal data never leaves for the LLM: emails, phone numbers, street addresses, card-like numbers and codes are
 * replaced by placeholders before any text is sent.
 */
const RULES: Array<[RegExp, string]> = [
  [/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, '[email]'],
  [/(?:\+?\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)[\s.-]?)?\d{2,4}[\s.-]\d{3,4}[\s.-]\d{4}\b/g, '[phone]'],
  [/\b(?:\d[ -]?){13,19}\b/g, '[number]'],
  [
    /\b\d{1,6}\s+(?:[A-Z][\w.]*\s){0,3}(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|way|court|ct|plaza|place|pl)\b\.?(?:,?\s*(?:apt|unit|suite|#)\s*\w+)?/gi,
    '[address]',
  ],
  [/[가-힣]+(?:시|도)\s+[가-힣]+(?:구|군)\s+[가-힣0-9]+(?:로|길|동)\s*\d+(?:-\d+)?(?:\s*,?\s*\d+층)?/g, '[address]'],
  [/[가-힣0-9]+(?:로|길)\s*\d+(?:-\d+)?/g, '[address]'],
  [/\b\d{4,8}\b/g, '[code]'],
];

export function redact(text: string): string {
  return RULES.reduce((t, [re, placeholder]) => t.replace(re, placeholder), text);
}
