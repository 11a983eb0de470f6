/** Named text values a sentence is filled with (already formatted for the customer's locale and zone). */
type P<N extends string> = Record<N, string>;

/**
 * The English catalogue is the reference: its keys are every sentence Smile can say, and each function's parameter
 * names what the sentence needs. The Korean catalogue must satisfy the same type (prompts/keys.ts).
 */
export const enUS = {
  'identity.unlinked': () =>
    "I can't find a shop account linked to you, so I can't look up or place orders. Link your account in the shop's app, then try again.",
  greet: ({ name }: P<'name'>) =>
    `Hi${name ? ` ${name}` : ''}! I can reorder things you've bought before, tell you where an order is, move a delivery, book a return or cancel an order.`,
  thanks: () => "You're welcome!",
  help: () =>
    'I can: reorder something you bought before ("reorder two packs of the wipes"), tell you where your orders are, move a delivery to another time ("tomorrow evening") or place (office, locker, convenience store), save a note for the courier, book a return, cancel an order that has not shipped, and connect you with a person. Say "stop" to cancel what we are doing, "repeat" to hear me again, or "start over".',
  'help.step.confirmation': () =>
    'Say "yes" to go ahead, or "no" to change nothing. You can also correct one detail, like "make it two" or "to my office".',
  'help.step.product': () => 'Pick one of the products below, or tell me its name the way you would say it, like "the wipes".',
  'help.step.place': () => 'Pick one of the places below, or say "home", "office", "a locker" or "a convenience store".',
  'help.step.order': () => 'Pick the order or delivery you mean from the list below, or name the product in it.',
  'help.step.window': () => 'Pick one of the times below, or tell me a day and time, like "friday evening" or "after 6 pm".',
  'help.step.pickup_point': () => 'Pick one of the pick-up points below; they are the nearest to you, with their opening hours.',
  'help.step.item': () => 'Pick the item you want to send back from the list below, or name it.',
  'help.step.reason': () => 'Tell me in your own words what is wrong with it, or pick one of the reasons below.',
  'help.step.method': () => 'Choose how to send it back: drop it off at a convenience store or a parcel locker, or have a courier pick it up.',
  'help.step.voice_code': () => "Say the four digits of your voice purchase code. You set it in the shop's app.",
  'handoff.receipt.queued': ({ position }: P<'position'>) =>
    `Got it — I've passed that on. You're number ${position} in the queue; a person will answer here.`,
  clarify: () => "I'm not sure what you need. Did you mean one of these?",
  'clarify.reorder': () => 'Reorder something',
  'clarify.order_status': () => 'Where is my order?',
  'clarify.change_delivery_slot': () => 'Change the delivery time',
  'clarify.change_delivery_place': () => 'Change where it is delivered',
  'clarify.schedule_return': () => 'Return an item',
  'clarify.cancel_order': () => 'Cancel an order',
  'queued.noted': () => "After this, I'll take care of your other request.",
  'queued.next': () => 'Now your other request:',
  'help.in_flow': () => 'We are in the middle of something. Answer the question below, or say "stop" to cancel it.',
  'stop.idle': () => 'Okay. Anything else I can do?',
  'stop.reorder': () => "Okay, I've stopped. Nothing was ordered.",
  'stop.order_status': () => 'Okay.',
  'stop.change_delivery_slot': () => "Okay, I've stopped. Your delivery time is unchanged.",
  'stop.change_delivery_place': () => "Okay, I've stopped. Nothing about your delivery changed.",
  'stop.schedule_return': () => "Okay, I've stopped. No return was booked.",
  'stop.cancel_order': () => "Okay, I've stopped. Your order is not cancelled.",
  resume: ({ flow }: P<'flow'>) => `Back to ${flow}:`,
  'flow.reorder': () => 'your reorder',
  'flow.order_status': () => 'your order status',
  'flow.change_delivery_slot': () => 'your delivery time',
  'flow.change_delivery_place': () => 'your delivery place',
  'flow.schedule_return': () => 'your return',
  'flow.cancel_order': () => 'your cancellation',
  'repeat.nothing': () => "I haven't said anything yet. How can I help?",
  start_over: () => "Okay, let's start over. What can I do for you?",
  'language.switched': () => "Sure — I'll speak English.",
  not_understood: () => 'Sorry, I didn\'t get that. You can say things like "where is my order", "reorder the diapers", or "help".',
  'not_understood.in_flow': () => "Sorry, I didn't get that.",
  offer_person: () => "I'm having trouble helping with this. Would you like me to connect you with a person?",
  'confirm.again': () => 'Shall I go ahead? Please say yes or no.',
  'outcome.unknown': () =>
    "I couldn't confirm the change yet — the shop's systems are slow to answer. I'll check and tell you here; there's no need to ask again, it will never happen twice.",
  'outcome.settled.placeOrder': ({ orderId }: P<'orderId'>) =>
    `An update on the order you asked for: I've confirmed it went through — order ${orderId} is placed.`,
  'outcome.settled.updateShipments': () => "An update on the delivery change you asked for: I've confirmed it went through.",
  'outcome.settled.bookReturn': () => "An update on the return you asked for: I've confirmed it is booked.",
  'outcome.settled.cancelOrder': () => "An update on the cancellation you asked for: I've confirmed the order is cancelled.",
  'outcome.settled.refused': () =>
    'An update on the change you asked for: the shop could not make it, so nothing has changed. You can ask me again, or ask for a person.',
  'failure.retry': () =>
    "I'm sorry — I couldn't reach the shop's systems, so nothing has changed yet. Say \"yes\" to try again (it will never happen twice), or I can connect you with a person.",
  'handoff.done': () =>
    "I've passed our conversation to the support team with everything we discussed. A person will reply here as soon as possible.",
  'handoff.queued_outside_hours.unknown': () =>
    'Our team is away right now; a person will answer here as soon as they are back. Your request is in the queue with everything we discussed — meanwhile I can still help with orders, deliveries and returns.',
  'handoff.queued_outside_hours': ({ day, time }: P<'day' | 'time'>) =>
    `Our team is away right now; a person will answer here from ${day} at ${time}. Your request is in the queue with everything we discussed — meanwhile I can still help with orders, deliveries and returns.`,
  'handoff.voice_offer': ({ tail }: P<'tail'>) =>
    `I've passed your request to our support team. A person can call you back at your number ending in ${tail}, or you can continue in the chat in the Smile app. Shall I book the call-back?`,
  'handoff.voice_no_phone': () =>
    "I've passed your request to our support team. Please continue in the chat in the Smile app, where a person will answer you.",
  'handoff.callback_booked': ({ tail }: P<'tail'>) => `Done — a person will call you at the number ending in ${tail}, usually within the hour.`,
  'handoff.callback_booked_later': ({ tail, day, time }: P<'tail' | 'day' | 'time'>) =>
    `Done — our team is away now, so a person will call you at the number ending in ${tail} from ${day} at ${time}.`,
  'handoff.voice_continue_in_app': () => 'Okay. Your request stays with our team; you can continue in the chat in the Smile app any time.',
  'handoff.back_to_bot': () => "You're back with Smile. What can I do for you?",
  'handoff.agent_joined': ({ agent }: P<'agent'>) => `${agent} from our support team has joined the conversation.`,
  'handoff.resolved': () => 'Our support team has closed this conversation. Thanks for your patience! I am here if you need anything else.',
  'handoff.handed_back': () => "You're back with Smile. What else can I do for you?",
  'offer_person.frustrated': () => "I'm sorry this has been frustrating. Would you like me to connect you with a person?",
  'summary.template': ({ reason, intent, last, orders }: P<'reason' | 'intent' | 'last' | 'orders'>) =>
    `${reason}. Intent: ${intent}. Last message: "${last}". ${orders} recent orders attached.`,
  'reason.handoff.customer_request': () => 'Customer asked for a person',
  'reason.handoff.misunderstood': () => 'Smile did not understand twice in a row',
  'reason.handoff.failed_effect': () => 'A change the customer wanted failed',
  'reason.handoff.frustration': () => 'Customer is frustrated',
  'reason.handoff.policy_unknown': () => 'A policy question Smile could not answer',
  'reason.handoff.dead_end': () => 'Smile could not do what the customer needs',
  'handoff.relayed': () => 'Sent to our support team.',
  'policy.answer': ({ text, source }: P<'text' | 'source'>) => `${text} (Source: ${source})`,
  'policy.unknown': () => "I don't know — our policies don't cover that. Would you like me to connect you with a person?",
  'handoff.declined': () => 'Okay. What else can I do for you?',
  'handoff.failed': () => "I'm sorry — I couldn't reach the support team just now. Nothing you told me is lost; please try again in a few minutes.",
  'state.reset': () => "Sorry — I lost track of what we were doing, so let's start again. What can I do for you?",
  store_unavailable: () =>
    "Sorry — I can't reach my records right now, so I couldn't finish that. Please send it again in a moment; nothing will be done twice.",

  'reorder.ask_product': () => 'What would you like to reorder?',
  'reorder.ask_product.suggest': () => 'What would you like to reorder? These are your recent items:',
  'reorder.suggest_due': ({ due }: P<'due'>) => `You're probably running low on ${due}. Which one should I reorder?`,
  'reorder.choose': () => 'I found several matches. Which one?',
  'reorder.no_match': ({ query }: P<'query'>) =>
    `I couldn't find ${query ? `"${query}"` : 'that'} in your past orders. What would you like to reorder?`,
  'reorder.no_history': () => "I don't see any past orders to reorder from yet.",
  'reorder.no_address': ({ place }: P<'place'>) => `You don't have a ${place} address saved. Where should it go?`,
  'reorder.confirm': ({ quantity, product, total, destination, window }: P<'quantity' | 'product' | 'total' | 'destination' | 'window'>) =>
    `Reorder ${quantity} × ${product} for ${total}, delivered to ${destination}, earliest ${window}. Shall I place the order?`,
  'reorder.placed': ({ orderId, total, window }: P<'orderId' | 'total' | 'window'>) =>
    `Done — order ${orderId} is placed (${total}). It should arrive ${window}.`,
  'reorder.ask_code': () => 'Please say your four-digit voice purchase code.',
  'reorder.code_wrong': () => "That code isn't right. Please say your four-digit code again.",
  'reorder.code_locked': ({ until }: P<'until'>) =>
    `Voice ordering is locked until ${until} after three wrong codes. Nothing was ordered; you can still order in the shop's app.`,
  'reorder.declined': () => "Okay, I won't order it.",
  'reorder.failed_transient': () =>
    'I\'m sorry — I couldn\'t reach the order system, so the order is not confirmed. Say "yes" to try again (it will never be ordered twice), or I can connect you with a person.',
  'reorder.failed': ({ reason }: P<'reason'>) =>
    `I'm sorry — the shop could not place this order (${reason}). Nothing was charged. Would you like me to connect you with a person?`,
  'reorder.context_failed': () =>
    "I'm sorry — I can't reach your order history right now, so I can't reorder. Please try again in a moment, or I can connect you with a person.",

  'status.header.one': () => "Here's your order:",
  'status.header.many': ({ count }: P<'count'>) => `You have ${count} orders on the way:`,
  'status.line.placed': ({ product, window, destination }: P<'product' | 'window' | 'destination'>) =>
    `${product}: being prepared, arriving ${window} at ${destination}.`,
  'status.line.shipped': ({ product, window, destination }: P<'product' | 'window' | 'destination'>) =>
    `${product}: shipped, arriving ${window} at ${destination}.`,
  'status.line.out_for_delivery': ({ product, window, destination }: P<'product' | 'window' | 'destination'>) =>
    `${product}: out for delivery today, ${window}, to ${destination}.`,
  'status.line.delivered': ({ product, window, destination }: P<'product' | 'window' | 'destination'>) =>
    `${product}: delivered ${window} at ${destination}.`,
  'status.line.cancelled': ({ product }: P<'product'>) => `${product}: that order was cancelled.`,
  'status.line.returned': ({ product }: P<'product'>) => `${product}: that order was returned.`,
  'status.line.no_shipment': ({ product, orderId }: P<'product' | 'orderId'>) => `${product} (order ${orderId}): no delivery information yet.`,
  'status.none_active': () => 'Nothing is on its way to you right now.',
  'status.failed': () => "I'm sorry — I can't look up your orders right now. Please try again in a moment, or I can connect you with a person.",

  'slot.which': () => 'Which delivery should I move?',
  'slot.choose': ({ product }: P<'product'>) => `These windows are free for ${product}. Which one?`,
  'slot.choose_any': ({ product }: P<'product'>) => `When would you like ${product}? The earliest free windows are:`,
  'slot.no_match': ({ product }: P<'product'>) => `There's no free window then for ${product}. The closest ones are:`,
  'slot.other_windows': () => 'Okay, how about one of these?',
  'slot.no_windows': ({ product }: P<'product'>) => `There are no other free windows for ${product} right now.`,
  'slot.confirm': ({ product, from, to }: P<'product' | 'from' | 'to'>) => `Move ${product} from ${from} to ${to}?`,
  'slot.done': ({ product, window }: P<'product' | 'window'>) => `Done — ${product} will now arrive ${window}.`,
  'slot.not_movable.not_booked': ({ product }: P<'product'>) =>
    `${product} has no delivery booked yet, so there's no time to move yet. Ask me again once it has shipped.`,
  'slot.not_movable.delivered': ({ product }: P<'product'>) => `${product} has already been delivered, so its delivery can't be moved.`,
  'slot.not_movable.cancelled': ({ product }: P<'product'>) => `${product} was cancelled, so there's no delivery to move.`,
  'slot.not_movable.returned': ({ product }: P<'product'>) => `${product} was returned, so there's no delivery to move.`,
  'slot.nothing_open': () => "You don't have any deliveries on the way that can be moved.",
  'slot.failed': () => "I'm sorry — I couldn't change the delivery time. Would you like me to connect you with a person?",

  'place.which': () => 'Which delivery should I change?',
  'place.where': ({ product }: P<'product'>) => `Where should ${product} go?`,
  'place.option.locker': () => 'Parcel locker',
  'place.option.convenience_store': () => 'Convenience store',
  'place.option.car_trunk': () => 'Car trunk',
  'place.option.in_home': () => 'In-home delivery',
  'place.label.car_trunk': () => 'your car trunk',
  'place.label.in_home': () => 'inside your home',
  'place.choose_point.locker': () => 'These parcel lockers are nearest to you (open hours shown). Which one?',
  'place.choose_point.convenience_store': () => 'These convenience stores are nearest to you (open hours shown). Which one?',
  'place.confirm': ({ product, place }: P<'product' | 'place'>) => `Deliver ${product} to ${place} instead?`,
  'place.confirm_note': ({ note, count }: P<'note' | 'count'>) =>
    `Save this note for the courier: "${note}"? I'll add it to your ${count} open ${Number(count) === 1 ? 'delivery' : 'deliveries'} and to future ones.`,
  'place.confirm_note_profile_only': ({ note }: P<'note'>) => `Save this note for the courier: "${note}"? I'll add it to your future deliveries.`,
  'place.note_saved': ({ count }: P<'count'>) =>
    `Saved. The courier will see your note on your ${count} open ${Number(count) === 1 ? 'delivery' : 'deliveries'} and on future ones.`,
  'place.note_saved_profile_only': () => 'Saved. The courier will see your note on your future deliveries.',
  'place.enrol.car_trunk': () =>
    "Car-trunk delivery needs your car registered first: in the shop's app, go to Account → Delivery options → Car trunk and add your car. Until then I can deliver to home, your office, a parcel locker or a convenience store.",
  'place.enrol.in_home': () =>
    "In-home delivery needs a one-time enrolment with a smart lock: in the shop's app, go to Account → Delivery options → In-home. Until then I can deliver to home, your office, a parcel locker or a convenience store.",
  'place.no_address': ({ place }: P<'place'>) => `You don't have a ${place} address saved.`,
  'place.done': ({ product, place }: P<'product' | 'place'>) => `Done — ${product} will be delivered to ${place}.`,
  'place.pickup_code_note': () => "You'll get a pick-up code when the parcel arrives there.",
  'place.declined': () => 'Okay, nothing changed.',
  'place.nothing_open': () => "You don't have any deliveries on the way that can be changed.",
  'place.no_points': () => "I couldn't find a pick-up point near you.",
  'place.failed': () => "I'm sorry — I couldn't change the delivery. Would you like me to connect you with a person?",
  'place.home': () => 'home',
  'place.office': () => 'office',
  'place.locker': () => 'parcel locker',
  'place.convenience_store': () => 'convenience store',
  'place.car_trunk': () => 'car trunk',
  'place.in_home': () => 'in-home',

  'return.which': () => 'Which item would you like to return?',
  'return.ask_reason': ({ product }: P<'product'>) => `Why are you returning ${product}?`,
  'reason.size': () => "Doesn't fit",
  'reason.damaged': () => 'Arrived damaged',
  'reason.defective': () => "Doesn't work",
  'reason.wrong_item': () => 'Wrong item',
  'reason.changed_mind': () => 'Changed my mind',
  'reason.late': () => 'Arrived late',
  'return.ask_method': () => 'How would you like to send it back?',
  'method.store_dropoff': () => 'Drop off at a convenience store',
  'method.locker_dropoff': () => 'Drop off at a parcel locker',
  'method.courier_pickup': () => 'Courier pick-up',
  'return.choose_point.store_dropoff': () => 'Which convenience store? These are nearest (open hours shown):',
  'return.choose_point.locker_dropoff': () => 'Which parcel locker? These are nearest (open hours shown):',
  'return.choose_window': () => 'When should the courier pick it up?',
  'return.confirm.store_dropoff': ({ product, reason, where, refund }: P<'product' | 'reason' | 'where' | 'refund'>) =>
    `Return ${product} (${reason}), dropped off at ${where}, refund about ${refund}. Shall I book it?`,
  'return.confirm.locker_dropoff': ({ product, reason, where, refund }: P<'product' | 'reason' | 'where' | 'refund'>) =>
    `Return ${product} (${reason}), dropped off at the ${where}, refund about ${refund}. Shall I book it?`,
  'return.confirm.courier_pickup': ({ product, reason, where, refund }: P<'product' | 'reason' | 'where' | 'refund'>) =>
    `Return ${product} (${reason}), picked up by a courier ${where}, refund about ${refund}. Shall I book it?`,
  'return.booked.dropoff': ({ product, code, place, refund }: P<'product' | 'code' | 'place' | 'refund'>) =>
    `Booked. Take ${product} to ${place} and show drop-off code ${code}. Your refund of about ${refund} starts when it is scanned.`,
  'return.booked.courier_pickup': ({ product, window, refund }: P<'product' | 'window' | 'refund'>) =>
    `Booked. A courier will pick up ${product} ${window}. Your refund of about ${refund} starts when it is collected.`,
  'return.declined': () => 'Okay, no return booked.',
  'return.not_yet_delivered': ({ product }: P<'product'>) =>
    `${product} hasn't been delivered yet. Once it arrives you can return it — or, if it hasn't shipped, cancel it.`,
  'return.already_cancelled': ({ product }: P<'product'>) => `${product} was cancelled, so there's nothing to return.`,
  'return.already_returned': ({ product }: P<'product'>) => `${product} has already been returned.`,
  'return.not_returnable': ({ product }: P<'product'>) =>
    `${product} can't be returned (hygiene and consumable products are final sale). If something is wrong with it, a person from our team can help.`,
  'return.window_closed': ({ product, date }: P<'product' | 'date'>) =>
    `The return window for ${product} closed on ${date}. A person from our team may still be able to help.`,
  'return.nothing_returnable': () => "I don't see anything you can still return. A person from our team may be able to help.",
  'return.failed': () => "I'm sorry — I couldn't book the return. Would you like me to connect you with a person?",
  'card.return': () => 'Your return',

  'cancel.which': () => 'Which order would you like to cancel?',
  'cancel.confirm': ({ product, orderId, total }: P<'product' | 'orderId' | 'total'>) =>
    `Cancel order ${orderId} (${product})? You'll be refunded ${total}.`,
  'cancel.done': ({ product, total }: P<'product' | 'total'>) => `Done — ${product} is cancelled, and ${total} will be refunded.`,
  'cancel.declined': () => "Okay, I won't cancel it.",
  'cancel.not_cancellable.shipped': ({ product }: P<'product'>) =>
    `${product} has already shipped, so it can't be cancelled. Once it arrives you can return it — just say "return it".`,
  'cancel.not_cancellable.out_for_delivery': ({ product }: P<'product'>) =>
    `${product} is already out for delivery, so it can't be cancelled. Once it arrives you can return it.`,
  'cancel.not_cancellable.delivered': ({ product }: P<'product'>) => `${product} has already been delivered. I can help you return it instead.`,
  'cancel.not_cancellable.cancelled': ({ product }: P<'product'>) => `${product} is already cancelled.`,
  'cancel.not_cancellable.returned': ({ product }: P<'product'>) => `${product} was returned.`,
  'cancel.nothing_open': () => "You don't have any open orders to cancel.",
  'cancel.failed': () => "I'm sorry — I couldn't cancel the order. Would you like me to connect you with a person?",

  'voice.choices': ({ choices }: P<'choices'>) => `You can say ${choices}.`,
  'voice.choices_more': ({ choices, count }: P<'choices' | 'count'>) =>
    `You can say ${choices}, or one of ${count} more I've listed in the Alexa app.`,
  'voice.or': () => 'or',
  'voice.yes_or_no': () => 'Say yes or no.',
  'voice.card.choices': () => 'Your choices',
  'voice.okay': () => 'Okay.',
  'voice.go_ahead': () => 'Shall I go ahead?',
  'voice.which_one': () => 'Which one would you like?',
  'voice.help': () =>
    "I can reorder what you've bought before, tell you where your orders are, move a delivery, book a return, or get you a person. What would you like to do?",
  'voice.status_more': ({ count }: P<'count'>) => `And ${count} more, listed in the Alexa app.`,
  'voice.card.orders': () => 'Your orders',
  'voice.one_moment': () => 'One moment, please.',
  'voice.link_account': () => 'To use Smile, please link your shop account in the Alexa app. I have sent a card there.',
  'voice.error': () => 'Sorry, something went wrong on my side. Please try again in a moment.',
  'kakao.working': () => 'Give me a moment — I am checking with the shop.',
  'voice.what_next': () => 'What would you like to do?',
  'suggest.yes': () => 'Yes',
  'suggest.no': () => 'No',
  'suggest.person': () => 'Talk to a person',
  'suggest.stop': () => 'Stop',
  'card.order': () => 'Your order',

  // ── issue 12 (trust): expired confirmations, told-apart choices, references, who speaks ──
  'pending.expired': ({ flow }: P<'flow'>) =>
    `I've set aside ${flow} from earlier — it waited too long, so nothing was done. Ask again if you still want it.`,
  'pending.dropped': ({ flow }: P<'flow'>) => `I've set aside ${flow} from earlier; nothing was done there. Ask again if you still want it.`,
  'identity.unlinked.options': () => 'You can still ask me about delivery, returns and refunds, or talk to a person.',
  'reorder.repeat.minutes': ({ product, count }: P<'product' | 'count'>) =>
    `Heads-up: you ordered ${product} ${count === '1' ? 'a minute' : `${count} minutes`} ago — this would be another order.`,
  'reorder.repeat.hours': ({ product, count }: P<'product' | 'count'>) =>
    `Heads-up: you ordered ${product} ${count === '1' ? 'an hour' : `${count} hours`} ago — this would be another order.`,
  'agent.unnamed': () => 'Someone',
  'summary.account_unknown': () => 'Account unknown: no shop account is linked to this customer.',
  'order.name.more': ({ first, count }: P<'first' | 'count'>) => `${first} (+${count})`,
  // ── Issue 12 (trust-b): variants, reorders with a destination, new addresses, delivery problems ──
  'reorder.variant_unavailable': ({ product, wanted, nearest }: P<'product' | 'wanted' | 'nearest'>) =>
    `${product} isn't available${wanted ? ` in ${wanted}` : ' in that variant'} right now. The nearest I have is ${nearest} — shall I use that?`,
  'place.confirm_address': ({ product, address }: P<'product' | 'address'>) =>
    `Deliver ${product} to ${address} instead? Please check the address in full.`,
  'place.address_invalid.no_house_number': ({ address }: P<'address'>) => `"${address}" has no house number, so I can't send a courier there.`,
  'place.address_invalid.unknown_street': ({ address }: P<'address'>) => `I couldn't find "${address}" as an address our couriers deliver to.`,
  'place.address_invalid.outside_delivery_area': ({ address }: P<'address'>) => `"${address}" is outside the area we deliver to.`,
  // Proactive notices (issue 13): what Smile says first, about a delivery event; and turning them off and on.
  'notify.shipped': ({ product }: P<'product'>) => `${product} has shipped. I'll let you know when it's on its way to you.`,
  'notify.out_for_delivery': ({ product, window }: P<'product' | 'window'>) => `${product} is out for delivery and arrives ${window}.`,
  'notify.arrived_at_pickup_point': ({ product, place, code, date }: P<'product' | 'place' | 'code' | 'date'>) =>
    `${product} is waiting for you at ${place}. Your pick-up code is ${code}. It's held there until ${date}.`,
  'notify.delivered': ({ product, place }: P<'product' | 'place'>) => `${product} was delivered (${place}).`,
  'notify.delivered.photo': ({ product, place, link }: P<'product' | 'place' | 'link'>) => `${product} was delivered (${place}). Photo: ${link}`,
  'notify.courier_arrived.in_home': ({ product }: P<'product'>) =>
    `The courier is at your door with ${product} and is letting themselves in with a one-time code. I'll tell you when the door is locked again.`,
  'notify.courier_arrived.car_trunk': ({ product }: P<'product'>) =>
    `The courier is at your car with ${product} and is opening the trunk with a one-time code. I'll tell you when the car is locked again.`,
  'notify.delivered.secured.in_home': ({ product, link }: P<'product' | 'link'>) =>
    `${product} is inside your home and the door is locked again.${link ? ` Photo: ${link}` : ''}`,
  'notify.delivered.secured.car_trunk': ({ product, link }: P<'product' | 'link'>) =>
    `${product} is in your car's trunk and the car is locked again.${link ? ` Photo: ${link}` : ''}`,
  'notify.delayed': ({ product, window }: P<'product' | 'window'>) =>
    `Sorry — ${product} is delayed. It now arrives ${window}. Would you like to pick another time?`,
  'notify.delivery_failed': ({ product, reason }: P<'product' | 'reason'>) =>
    `The courier couldn't deliver ${product} (${reason}). Reply here and I'll help you arrange another try.`,
  'notify.return_received': () => "We've received your return. Your refund is on its way.",
  'notify.refund_issued': ({ refund }: P<'refund'>) => `Your refund of ${refund} has been issued.`,
  'notifications.off': () => 'Okay, I\'ve turned off delivery notifications. Say "turn them back on" whenever you want them again.',
  'notifications.on': () => 'Done — delivery notifications are back on.',
  'notifications.kakao_only': () => "Okay — I'll send delivery notifications to KakaoTalk only.",
  'notifications.sms_only': () => "Okay — I'll send delivery notifications by text message only.",
  'notifications.failed': () => "Sorry — I couldn't change your notification settings just now. Please try again in a moment.",
  'notify.product.more': ({ product, count }: P<'product' | 'count'>) => `${product} and ${count} more`,
} satisfies Record<string, (params: never) => string>;
