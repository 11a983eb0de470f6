import type { CatalogueProduct, Customer, Order, PickupPoint, Shipment } from '../domain/commerce.js';
import { addDays, localDate, zonedIso } from '../domain/time.js';

export interface SeedData {
  customers: Customer[];
  orders: Order[];
  shipments: Shipment[];
  pickupPoints: Array<PickupPoint & { near: string }>;
  catalogue: CatalogueProduct[];
}

/** The deterministic seed of PRODUCT.md section 6; "today" is the server's date in each customer's zone. */
export function buildSeed(now: Date): SeedData {
  const la = 'America/Los_Angeles';
  const seoul = 'Asia/Seoul';
  const laToday = localDate(now, la);
  const koToday = localDate(now, seoul);
  const at = (today: string, days: number, hour: number, zone: string): string => zonedIso(addDays(today, days), hour, zone);
  const customers: Customer[] = [
    {
      id: 'demo',
      name: 'Alex Kim',
      locale: 'en-US',
      timeZone: la,
      currency: 'USD',
      addresses: [
        { id: 'demo-home', type: 'home', label: 'Home', line1: '1200 Elm Street', city: 'San Jose' },
        { id: 'demo-office', type: 'office', label: 'Office', line1: '500 Market Street, 8th floor', city: 'San Francisco' },
        {
          id: 'demo-locker',
          type: 'locker',
          label: 'Elm Street Parcel Locker',
          line1: '1180 Elm Street',
          city: 'San Jose',
          pickupPointId: 'pp-us-locker-1',
        },
      ],
      enrolments: { carTrunk: true, inHome: false },
      voicePurchaseCode: false,
      phone: '+1 408 555 0142',
    },
    {
      id: 'demo-ko',
      name: '김지은',
      locale: 'ko-KR',
      timeZone: seoul,
      currency: 'KRW',
      addresses: [
        { id: 'demo-ko-home', type: 'home', label: '집', line1: '서울시 강남구 역삼로 123', city: '서울' },
        { id: 'demo-ko-office', type: 'office', label: '회사', line1: '서울시 강남구 테헤란로 427, 10층', city: '서울' },
        {
          id: 'demo-ko-locker',
          type: 'locker',
          label: 'GS25 역삼점 무인택배함',
          line1: '서울시 강남구 역삼로 150',
          city: '서울',
          pickupPointId: 'pp-kr-gs25-yeoksam',
        },
      ],
      enrolments: { carTrunk: false, inHome: false },
      voicePurchaseCode: false,
      phone: '+82 10 5555 0142',
    },
  ];
  const order = (o: Omit<Order, 'total' | 'currency'> & { currency?: string }): Order => ({
    ...o,
    currency: o.currency ?? 'USD',
    total: Math.round(o.items.reduce((s, i) => s + i.quantity * i.unitPrice, 0) * 100) / 100,
  });
  const orders: Order[] = [
    order({
      id: 'ord-1001',
      customerId: 'demo',
      status: 'delivered',
      placedAt: at(laToday, -24, 10, la),
      shippingAddressId: 'demo-home',
      items: [
        { sku: 'huggies-ls-2-84', name: 'Huggies Little Snugglers Diapers, Size 2, 84 ct', quantity: 1, unitPrice: 32.99 },
        { sku: 'similac-360-30oz', name: 'Similac 360 Total Care Infant Formula, 30.8 oz', quantity: 2, unitPrice: 44.99 },
      ],
    }),
    order({
      id: 'ord-1002',
      customerId: 'demo',
      status: 'delivered',
      placedAt: at(laToday, -17, 10, la),
      shippingAddressId: 'demo-home',
      returnableUntil: at(laToday, 16, 23, la),
      items: [
        { sku: 'tide-free-92oz', name: 'Tide Free & Gentle Laundry Detergent, 92 oz', quantity: 1, unitPrice: 19.99 },
        { sku: 'nike-rev7-10', name: 'Nike Revolution 7 Running Shoes, size 10', quantity: 1, unitPrice: 69.99 },
      ],
    }),
    order({
      id: 'ord-1003',
      customerId: 'demo',
      status: 'shipped',
      placedAt: at(laToday, -2, 10, la),
      shippingAddressId: 'demo-home',
      items: [{ sku: 'pampers-sens-12', name: 'Pampers Sensitive Baby Wipes, 12 packs', quantity: 1, unitPrice: 24.99 }],
    }),
    order({
      id: 'ord-1004',
      customerId: 'demo',
      status: 'placed',
      placedAt: at(laToday, 0, 8, la),
      shippingAddressId: 'demo-home',
      items: [{ sku: 'sonicare-heads-4', name: 'Philips Sonicare Replacement Brush Heads, 4 pk', quantity: 1, unitPrice: 39.99 }],
    }),
    order({
      id: 'ord-2001',
      customerId: 'demo-ko',
      status: 'delivered',
      placedAt: at(koToday, -24, 10, seoul),
      currency: 'KRW',
      shippingAddressId: 'demo-ko-home',
      items: [
        { sku: 'huggies-nature-3-64', name: '하기스 네이처메이드 기저귀 3단계 64매', quantity: 2, unitPrice: 38900 },
        { sku: 'absolute-myungjak-2-800', name: '앱솔루트 명작 분유 2단계 800g', quantity: 1, unitPrice: 29900 },
      ],
    }),
    order({
      id: 'ord-2002',
      customerId: 'demo-ko',
      status: 'delivered',
      placedAt: at(koToday, -13, 10, seoul),
      currency: 'KRW',
      shippingAddressId: 'demo-ko-home',
      returnableUntil: at(koToday, 20, 23, seoul),
      items: [
        { sku: 'nike-airmax270-260', name: '나이키 에어맥스 270 운동화 260mm', quantity: 1, unitPrice: 169000 },
        { sku: 'samdasoo-2l-12', name: '제주 삼다수 2L 12병', quantity: 1, unitPrice: 12900 },
      ],
    }),
    order({
      id: 'ord-2003',
      customerId: 'demo-ko',
      status: 'shipped',
      placedAt: at(koToday, -2, 10, seoul),
      currency: 'KRW',
      shippingAddressId: 'demo-ko-home',
      items: [{ sku: 'bebesup-cap-70-10', name: '베베숲 물티슈 캡형 70매 10팩', quantity: 1, unitPrice: 15900 }],
    }),
    order({
      id: 'ord-2004',
      customerId: 'demo-ko',
      status: 'placed',
      placedAt: at(koToday, 0, 8, seoul),
      currency: 'KRW',
      shippingAddressId: 'demo-ko-home',
      items: [{ sku: 'shin-ramyun-5', name: '신라면 멀티팩 5개입', quantity: 2, unitPrice: 4500 }],
    }),
  ];
  const shipment = (
    id: string,
    o: Order,
    status: Shipment['status'],
    days: number,
    startHour: number,
    zone: string,
    today: string,
    label: string,
  ): Shipment => ({
    id,
    orderId: o.id,
    customerId: o.customerId,
    status,
    window: { start: at(today, days, startHour, zone), end: at(today, days, startHour + 3, zone) },
    place: { type: 'home', label },
  });
  const byId = (id: string): Order => orders.find((o) => o.id === id)!;
  /** What the courier recorded at a delivered door: an hour into the window, a photo, and where its device was. */
  const delivered = (s: Shipment, leftAt: string, location: { lat: number; lng: number }, courier: string): Shipment => ({
    ...s,
    proofOfDelivery: {
      deliveredAt: new Date(Date.parse(s.window.start) + 3_600_000).toISOString(),
      leftAt,
      method: 'photo',
      photoUrl: `https://sandbox.smile.example/pod/${s.id}.jpg`,
      location,
      courier,
    },
  });
  const shipments: Shipment[] = [
    delivered(
      shipment('shp-1001', byId('ord-1001'), 'delivered', -21, 9, la, laToday, 'Home'),
      'Front door',
      { lat: 37.3352, lng: -121.8811 },
      'Sandbox Courier #14',
    ),
    delivered(
      shipment('shp-1002', byId('ord-1002'), 'delivered', -14, 12, la, laToday, 'Home'),
      'Front door',
      { lat: 37.3352, lng: -121.8811 },
      'Sandbox Courier #14',
    ),
    shipment('shp-1003', byId('ord-1003'), 'shipped', 1, 9, la, laToday, 'Home'),
    shipment('shp-1004', byId('ord-1004'), 'placed', 3, 9, la, laToday, 'Home'),
    delivered(
      shipment('shp-2001', byId('ord-2001'), 'delivered', -21, 9, seoul, koToday, '집'),
      '현관 앞',
      { lat: 37.5006, lng: 127.0364 },
      '샌드박스 택배 12번 기사',
    ),
    delivered(
      shipment('shp-2002', byId('ord-2002'), 'delivered', -10, 12, seoul, koToday, '집'),
      '현관 앞',
      { lat: 37.5006, lng: 127.0364 },
      '샌드박스 택배 12번 기사',
    ),
    shipment('shp-2003', byId('ord-2003'), 'shipped', 1, 9, seoul, koToday, '집'),
    shipment('shp-2004', byId('ord-2004'), 'placed', 2, 9, seoul, koToday, '집'),
  ];
  const pickupPoints: SeedData['pickupPoints'] = [
    {
      id: 'pp-us-locker-1',
      near: 'demo',
      type: 'locker',
      name: 'Elm Street Parcel Locker',
      address: '1180 Elm Street, San Jose',
      hours: '24/7',
      distanceKm: 0.3,
    },
    {
      id: 'pp-us-711-1',
      near: 'demo',
      type: 'convenience_store',
      name: '7-Eleven Elm & 2nd',
      address: '1150 Elm Street, San Jose',
      hours: '24/7',
      distanceKm: 0.5,
    },
    {
      id: 'pp-us-locker-2',
      near: 'demo',
      type: 'locker',
      name: 'Oak Plaza Parcel Locker',
      address: '88 Oak Plaza, San Jose',
      hours: '6:00–23:00',
      distanceKm: 1.2,
    },
    {
      id: 'pp-us-711-2',
      near: 'demo',
      type: 'convenience_store',
      name: '7-Eleven Market Square',
      address: '20 Market Square, San Jose',
      hours: '24/7',
      distanceKm: 1.6,
    },
    {
      id: 'pp-kr-gs25-yeoksam',
      near: 'demo-ko',
      type: 'locker',
      name: 'GS25 역삼점 무인택배함',
      address: '서울시 강남구 역삼로 150',
      hours: '24시간',
      distanceKm: 0.2,
    },
    {
      id: 'pp-kr-cu-yeoksam',
      near: 'demo-ko',
      type: 'convenience_store',
      name: 'CU 역삼중앙점',
      address: '서울시 강남구 역삼로 130',
      hours: '24시간',
      distanceKm: 0.4,
    },
    {
      id: 'pp-kr-locker-station',
      near: 'demo-ko',
      type: 'locker',
      name: '역삼역 스마트 보관함',
      address: '서울시 강남구 강남대로 지하 역삼역',
      hours: '05:30–24:00',
      distanceKm: 0.9,
    },
    {
      id: 'pp-kr-gs25-teheran',
      near: 'demo-ko',
      type: 'convenience_store',
      name: 'GS25 테헤란점',
      address: '서울시 강남구 테헤란로 401',
      hours: '24시간',
      distanceKm: 1.1,
    },
  ];
  return { customers, orders, shipments, pickupPoints, catalogue: variantCatalogue() };
}

