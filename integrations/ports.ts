// The business ports live in ports/ (interfaces over domain types); the adapters here implement them.
export type { CommercePort, LogisticsPort, ProductQuery, ReturnRequest, ShipmentPatch, WriteOptions } from '../ports/commerce.js';
