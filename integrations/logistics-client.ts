import { z } from 'zod';
import { AccessCode, AddressCheck, PickupPoint, ReturnRecord, Shipment, TimeWindow } from '../domain/commerce.js';
import { HttpClient, type HttpClientOptions } from './http-client.js';
import type { LogisticsPort, ReturnRequest, ShipmentPatch, WriteOptions } from './ports.js';

// The answers' schemas, built once (not per call).
const ShipmentList = z.object({ shipments: z.array(Shipment) });
const WindowList = z.object({ windows: z.array(TimeWindow) });
const PickupPointList = z.object({ pickupPoints: z.array(PickupPoint) });
const ReturnList = z.object({ returns: z.array(ReturnRecord) });

/** The logistics API over HTTP (integrations/logistics.openapi.yaml). */
export class LogisticsClient implements LogisticsPort {
  private readonly http: HttpClient;
  constructor(options: Omit<HttpClientOptions, 'name'>) {
    this.http = new HttpClient({ name: 'logistics', ...options });
  }

  /** False while the circuit is open after repeated failures. */
  get available(): boolean {
    return !this.http.circuitOpen;
  }
  /** `available`, after trying the provider once its circuit's cooldown has passed (for /readyz). */
  probe(): Promise<boolean> {
    return this.http.probe();
  }

  async listShipments(customerId: string): Promise<Shipment[]> {
    return (await this.http.call(`/shipments?customerId=${encodeURIComponent(customerId)}`, { schema: ShipmentList })).shipments;
  }
  getShipment(shipmentId: string): Promise<Shipment> {
    return this.http.call(`/shipments/${encodeURIComponent(shipmentId)}`, { schema: Shipment });
  }
  async shipmentWindows(shipmentId: string): Promise<TimeWindow[]> {
    return (await this.http.call(`/shipments/${encodeURIComponent(shipmentId)}/windows`, { schema: WindowList })).windows;
  }
  async deliveryWindows(customerId: string): Promise<TimeWindow[]> {
    return (await this.http.call(`/delivery-windows?customerId=${encodeURIComponent(customerId)}`, { schema: WindowList })).windows;
  }
  updateShipment(shipmentId: string, patch: ShipmentPatch, idempotencyKey: string, options: WriteOptions = {}): Promise<Shipment> {
    return this.http.call(`/shipments/${encodeURIComponent(shipmentId)}`, {
      method: 'PATCH',
      body: patch,
      idempotencyKey,
      schema: Shipment,
      ...options,
    });
  }
  accessCode(shipmentId: string, idempotencyKey: string, options: WriteOptions = {}): Promise<AccessCode> {
    return this.http.call(`/shipments/${encodeURIComponent(shipmentId)}/access-code`, {
      method: 'POST',
      body: {},
      idempotencyKey,
      schema: AccessCode,
      ...options,
    });
  }
  async pickupPoints(customerId: string, type?: PickupPoint['type']): Promise<PickupPoint[]> {
    const q = `customerId=${encodeURIComponent(customerId)}${type ? `&type=${type}` : ''}`;
    return (await this.http.call(`/pickup-points?${q}`, { schema: PickupPointList })).pickupPoints;
  }
  bookReturn(request: ReturnRequest, idempotencyKey: string, options: WriteOptions = {}): Promise<ReturnRecord> {
    return this.http.call('/returns', { method: 'POST', body: request, idempotencyKey, schema: ReturnRecord, ...options });
  }
  async listReturns(customerId: string): Promise<ReturnRecord[]> {
    return (await this.http.call(`/returns?customerId=${encodeURIComponent(customerId)}`, { schema: ReturnList })).returns;
  }
  validateAddress(customerId: string, address: { line1: string; city?: string }): Promise<AddressCheck> {
    return this.http.call('/addresses/validate', { method: 'POST', body: { customerId, ...address }, schema: AddressCheck });
  }
}
