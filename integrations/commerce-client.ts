import { z } from 'zod';
import { Customer, Order, OrderQuote, ProductSearchResult, type PlaceOrderRequest, type ValidatedAddress } from '../domain/commerce.js';
import { CycleOrder, Subscription, type CreateSubscriptionRequest, type SubscriptionPatch } from '../domain/subscriptions.js';
import { HttpClient, type HttpClientOptions } from './http-client.js';
import type { CommercePort, ProductQuery, WriteOptions } from './ports.js';

// The answers' schemas, built once (not per call).
const OrderList = z.object({ orders: z.array(Order) });
const SubscriptionList = z.object({ subscriptions: z.array(Subscription) });
const CustomerIdAnswer = z.object({ customerId: z.string().min(1) });
const ValidAnswer = z.object({ valid: z.boolean() });

/** The commerce API over HTTP (integrations/commerce.openapi.yaml). */
export class CommerceClient implements CommercePort {
  private readonly http: HttpClient;
  constructor(options: Omit<HttpClientOptions, 'name'>) {
    this.http = new HttpClient({ name: 'commerce', ...options });
  }

  /** False while the circuit is open after repeated failures. */
  get available(): boolean {
    return !this.http.circuitOpen;
  }
  /** `available`, after trying the provider once its circuit's cooldown has passed (for /readyz). */
  probe(): Promise<boolean> {
    return this.http.probe();
  }

  getCustomer(customerId: string): Promise<Customer> {
    return this.http.call(`/customers/${encodeURIComponent(customerId)}`, { schema: Customer });
  }
  async customerForToken(accessToken: string): Promise<string | null> {
    try {
      const r = await this.http.call('/oauth/userinfo', {
        schema: CustomerIdAnswer,
        headers: { authorization: `Bearer ${accessToken}` },
      });
      return r.customerId;
    } catch (err) {
      if ((err as { status?: number }).status === 401 || (err as { status?: number }).status === 404) return null;
      throw err;
    }
  }
  async verifyVoiceCode(customerId: string, code: string): Promise<boolean> {
    const r = await this.http.call(`/customers/${encodeURIComponent(customerId)}/voice-code/verify`, {
      method: 'POST',
      body: { code },
      schema: ValidAnswer,
    });
    return r.valid;
  }
  async listOrders(customerId: string): Promise<Order[]> {
    const r = await this.http.call(`/customers/${encodeURIComponent(customerId)}/orders`, { schema: OrderList });
    return r.orders;
  }
  saveAddress(
    customerId: string,
    type: 'home' | 'office',
    address: ValidatedAddress,
    idempotencyKey: string,
    options: WriteOptions = {},
  ): Promise<Customer> {
    return this.http.call(`/customers/${encodeURIComponent(customerId)}/addresses`, {
      method: 'POST',
      body: { type, address },
      idempotencyKey,
      schema: Customer,
      ...options,
    });
  }
  quoteOrder(request: PlaceOrderRequest): Promise<OrderQuote> {
    // A POST that changes nothing: safe to try again like a read.
    return this.http.call('/quotes', { method: 'POST', body: request, repeatable: true, schema: OrderQuote });
  }
  placeOrder(request: PlaceOrderRequest, idempotencyKey: string, options: WriteOptions = {}): Promise<Order> {
    return this.http.call('/orders', { method: 'POST', body: request, idempotencyKey, schema: Order, ...options });
  }
  cancelOrder(orderId: string, idempotencyKey: string, options: WriteOptions = {}): Promise<Order> {
    return this.http.call(`/orders/${encodeURIComponent(orderId)}/cancel`, { method: 'POST', body: {}, idempotencyKey, schema: Order, ...options });
  }
  searchProducts(query: ProductQuery): Promise<ProductSearchResult> {
    const q = new URLSearchParams({ customerId: query.customerId, name: query.name });
    const { size, stage, count } = query.variant;
    if (size !== undefined) q.set('size', size);
    if (stage !== undefined) q.set('stage', String(stage));
    if (count !== undefined) q.set('count', String(count));
    return this.http.call(`/products/search?${q.toString()}`, { schema: ProductSearchResult });
  }
  async listSubscriptions(customerId: string): Promise<Subscription[]> {
    const r = await this.http.call(`/customers/${encodeURIComponent(customerId)}/subscriptions`, {
      schema: SubscriptionList,
    });
    return r.subscriptions;
  }
  async dueSubscriptions(dueBy: string): Promise<Subscription[]> {
    const r = await this.http.call(`/subscriptions?dueBy=${encodeURIComponent(dueBy)}`, {
      schema: SubscriptionList,
    });
    return r.subscriptions;
  }
  getSubscription(subscriptionId: string): Promise<Subscription> {
    return this.http.call(`/subscriptions/${encodeURIComponent(subscriptionId)}`, { schema: Subscription });
  }
  createSubscription(request: CreateSubscriptionRequest, idempotencyKey: string, options: WriteOptions = {}): Promise<Subscription> {
    return this.http.call('/subscriptions', { method: 'POST', body: request, idempotencyKey, schema: Subscription, ...options });
  }
  updateSubscription(subscriptionId: string, patch: SubscriptionPatch, idempotencyKey: string, options: WriteOptions = {}): Promise<Subscription> {
    return this.http.call(`/subscriptions/${encodeURIComponent(subscriptionId)}`, {
      method: 'PATCH',
      body: patch,
      idempotencyKey,
      schema: Subscription,
      ...options,
    });
  }
  skipSubscriptionCycle(subscriptionId: string, cycleDate: string, idempotencyKey: string, options: WriteOptions = {}): Promise<Subscription> {
    return this.http.call(`/subscriptions/${encodeURIComponent(subscriptionId)}/skip`, {
      method: 'POST',
      body: { cycleDate },
      idempotencyKey,
      schema: Subscription,
      ...options,
    });
  }
  placeSubscriptionOrder(subscriptionId: string, cycleDate: string, idempotencyKey: string, options: WriteOptions = {}): Promise<CycleOrder> {
    return this.http.call(`/subscriptions/${encodeURIComponent(subscriptionId)}/cycles/${encodeURIComponent(cycleDate)}/order`, {
      method: 'POST',
      body: {},
      idempotencyKey,
      schema: CycleOrder,
      ...options,
    });
  }
}
