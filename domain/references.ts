/**
 * The numbers a customer sees for Smile's records. Internal ids carry a prefix for the machines that keep them
 * (`ord-2681d657`, `esc-9f0c…`); a customer sees the id without its prefix, in capitals ("2681D657"), after the product
 * it belongs to ("운동화 260mm(주문번호 2681D657)"), in every language and on every channel. Agents' tools keep the
 * internal ids. A customer who types the number back (in either case, with or without the prefix) is understood.
 */
const PREFIX = /^[a-z]{1,4}-(?=[a-z0-9])/i;

/** "ord-2681d657" → "2681D657"; "esc-9f0c1a2b3c4d5e6f" → "9F0C1A2B3C4D5E6F"; an id without a prefix is only capitalised. */
export function customerNumber(id: string): string {
  return id.replace(PREFIX, '').toUpperCase();
}

/** Whether the customer's text names this record: its customer-facing number or its internal id, as a word of its own. */
export function namesRecord(text: string, id: string): boolean {
  const number = customerNumber(id);
  // A number shorter than four characters could be anything a customer types ("2", "3개"): only longer ones count.
  if (number.length < 4) return false;
  const words = text.toUpperCase().match(/[A-Z0-9]+(?:-[A-Z0-9]+)*/g) ?? [];
  return words.some((w) => w === number || w === id.toUpperCase() || customerNumber(w) === number);
}
