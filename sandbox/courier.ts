import { createHmac, randomInt, randomUUID } from 'node:crypto';
import express, { type Router } from 'express';
import { z } from 'zod';
import type { Order, Shipment } from '../domain/commerce.js';
import { AppError, invalidRequest } from '../domain/errors.js';
import type { LogisticsEvent } from '../domain/notices.js';
import type { Store } from '../store/port.js';

const SHIPMENTS = 'sbx_shipments';
const ORDERS = 'sbx_orders';
const DAY_MS = 86_400_000;
/** How long a parcel waits at a pick-up point (PRODUCT.md section 8). */
const HOLD_DAYS = { locker: 3, convenience_store: 7 } as const;

/** Where the courier is with a shipment: its public status, plus a parcel waiting at a pick-up point. */
type Stage = Shipment['status'] | 'arrived_at_pickup_point' | 'courier_arrived';
type CourierShipment = Shipment & { courier?: { stage: Stage; code?: string; holdUntil?: string } };

/** Smile's webhook and the secret the two share (known only once Smile listens). */
export interface WebhookTarget {
  url: string;
  secret: string;
}

/** Stripe's scheme: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`. */
export function signatureHeader(secret: string, rawBody: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${rawBody}`).digest('hex')}`;
}

const Advance = z.object({ to: z.literal('delayed').optional() }).strict();

/**
 * The sandbox courier: moves a shipment one status on (placed → shipped → out_for_delivery → arrived_at_pickup_point
 * for lockers and stores, or delivered) and tells Smile over HTTP, signed, like a real logistics provider would.
 */
export class SandboxCourier {
  constructor(
    private readonly store: Store,
    private readonly clock: () => Date,
    private readonly target: () => WebhookTarget | null,
  ) {}

  router(): Router {
    const r = express.Router();
    r.post('/shipments/:id/advance', async (req, res) => {
      const body = Advance.safeParse(req.body ?? {});
      if (!body.success) throw invalidRequest(body.error);
      const shipment = await this.store.documents.get<CourierShipment>(SHIPMENTS, req.params.id);
      if (!shipment) throw new AppError('not_found', `No shipment ${req.params.id}`, 404);
      const { updated, event } = body.data.to === 'delayed' ? this.delay(shipment) : this.next(shipment);
      await this.store.documents.put(SHIPMENTS, updated.id, updated);
      const order = await this.store.documents.get<Order>(ORDERS, updated.orderId);
      if (order && order.status !== updated.status) await this.store.documents.put(ORDERS, order.id, { ...order, status: updated.status });
      const delivery = await this.deliver(event);
      res.json({ shipment: updated, event, webhook: delivery });
    });
    return r;
  }

  private event<T extends LogisticsEvent['type']>(s: Shipment, type: T, data: Extract<LogisticsEvent, { type: T }>['data']): LogisticsEvent {
    return {
      id: `evt_${randomUUID()}`,
      type,
      shipmentId: s.id,
      customerId: s.customerId,
      occurredAt: this.clock().toISOString(),
      data,
    } as LogisticsEvent;
  }

  private delay(s: CourierShipment): { updated: CourierShipment; event: LogisticsEvent } {
    const stage = s.courier?.stage ?? s.status;
    if (!['placed', 'shipped', 'out_for_delivery'].includes(stage)) throw new AppError('not_delayable', `Shipment ${s.id} is ${stage}`, 409);
    // The next day's same hours: a later window the customer may want to change.
    const window = { start: shift(s.window.start, DAY_MS), end: shift(s.window.end, DAY_MS) };
    return { updated: { ...s, window }, event: this.event(s, 'delayed', { window }) };
  }

  private next(s: CourierShipment): { updated: CourierShipment; event: LogisticsEvent } {
    const stage: Stage = s.courier?.stage ?? s.status;
    const at = (next: Stage, status: Shipment['status'], extra: Partial<NonNullable<CourierShipment['courier']>> = {}): CourierShipment => ({
      ...s,
      status,
      courier: { stage: next, ...extra },
    });
    switch (stage) {
      case 'placed':
        return { updated: at('shipped', 'shipped'), event: this.event(s, 'shipped', {}) };
      case 'shipped':
        return { updated: at('out_for_delivery', 'out_for_delivery'), event: this.event(s, 'out_for_delivery', { window: s.window }) };
      case 'out_for_delivery': {
        const type = s.place.type;
        if (type === 'locker' || type === 'convenience_store') {
          const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
          const holdUntil = new Date(this.clock().getTime() + HOLD_DAYS[type] * DAY_MS).toISOString();
          return {
            updated: at('arrived_at_pickup_point', 'out_for_delivery', { code, holdUntil }),
            event: this.event(s, 'arrived_at_pickup_point', { pickupPointId: s.place.pickupPointId ?? s.place.label, code, holdUntil }),
          };
        }
        if (type === 'in_home' || type === 'car_trunk') {
          return { updated: at('courier_arrived', 'out_for_delivery'), event: this.event(s, 'courier_arrived', { placeType: type }) };
        }
        return { updated: at('delivered', 'delivered'), event: this.event(s, 'delivered', { place: s.place.label }) };
      }
      // In, parcel left, photo taken, door or trunk locked again.
      case 'courier_arrived': {
        const target = this.target();
        const photoUrl = target ? new URL(`/sandbox/logistics/v1/shipments/${encodeURIComponent(s.id)}/photo`, target.url).toString() : undefined;
        return {
          updated: at('delivered', 'delivered'),
          event: this.event(s, 'delivered', { place: s.place.label, placeType: s.place.type, secured: true, ...(photoUrl ? { photoUrl } : {}) }),
        };
      }
      // Collected from the pick-up point.
      case 'arrived_at_pickup_point':
        return { updated: at('delivered', 'delivered'), event: this.event(s, 'delivered', { place: s.place.label }) };
      default:
        throw new AppError('not_advanceable', `Shipment ${s.id} is ${stage}`, 409);
    }
  }

  /** Posts the signed event to Smile's webhook; what it answered is reported, never thrown (the change is made). */
  private async deliver(event: LogisticsEvent): Promise<{ status: number } | { error: string }> {
    const target = this.target();
    if (!target) return { error: 'no webhook configured' };
    const raw = JSON.stringify(event);
    try {
      const res = await fetch(target.url, {
        method: 'POST',
        body: raw,
        headers: { 'content-type': 'application/json', 'smile-signature': signatureHeader(target.secret, raw, this.clock()) },
        signal: AbortSignal.timeout(10_000),
      });
      await res.arrayBuffer();
      return { status: res.status };
    } catch (err) {
      return { error: (err as Error).message };
    }
  }
}

function shift(iso: string, ms: number): string {
  // Keeps the instant's offset out of it: the window is an instant range; ISO in UTC is a valid datetime.
  return new Date(Date.parse(iso) + ms).toISOString();
}
