import { expect } from 'vitest';
import { describeTranscripts, shipment, unchanged, type TranscriptCase } from './transcripts.js';

// The fixed clock is Sunday Nov 22, noon in Los Angeles: the wipes (shp-1003) arrive Mon Nov 23 9–12,
// the brush heads (shp-1004, not shipped) Wed Nov 25 9–12; free windows run Mon 23 – Sun 29.
const CASES: Record<string, TranscriptCase[]> = {
  order_status: [
    {
      name: 'when the customer names only a product right after the list of deliveries, then that one is looked up, not reordered',
      user: 'demo',
      steps: [
        ['where are my orders', { flow: null, says: /orders on the way/ }],
        ['and the running shoes?', { flow: null, says: /Nike Revolution 7 Running Shoes, size 10: delivered/ }],
        ['reorder the running shoes', { flow: 'reorder', awaiting: 'confirmation' }],
        ['no', { flow: null }],
      ],
      check: unchanged,
    },
    {
      name: 'when the customer asks about a product ordered with another, then the answer names that product, not the order’s first item',
      user: 'demo',
      steps: [['did my running shoes get here?', { flow: null, says: /Nike Revolution 7 Running Shoes, size 10:/, not: /Tide|\(\+1\)/ }]],
      check: unchanged,
    },
    {
      name: 'when the customer asks where a named product is, then its status, window and destination, and nothing changes',
      user: 'demo',
      steps: [['where are my wipes', { flow: null, says: /Pampers Sensitive Baby Wipes.*shipped, arriving Mon, Nov 23, 9 AM – 12 PM at Home/ }]],
      check: unchanged,
    },
    {
      name: 'when the customer asks about all orders, then every active one is listed',
      user: 'demo',
      steps: [['has my stuff shipped yet?', { says: /2 orders on the way.*Sonicare.*being prepared.*Pampers.*shipped/ }]],
    },
  ],
  change_delivery_slot: [
    {
      name: 'when the customer asks for the window the delivery is already due in, then Smile says so and changes nothing',
      user: 'demo',
      steps: [['could the wipes arrive tomorrow morning?', { flow: null, says: /already due then/ }]],
      check: unchanged,
    },
    {
      name: 'when the request names product, day and time, then one window is confirmed and the shipment moves',
      user: 'demo',
      steps: [
        ['move the wipes to tomorrow evening', { awaiting: 'confirmation', says: /from Mon, Nov 23, 9 AM – 12 PM to Mon, Nov 23, 6 PM – 9 PM/ }],
        ['yes', { flow: null, says: /will now arrive Mon, Nov 23, 6 PM – 9 PM/ }],
      ],
      check: (s) => expect(shipment(s, 'shp-1003').window.start).toBe('2026-11-23T18:00:00-08:00'),
    },
    {
      name: 'when the customer says no to the window, then others are offered, and stop leaves the delivery as it was',
      user: 'demo',
      steps: [
        ['can the wipes come saturday morning instead', { awaiting: 'confirmation', says: /to Sat, Nov 28, 9 AM – 12 PM/ }],
        ['no', { awaiting: 'window', suggestions: 4 }],
        ['stop', { flow: null, says: /delivery time is unchanged/ }],
      ],
      check: unchanged,
    },
    {
      name: 'when none of the windows offered suit, then asking for other times offers later ones, and one of those is taken',
      user: 'demo',
      steps: [
        ['I need my wipes delivered at a different time', { awaiting: 'window', suggestions: 3 }],
        ['yes', { awaiting: 'window', says: /Which one\?|which/i, not: /didn't get that/ }],
        ['got any other times?', { awaiting: 'window', says: /how about one of these/, suggestions: 4 }],
        ['nope, none of those work either', { awaiting: 'window', says: /how about one of these/ }],
        ['the first one', { awaiting: 'confirmation' }],
        ['yes', { flow: null, says: /will now arrive/ }],
      ],
    },
    {
      name: 'when the product named came with another and is already delivered, then the refusal names that product',
      user: 'demo',
      steps: [
        ['can my running shoes come on friday instead?', { flow: null, says: /Nike Revolution 7 Running Shoes, size 10/, not: /Tide|\(\+1\)/ }],
      ],
      check: unchanged,
    },
    {
      name: 'when the customer corrects the day, then the new day is matched and confirmed',
      user: 'demo',
      steps: [
        [
          'deliver the wipes on thursday afternoon',
          { awaiting: 'window', suggestions: 2, suggests: /Thu, Nov 26, 12 PM – 3 PM \| Thu, Nov 26, 3 PM – 6 PM/ },
        ],
        ['no, friday evening', { awaiting: 'confirmation', says: /to Fri, Nov 27, 6 PM – 9 PM/ }],
        ['yes', { flow: null }],
      ],
      check: (s) => expect(shipment(s, 'shp-1003').window.start).toBe('2026-11-27T18:00:00-08:00'),
    },
    {
      name: 'when two deliveries are open and the customer digresses while choosing a window, then the choice resumes',
      user: 'demo',
      steps: [
        ['reschedule my delivery', { awaiting: 'order', suggestions: 2 }],
        ['Philips Sonicare Replacement Brush Heads, 4 pk', { awaiting: 'window', suggestions: 3 }],
        ['where are my orders', { awaiting: 'window', says: /on the way.*Back to your delivery time:/ }],
        ['the second one', { awaiting: 'confirmation', says: /Mon, Nov 23, 12 PM – 3 PM/ }],
        ['yes', { flow: null }],
      ],
      check: (s) => expect(shipment(s, 'shp-1004').window.start).toBe('2026-11-23T12:00:00-08:00'),
    },
    {
      name: 'when "push it back a day" is confirmed twice with one messageId, then the shipment moves once by a day',
      user: 'demo',
      steps: [
        ['push the wipes back a day', { awaiting: 'confirmation', says: /to Tue, Nov 24, 9 AM – 12 PM/ }],
        ['yes', { flow: null }, 'same'],
        ['yes', { flow: null, says: /Tue, Nov 24/ }, 'same'],
      ],
      check: (s) => expect(shipment(s, 'shp-1003').window.start).toBe('2026-11-24T09:00:00-08:00'),
    },
    {
      name: 'when the delivery has already arrived, then Smile says it cannot move',
      user: 'demo',
      steps: [['change the delivery time for the running shoes', { flow: null, says: /already been delivered/ }]],
      check: unchanged,
    },
  ],
  change_delivery_place: [
    {
      name: 'when the customer sends a delivery to a locker, then the nearest lockers are offered and the chosen one is set',
      user: 'demo',
      steps: [
        [
          'send the brush heads to a locker',
          { awaiting: 'pickup_point', suggests: /Elm Street Parcel Locker · Open 24 hours \| Oak Plaza Parcel Locker · 6 AM – 11 PM/ },
        ],
        ['are there any other lockers?', { awaiting: 'pickup_point', says: /These are the nearest ones/, suggests: /Elm Street Parcel Locker/ }],
        ['Elm Street Parcel Locker · Open 24 hours', { awaiting: 'confirmation' }],
        ['yes', { flow: null, says: /pick-up code/ }],
      ],
      check: (s) =>
        expect(shipment(s, 'shp-1004').place).toEqual({ type: 'locker', label: 'Elm Street Parcel Locker', pickupPointId: 'pp-us-locker-1' }),
    },
    {
      name: 'when the customer corrects the place at the confirmation, then the corrected place is used',
      user: 'demo',
      steps: [
        ['deliver the wipes to my office', { awaiting: 'confirmation', says: /to Office/ }],
        ['actually a convenience store', { awaiting: 'pickup_point' }],
        ['the first one', { awaiting: 'confirmation', says: /7-Eleven Elm & 2nd/ }],
        ['yes', { flow: null }],
      ],
      check: (s) => expect(shipment(s, 'shp-1003').place.type).toBe('convenience_store'),
    },
    {
      name: 'when the customer says no, then nothing changes',
      user: 'demo',
      steps: [
        ['deliver the wipes to my office', { awaiting: 'confirmation' }],
        ['no', { flow: null, says: /nothing changed/ }],
      ],
      check: unchanged,
    },
    {
      name: 'when the customer is enrolled for car-trunk delivery, then it is set',
      user: 'demo',
      steps: [
        ['leave the wipes in my car trunk', { awaiting: 'confirmation', says: /to your car trunk/ }],
        ['yes', { flow: null }],
      ],
      check: (s) => expect(shipment(s, 'shp-1003').place.type).toBe('car_trunk'),
    },
    {
      name: 'when nobody is enrolled for in-home delivery, then Smile explains how to enrol and changes nothing',
      user: 'demo',
      steps: [['I want in-home delivery for the wipes', { flow: null, says: /Account → Delivery options → In-home/ }]],
      check: unchanged,
    },
    {
      name: 'when the customer leaves a courier note, then it is saved on the profile and on the open deliveries, and later orders carry it',
      user: 'demo',
      steps: [
        ["knock, don't ring — the baby is asleep", { awaiting: 'confirmation', says: /note for the courier.*2 open deliveries.*\?$/ }],
        ['yes', { flow: null, says: /Saved/ }],
        ['reorder the detergent', { awaiting: 'confirmation' }],
        ['yes', { flow: null, says: /placed/ }],
      ],
      check: async (s) => {
        expect((await s.smile.store.preferences.get('demo'))?.courierInstructions).toBe("Knock, don't ring — the baby is asleep");
        const open = s.shipments.filter((x) => x.status !== 'delivered');
        expect(open.length).toBe(3);
        for (const x of open) expect(x.instructions).toBe("Knock, don't ring — the baby is asleep");
      },
    },
  ],
  schedule_return: [
    {
      name: 'when the customer asks whether their return went through, then the booked returns are said and no new one starts',
      user: 'demo',
      steps: [
        ['did my return go through?', { flow: null, says: /No return is booked/ }],
        ['return the running shoes', { awaiting: 'reason' }],
        ['they pinch my toes', { awaiting: 'method' }],
        ['drop it at a convenience store', { awaiting: 'pickup_point' }],
        ['the first one', { awaiting: 'confirmation' }],
        ['yes', { flow: null }],
        ['is my return booked?', { flow: null, says: /Your return is booked: Nike Revolution 7 Running Shoes, size 10: drop-off code \d+/ }],
      ],
      check: async (s) => expect(s.returns.length - s.before.returns.length).toBe(1),
    },
    {
      name: 'when the customer returns shoes at a convenience store, then a return with a drop-off code and refund is booked once',
      user: 'demo',
      steps: [
        ['I want to return the shoes', { awaiting: 'reason', suggestions: 5 }],
        ['too small', { awaiting: 'method', suggestions: 3 }],
        ['Drop off at a convenience store', { awaiting: 'pickup_point' }],
        ['the first one', { awaiting: 'confirmation', says: /Nike Revolution 7.*wrong size.*7-Eleven Elm & 2nd.*\$69\.99/ }],
        ['yes', { flow: null, says: /drop-off code \d{6}.*\$69\.99/ }, 'y'],
        ['yes', { flow: null }, 'y'],
      ],
      check: (s) => {
        expect(s.returns).toHaveLength(1);
        expect(s.returns[0]).toMatchObject({
          orderId: 'ord-1002',
          method: 'store_dropoff',
          pickupPointId: 'pp-us-711-1',
          reason: 'size',
          refundEstimate: { amount: 69.99, currency: 'USD' },
        });
      },
    },
    {
      name: 'when reason and method come in one sentence, then only the pick-up window is asked',
      user: 'demo',
      steps: [
        ['the sneakers came damaged, can a courier pick them up', { awaiting: 'window', suggestions: 3 }],
        ['the first one', { awaiting: 'confirmation', says: /arrived damaged.*courier/ }],
        ['yes', { flow: null, says: /courier will pick up/ }],
      ],
      check: (s) =>
        expect(s.returns[0]).toMatchObject({ method: 'courier_pickup', reason: 'damaged', window: { start: '2026-11-23T09:00:00-08:00' } }),
    },
    {
      name: 'when the customer switches to a locker at the confirmation, then the locker is used',
      user: 'demo',
      steps: [
        ['return the nike shoes, they are too big', { awaiting: 'method' }],
        ['convenience store', { awaiting: 'pickup_point' }],
        ['the first one', { awaiting: 'confirmation' }],
        ['actually use a locker instead', { awaiting: 'pickup_point', says: /parcel locker/, suggests: /Elm Street/ }],
        ['Elm Street Parcel Locker · Open 24 hours', { awaiting: 'confirmation' }],
        ['yes', { flow: null }],
      ],
      check: (s) => expect(s.returns[0]).toMatchObject({ method: 'locker_dropoff', pickupPointId: 'pp-us-locker-1' }),
    },
    {
      name: 'when the customer asks for help mid-return and then says no, then nothing is booked',
      user: 'demo',
      steps: [
        ['send back the running shoes', { awaiting: 'reason' }],
        ['help', { awaiting: 'reason', says: /what is wrong with it.*Why are you returning/ }],
        ['wrong item', { awaiting: 'method' }],
        ['Courier pick-up', { awaiting: 'window' }],
        ['the first one', { awaiting: 'confirmation' }],
        ['no', { flow: null, says: /no return booked/ }],
      ],
      check: unchanged,
    },
    {
      name: 'when a hygiene item was opened, then Smile asks first, says why it cannot go back and offers a person',
      user: 'demo',
      steps: [
        ['return the diapers', { flow: 'schedule_return', awaiting: 'opened', says: /only unopened\. Have you opened it\?$/ }],
        ['yes, we used a few', { flow: 'human_handoff', awaiting: 'confirmation', says: /Opened hygiene products can't be returned/ }],
        ['no thanks', { flow: null }],
      ],
      check: unchanged,
    },
    {
      name: 'when a hygiene item is unopened, then Smile says it can go back and offers the person who books it',
      user: 'demo',
      steps: [
        ['return the formula', { awaiting: 'opened' }],
        ['no, still sealed', { flow: 'human_handoff', awaiting: 'confirmation', says: /Unopened, .*can be returned/, not: /can't/ }],
        ['no thanks', { flow: null }],
      ],
      check: unchanged,
    },
    {
      name: 'when the customer says stop at "have you opened it?", then the return ends and nothing is booked',
      user: 'demo',
      steps: [
        ['return the diapers', { awaiting: 'opened' }],
        ['stop', { flow: null, says: /no return/i }],
      ],
      check: unchanged,
    },
  ],
  cancel_order: [
    {
      name: 'when the order was delivered, then a return is offered instead, and yes starts the return of what was named',
      user: 'demo',
      steps: [
        [
          'please cancel my running shoes order',
          // The running shoes came in one order with the Tide: the product asked about is named, not the order's first item.
          { awaiting: 'confirmation', says: /^Nike Revolution 7 Running Shoes.*already been delivered.*return it instead\?$/s, not: /Tide|\(\+1\)/ },
        ],
        ['sure', { flow: 'schedule_return', says: /Nike Revolution 7 Running Shoes/ }],
        ['stop', { flow: null }],
      ],
      check: unchanged,
    },
    {
      name: 'when the order was delivered and the customer does not want a return, then nothing is done',
      user: 'demo',
      steps: [
        ['cancel the running shoes', { awaiting: 'confirmation' }],
        ['no', { flow: null, says: /no return booked/ }],
      ],
      check: unchanged,
    },
    {
      name: 'when the order has not shipped and the customer confirms twice, then it is cancelled once',
      user: 'demo',
      steps: [
        ['cancel the brush heads', { awaiting: 'confirmation', says: /Sonicare.*\(order number 1004\).*\$39\.99/, not: /ord-/ }],
        ['yes', { flow: null, says: /cancelled/ }, 'c'],
        ['yes', { flow: null, says: /cancelled/ }, 'c'],
      ],
      check: (s) => expect(s.orders.find((o) => o.id === 'ord-1004').status).toBe('cancelled'),
    },
    {
      name: 'when the customer names another product at the confirmation, then that order is looked at instead and the first is kept',
      user: 'demo',
      steps: [
        ['cancel the brush heads', { awaiting: 'confirmation' }],
        ['oh wait, no, the wipes one', { flow: null, says: /Pampers.*shipped/ }],
      ],
      check: unchanged,
    },
    {
      name: 'when the order has shipped, then Smile explains and offers a return after delivery',
      user: 'demo',
      steps: [['cancel the wipes', { flow: null, says: /already shipped.*return it/ }]],
      check: unchanged,
    },
    {
      name: 'when the customer says no or stop, then nothing is cancelled',
      user: 'demo',
      steps: [
        // One order has not shipped (the brush heads): it is the one confirmed; the shipped wipes are not offered.
        ['I want to cancel my order', { awaiting: 'confirmation', says: /Sonicare/ }],
        ['stop', { flow: null, says: /not cancelled/ }],
        ['cancel the sonicare order', { awaiting: 'confirmation' }],
        ['no', { flow: null }],
      ],
      check: unchanged,
    },
  ],
  global: [
    {
      name: 'when the customer answers a yes-or-no confirmation with "the first one", then it is asked again and nothing moves',
      user: 'demo',
      steps: [
        ['move the wipes to the day after tomorrow in the morning', { awaiting: 'confirmation' }],
        ['the first one', { awaiting: 'confirmation', says: /didn't get that.*\?$/ }],
        ['stop', { flow: null }],
      ],
      check: unchanged,
    },
    {
      name: 'when the count is written as a multiplier after the product ("times 2"), then that many are confirmed, and "no" orders nothing',
      user: 'demo',
      steps: [
        ['reorder tide times 2', { awaiting: 'confirmation', says: /Reorder 2 × Tide/ }],
        ['no', { flow: null }],
      ],
      check: unchanged,
    },
    {
      name: 'when the customer asks to repeat, start over or switch language, then Smile does so and keeps the flow',
      user: 'demo',
      steps: [
        ['reorder the wipes', { awaiting: 'confirmation' }],
        ['say that again', { awaiting: 'confirmation', says: /Reorder 1 × Pampers/ }],
        ['한국어로 해줘', { awaiting: 'confirmation', says: /한국어로 안내해 드릴게요.*이대로 다시 주문할까요/s }],
        ['처음부터', { flow: null, says: /처음부터/ }],
        ['in English please', { says: /speak English/ }],
      ],
      check: unchanged,
    },
    {
      name: 'when the customer asks what to reorder, then what is running low comes first',
      user: 'demo',
      steps: [
        ['what should I reorder?', { awaiting: 'product', says: /running low on Huggies.*Similac/ }],
        ['the first one', { awaiting: 'confirmation', says: /Huggies/ }],
        ['stop', { flow: null }],
      ],
    },
  ],
};

describeTranscripts('every flow in English over POST /v1/chat', CASES);
