import type { Customer, Order, TimeWindow } from '../domain/commerce.js';
import type { CommercePort, LogisticsPort } from '../ports/commerce.js';
import type { Turn } from './types.js';

/**
 * The reads one turn makes, shared by its stages and made at most once: the profile the link read, the history
 * understanding read and the windows read ahead are the ones the flow uses. A change clears them (what was read
 * before it may no longer hold). A failed read is forgotten, so a later stage may try again.
 */
export class TurnReads {
  private readonly made = new Map<string, { read: Promise<unknown>; ahead: boolean }>();

  constructor(
    private readonly commerce: CommercePort,
    private readonly logistics: LogisticsPort,
  ) {}

  /**
   * The read under `key`, made once. One started ahead that failed (a circuit half-open lets one call through, so a
   * read made alongside another may be refused) is made again by whoever needs it: reading ahead never costs an answer.
   */
  private once<T>(key: string, read: () => Promise<T>, ahead = false): Promise<T> {
    const known = this.made.get(key);
    if (known && (ahead || !known.ahead)) return known.read as Promise<T>;
    const made: Promise<T> = known ? (known.read as Promise<T>).catch(() => read()) : read();
    this.made.set(key, { read: made, ahead });
    made.catch(() => {
      if (this.made.get(key)?.read === made) this.made.delete(key);
    });
    return made;
  }

  customer(customerId: string): Promise<Customer> {
    return this.once(`customer:${customerId}`, () => this.commerce.getCustomer(customerId));
  }
  orders(customerId: string): Promise<Order[]> {
    return this.once(`orders:${customerId}`, () => this.commerce.listOrders(customerId));
  }
  windows(customerId: string): Promise<TimeWindow[]> {
    return this.once(`windows:${customerId}`, () => this.logistics.deliveryWindows(customerId));
  }

  /** Starts reads a later stage will need, in parallel, without waiting; a failure is left for whoever needs the read. */
  ahead(customerId: string, what: Array<'orders' | 'windows'>): void {
    for (const w of what) {
      const read = (): Promise<unknown> => (w === 'orders' ? this.commerce.listOrders(customerId) : this.logistics.deliveryWindows(customerId));
      this.once<unknown>(`${w}:${customerId}`, read, true).catch(() => undefined);
    }
  }

  /** After a change: nothing read before it is reused. */
  clear(): void {
    this.made.clear();
  }
}

/**
 * On a speaker every second counts: a reorder asked in one sentence needs the history and the delivery windows,
 * so both are read at once, alongside the profile, instead of one after the other.
 */
export function readAhead(turn: Turn, customerId: string, reads: TurnReads, historyCached: boolean): void {
  const reorder = turn.capabilities.voice && turn.input.type === 'intent' && turn.input.intent === 'reorder';
  reads.ahead(customerId, [...(historyCached ? [] : ['orders' as const]), ...(reorder ? ['windows' as const] : [])]);
}