/**
 * The variants the shop sells of the seed products: sizes of diapers and shoes, stages (단계) of diapers and formula.
 * Gaps are deliberate: US diapers size 5 and Korean diapers 5단계 are out of stock, size 6 is not sold.
 */
export function variantCatalogue(): CatalogueProduct[] {
  const usd = (p: Omit<CatalogueProduct, 'currency' | 'inStock'> & { inStock?: boolean }): CatalogueProduct => ({
    currency: 'USD',
    inStock: true,
    ...p,
  });
  const krw = (p: Omit<CatalogueProduct, 'currency' | 'inStock'> & { inStock?: boolean }): CatalogueProduct => ({
    currency: 'KRW',
    inStock: true,
    ...p,
  });
  const huggiesCount: Record<number, number> = { 1: 96, 2: 84, 3: 74, 4: 62, 5: 54 };
  const huggiesKoCount: Record<number, number> = { 1: 80, 2: 72, 3: 64, 4: 56, 5: 48 };
  return [
    ...[1, 2, 3, 4, 5].map((n) =>
      usd({
        sku: `huggies-ls-${n}-${huggiesCount[n]}`,
        name: `Huggies Little Snugglers Diapers, Size ${n}, ${huggiesCount[n]} ct`,
        family: 'Huggies Little Snugglers Diapers',
        variant: { size: String(n), count: huggiesCount[n] },
        unitPrice: 32.99,
        inStock: n !== 5,
      }),
    ),
    ...['9', '9.5', '10', '10.5', '11'].map((size) =>
      usd({
        sku: `nike-rev7-${size.replace('.', '_')}`,
        name: `Nike Revolution 7 Running Shoes, size ${size}`,
        family: 'Nike Revolution 7 Running Shoes',
        variant: { size },
        unitPrice: 69.99,
      }),
    ),
    ...[1, 2, 3, 4, 5].map((n) =>
      krw({
        sku: `huggies-nature-${n}-${huggiesKoCount[n]}`,
        name: `하기스 네이처메이드 기저귀 ${n}단계 ${huggiesKoCount[n]}매`,
        family: '하기스 네이처메이드 기저귀',
        variant: { stage: n, count: huggiesKoCount[n] },
        unitPrice: 38900,
        inStock: n !== 5,
      }),
    ),
    ...[1, 2, 3].map((n) =>
      krw({
        sku: `absolute-myungjak-${n}-800`,
        name: `앱솔루트 명작 분유 ${n}단계 800g`,
        family: '앱솔루트 명작 분유',
        variant: { stage: n },
        unitPrice: 29900,
      }),
    ),
    ...['250', '255', '260', '265', '270'].map((mm) =>
      krw({
        sku: `nike-airmax270-${mm}`,
        name: `나이키 에어맥스 270 운동화 ${mm}mm`,
        family: '나이키 에어맥스 270 운동화',
        variant: { size: `${mm}mm` },
        unitPrice: 169000,
      }),
    ),
  ];
}
