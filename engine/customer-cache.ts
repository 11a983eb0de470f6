import type { Customer, Order } from '../domain/commerce.js';
import type { Broadcast } from '../ports/shared.js';

const CHANGED = 'customer-changed';

/** A short-lived cache: understanding a turn should not cost two API calls, and a minute-old profile is fine for it. */
class TtlCache<T> {
  private readonly entries = new Map<string, { at: number; value: T }>();
  constructor(
    private readonly ttlMs: number,
    private readonly clock: () => Date,
  ) {}
  get(key: string): T | undefined {
    const e = this.entries.get(key);
    if (!e || this.clock().getTime() - e.at > this.ttlMs) return undefined;
    return e.value;
  }
  set(key: string, value: T): void {
    if (this.entries.size > 10_000) this.entries.clear();
    this.entries.set(key, { at: this.clock().getTime(), value });
  }
  delete(key: string): void {
    this.entries.delete(key);
  }
}

/** What the engine remembers of each customer between turns: the profile and the order history (which names products). */
export class CustomerCache {
  readonly profiles: TtlCache<Customer>;
  readonly histories: TtlCache<Order[]>;
  /** With a broadcast (several instances), a change any instance makes is forgotten by every instance's cache. */
  constructor(
    clock: () => Date,
    ttlMs = 60_000,
    private readonly broadcast?: Broadcast,
  ) {
    this.profiles = new TtlCache(ttlMs, clock);
    this.histories = new TtlCache(ttlMs, clock);
    broadcast?.subscribe(CHANGED, (payload) => {
      if (typeof payload !== 'string') return;
      this.profiles.delete(payload);
      this.histories.delete(payload);
    });
  }
  remember(customer: Customer, orders: Order[]): void {
    this.profiles.set(customer.id, customer);
    this.histories.set(customer.id, orders);
  }
  /** The customer is no longer who this chat speaks for (unlinked): nothing of theirs is kept here. */
  forget(customerId: string): void {
    this.profiles.delete(customerId);
    this.histories.delete(customerId);
  }
  /** After a change to the customer's orders: the next turn reads the history afresh. */
  ordersChanged(customerId: string): void {
    this.histories.delete(customerId);
    this.broadcast?.publish(CHANGED, customerId);
  }
}
