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
  'help.step.problem': () =>
    'Tell me what went wrong — it never reached you, it arrived damaged, it is the wrong item, or it was left in the wrong place — or pick one below.',
  'help.step.description': () => 'Tell me briefly, in your own words, what happened — where you looked, or what is damaged. Or say "nothing to add".',
  'handoff.receipt.queued': ({ position }: P<'position'>) =>
    `Got it — I've passed that on. You're number ${position} in the queue; a person will answer here.`,
  clarify: () => "I'm not sure what you need. Did you mean one of these?",
  'clarify.reorder': () => 'Reorder something',
  'clarify.order_status': () => 'Where is my order?',
  'clarify.change_delivery_slot': () => 'Change the delivery time',
  'clarify.change_delivery_place': () => 'Change where it is delivered',
  'clarify.schedule_return': () => 'Return an item',
  'clarify.cancel_order': () => 'Cancel an order',
  'clarify.report_delivery_problem': () => 'Report a delivery problem',
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
  'stop.report_delivery_problem': () => "Okay, I've stopped. Nothing was reported.",
  resume: ({ flow }: P<'flow'>) => `Back to ${flow}:`,
  'flow.reorder': () => 'your reorder',
  'flow.order_status': () => 'your order status',
  'flow.change_delivery_slot': () => 'your delivery time',
  'flow.change_delivery_place': () => 'your delivery place',
  'flow.schedule_return': () => 'your return',
  'flow.cancel_order': () => 'your cancellation',
  'flow.report_delivery_problem': () => 'your delivery problem report',
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
  'summary.voice': ({ flow, wanted, count }: P<'flow' | 'wanted' | 'count'>) =>
    `From a speaker: ${count} spoken turns attached. Not done: ${flow}. Wanted: ${wanted}.`,
  'reason.handoff.customer_request': () => 'Customer asked for a person',
  'reason.handoff.misunderstood': () => 'Smile did not understand twice in a row',
  'reason.handoff.failed_effect': () => 'A change the customer wanted failed',
  'reason.handoff.frustration': () => 'Customer is frustrated',
  'reason.handoff.policy_unknown': () => 'A policy question Smile could not answer',
  'reason.handoff.dead_end': () => 'Smile could not do what the customer needs',
  'reason.handoff.delivery_problem': () => 'Customer reported a problem with a delivered parcel',
  'summary.delivery': ({ problem, shipment, orderId, proof, description }: P<'problem' | 'shipment' | 'orderId' | 'proof' | 'description'>) =>
    `Delivery problem: ${problem}. Shipment ${shipment}, order ${orderId}. Proof of delivery: ${proof}. In the customer's words: "${description}".`,
  'summary.delivery.no_proof': () => 'none recorded (ask the carrier)',
  'handoff.relayed': () => 'Sent to our support team.',
  'policy.answer': ({ text, source }: P<'text' | 'source'>) => `${text} (Source: ${source})`,
  'policy.unknown': () => "I don't know — our policies don't cover that. Would you like me to connect you with a person?",
  'policy.outside.exchange': () =>
    "I can't swap an item for another one directly. I can book a free return of it and reorder the size or item you want, or a person can arrange the exchange. Would you like me to connect you with a person?",
  'policy.outside.account': () =>
    "Points, payment methods, receipts and membership are in your shop account, which I can't see or change — you'll find them under My Page in the shop's app. Would you like me to connect you with a person?",
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
  'reorder.address_not_saved': ({ address }: P<'address'>) =>
    `A new order can only go to a place saved in your account, so I can't send it to ${address}. Add the address under My Page in the shop's app first; until then, here it is to a saved place.`,
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
  'return.already_booked': ({ product }: P<'product'>) => `A return of ${product} is already booked, so there's nothing more to do for it.`,
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
  'problem.which': () => 'Which delivery is it about?',
  'problem.ask_kind': ({ product }: P<'product'>) => `What went wrong with ${product}?`,
  'problem.kind.not_received': () => 'Not received',
  'problem.kind.damaged': () => 'Damaged',
  'problem.kind.wrong_item': () => 'Wrong item',
  'problem.kind.wrong_place': () => 'Wrong place',
  'problem.proof': ({ day, time, leftAt }: P<'day' | 'time' | 'leftAt'>) =>
    `The courier marked it delivered on ${day} at ${time}, left at: ${leftAt}.`,
  'problem.describe.not_received': ({ product }: P<'product'>) =>
    `I'm sorry ${product} hasn't reached you. Have you checked with neighbours, your building's reception or a nearby locker? Tell me briefly what happened, so nobody has to ask you again.`,
  'problem.describe.damaged': ({ product }: P<'product'>) =>
    `I'm sorry ${product} arrived damaged. What is damaged, and how — the box, the product, or both? If you have photos, you can send them to the person who takes this.`,
  'problem.describe.wrong_item': ({ product }: P<'product'>) => `I'm sorry about that. What did you receive instead of ${product}?`,
  'problem.describe.wrong_place': ({ product }: P<'product'>) => `I'm sorry about that. Where was ${product} left, and do you have it now?`,
  'problem.confirm': ({ product, orderId, problem, description }: P<'product' | 'orderId' | 'problem' | 'description'>) =>
    `I'll report this to our delivery team as urgent:\nOrder: ${product} (${orderId})\nProblem: ${problem}\nWhat happened: ${description}\nShall I send it?`,
  'problem.declined': () => "Okay, I haven't reported anything. If you want to report it later, just tell me.",
  'problem.reported': ({ caseId, day, time }: P<'caseId' | 'day' | 'time'>) =>
    `Reported as urgent — case ${caseId}. A person from our delivery team will reply here by ${time} on ${day}. They check the courier's proof of delivery with the carrier, then arrange a replacement, a refund or a new delivery with you. You don't need to do anything until then.`,
  'problem.reported_callback': ({ tail, day, time }: P<'tail' | 'day' | 'time'>) =>
    `Reported as urgent. After checking the courier's proof of delivery, a person from our delivery team will call you at the number ending in ${tail} by ${time} on ${day}.`,
  'problem.reported_no_phone': ({ day, time }: P<'day' | 'time'>) =>
    `Reported as urgent. A person from our delivery team will look at it by ${time} on ${day}; their answer will be in the chat in the Smile app.`,
  'problem.nothing_delivered': () =>
    'None of your recent orders is marked delivered yet, so it may still be on its way — ask me "where is my order" to see. Would you like me to connect you with a person?',
  'problem.failed': () => "I'm sorry — I couldn't send your report just now. Would you like me to connect you with a person?",

  'voice.choices': ({ choices }: P<'choices'>) => `You can say ${choices}.`,
  'voice.choices_more': ({ choices, count }: P<'choices' | 'count'>) =>
    `You can say ${choices}, or say "more" to hear the other ${count}. They're also listed in the Alexa app.`,
  'voice.more_choices': ({ choices }: P<'choices'>) => `You can also say ${choices}.`,
  'voice.more_choices_left': ({ choices, count }: P<'choices' | 'count'>) => `You can also say ${choices}, or say "more" to hear the other ${count}.`,
  'voice.no_more_choices': () => "That's all of them. Which one would you like?",
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
  'voice.still_checking': () =>
    "This is taking longer than it should. I'm still checking with the shop, and nothing will be done twice. Ask me again in a minute.",
  'voice.one_moment': () => 'One moment, please.',
  'voice.link_account': () => 'To use Smile, please link your shop account in the Alexa app. I have sent a card there.',
  'voice.error': () => 'Sorry, something went wrong on my side. Please try again in a moment.',
  'kakao.working': () => 'Give me a moment — I am checking with the shop.',
  'voice.what_next': () => 'What would you like to do?',
  'suggest.yes': () => 'Yes',
  'suggest.no': () => 'No',
  'suggest.person': () => 'Talk to a person',
  'suggest.stop': () => 'Stop',
  'suggest.nothing_to_add': () => 'Nothing to add',
  'card.order': () => 'Your order',

  // ── issue 12 (trust): expired confirmations, told-apart choices, references, who speaks ──
  'pending.expired': ({ flow }: P<'flow'>) =>
    `I've set aside ${flow} from earlier — it waited too long, so nothing was done. Ask again if you still want it.`,
  'pending.dropped': ({ flow }: P<'flow'>) => `I've set aside ${flow} from earlier; nothing was done there. Ask again if you still want it.`,
  'identity.unlinked.options': () => 'You can still ask me about delivery, returns and refunds, or talk to a person.',
  'reorder.pending_same': ({ product, count }: P<'product' | 'count'>) =>
    `You ordered ${product} ${count === '1' ? 'a minute' : `${count} minutes`} ago, and I'm still checking that order with the shop, so I won't place another one now. Ask me again in a few minutes.`,
  'reorder.confirm_quantity': ({ quantity, product, total, usual }: P<'quantity' | 'product' | 'total' | 'usual'>) =>
    `That's ${quantity} of ${product} for ${total} — far more than the ${usual} you usually order. Is ${quantity} right?`,
  'reorder.quantity_usual': ({ quantity }: P<'quantity'>) => `Okay, ${quantity} as usual.`,
  // ── issue 12 (trust, part 3): confirmations re-read when taken up again ──
  'pending.changed.price': ({ product, from, to }: P<'product' | 'from' | 'to'>) =>
    `The price of ${product} has changed since I asked: it was ${from}, it's now ${to}.`,
  'pending.changed.window': ({ from, to }: P<'from' | 'to'>) => `The earliest delivery has changed since I asked: it was ${from}, it's now ${to}.`,
  'pending.changed.slot_taken': ({ window }: P<'window'>) => `${window} is no longer free.`,
  'agent.says': ({ agent, text }: P<'agent' | 'text'>) => `${agent} from our support team: ${text}`,
  'switch.dropped': ({ flow }: P<'flow'>) => `Okay, I've dropped ${flow}; nothing was done there.`,
  rate_limited: () => "You're sending messages faster than I can keep up. Please wait a moment and try again.",
  'place.save_address.offer': ({ address }: P<'address'>) => `Shall I also save ${address} as your home address, for later deliveries?`,
  'place.save_address.confirm': ({ address }: P<'address'>) =>
    `You have no deliveries on the way to send there. Shall I save ${address} as your home address, for later deliveries?`,
  'place.address_saved': ({ address, place }: P<'address' | 'place'>) => `Saved — later deliveries to ${place} go to ${address}.`,
  'place.save_address.declined': () => "Okay, I've left the addresses on your profile as they were.",
  'place.save_address.failed': () => "Sorry, I couldn't save the address on your profile just now; nothing was changed there.",
  // ── issue 16: account linking ──
  'identity.sign_in': ({ url }: P<'url'>) =>
    `To look up or place orders I need your shop account. Sign in here and I'll carry on with your request: ${url}`,
  'account.unlinked': () => 'Done — this chat is no longer linked to your shop account. To order here again, you will be asked to sign in.',
  'account.not_linked': () => 'This chat is not linked to a shop account, so there is nothing to unlink.',
  'account.unlink_failed': () => "Sorry — I couldn't unlink your account just now. Please try again in a moment.",
  'account.linked': () => 'Your shop account is linked. You can go back to the chat — I have carried on with your request:',
  'account.link_failed': () => 'This sign-in link has expired or was already used, so nothing was linked. Ask me again in the chat for a new one.',
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
  'slot.offer': ({ product, window }: P<'product' | 'window'>) => `${product} now arrives ${window}. Would you like to pick another time?`,
  'slot.offer.kept': ({ product, window }: P<'product' | 'window'>) => `Okay — ${product} stays booked for ${window}.`,
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
  // ── issue 18 (faces): the embeddable web chat's own labels, its welcome and its starter suggestions ──
  'web.launcher': () => 'Chat with us',
  'web.title': () => 'Shop assistant',
  'web.close': () => 'Close chat',
  'web.log': () => 'Conversation',
  'web.input': () => 'Message',
  'web.placeholder': () => 'Type a message…',
  'web.send': () => 'Send',
  'web.typing': () => 'Smile is typing…',
  'web.failed': () => "Your message didn't go through. Check your connection and try again.",
  'web.retry': () => 'Try again',
  'web.suggestions': () => 'Suggested replies',
  'web.you': () => 'You',
  'web.bot': () => 'Smile',
  'web.new': () => 'New conversation',
  'web.notice': () => 'Delivery update',
  'web.welcome': () => 'Hi! I can help with your orders, deliveries and returns. What do you need?',
  'web.start.where': () => 'Where is my order?',
  'web.start.reorder': ({ product }: P<'product'>) => `Reorder ${product}`,
  'web.start.return': () => 'Return an item',
  // ── issue 18 (faces): the agent's summary, canned replies (titles in the agent's language, text in the customer's) ──
  'summary.label.wants': () => 'Wants',
  'summary.label.product': () => 'Product',
  'summary.label.topic': () => 'Topic',
  'summary.label.why': () => 'Why a person',
  'summary.label.smile_said': () => "Smile's last answer",
  'summary.none': () => 'not said',
  'summary.topic.other': () => 'Other question',
  'canned.title.greet': () => 'Greeting',
  'canned.title.order_check': () => 'Checking the order',
  'canned.title.refund': () => 'Refund started',
  'canned.title.anything_else': () => 'Anything else?',
  'canned.title.closing': () => 'Closing',
  'canned.greet': ({ name, agent }: P<'name' | 'agent'>) => `Hi ${name}, this is ${agent} from the support team. I'm looking into this now.`,
  'canned.order_check': ({ orderId }: P<'orderId'>) => `I've found order ${orderId}. Give me a moment while I sort this out for you.`,
  'canned.refund': ({ product }: P<'product'>) => `I've started a full refund for ${product}. It reaches your card in 3 to 5 business days.`,
  'canned.anything_else': () => 'Is there anything else I can help you with?',
  'canned.closing': ({ name }: P<'name'>) => `Thanks for your patience, ${name}. Have a lovely day!`,
  // Reorder nudges (issue 14): Smile asks first when something runs out soon; the answer comes in the conversation.
  'nudge.reorder': ({ product, date, quantity, total, window }: P<'product' | 'date' | 'quantity' | 'total' | 'window'>) =>
    `Time to restock? By your usual pace, ${product} runs out around ${date}. Reorder ${quantity} for ${total}? It could arrive ${window}. Just answer "yes", "not now" or "stop suggesting this".`,
  'nudge.reorder.no_window': ({ product, date, quantity, total }: P<'product' | 'date' | 'quantity' | 'total'>) =>
    `Time to restock? By your usual pace, ${product} runs out around ${date}. Reorder ${quantity} for ${total}? Just answer "yes", "not now" or "stop suggesting this".`,
  'nudge.snoozed': ({ product, date }: P<'product' | 'date'>) => `Okay — I'll ask you about ${product} again on ${date}.`,
  'nudge.stopped': ({ product }: P<'product'>) => `Okay — I won't suggest ${product} again.`,
  'nudge.failed': () => "Sorry — I couldn't save that just now. Please try again in a moment.",
  'nudge.suggest.later': () => 'Remind me next week',
  'nudge.suggest.stop': () => 'Stop suggesting this',
  // ── Subscriptions (정기배송, issue 14) ──
  'flow.manage_subscription': () => 'your subscription',
  'stop.manage_subscription': () => "Okay, I've stopped. Your subscriptions are unchanged.",
  'clarify.manage_subscription': () => 'Manage a subscription',
  'help.step.interval': () => 'Tell me how often, like "every 2 weeks", "every month" or "the first Saturday of each month".',
  'help.step.subscription': () => 'Pick the subscription you mean from the list below, or name its product.',
  'help.step.change': () =>
    'Tell me what should change: the quantity ("make it 2"), how often ("every 3 weeks"), the day ("next Saturday") or the address ("to my office").',
  'sub.interval.day': () => 'every day',
  'sub.interval.days': ({ count }: P<'count'>) => `every ${count} days`,
  'sub.interval.week': () => 'every week',
  'sub.interval.weeks': ({ count }: P<'count'>) => `every ${count} weeks`,
  'sub.interval.month': () => 'every month',
  'sub.interval.months': ({ count }: P<'count'>) => `every ${count} months`,
  'sub.interval.monthly': ({ nth, weekday }: P<'nth' | 'weekday'>) => `on the ${nth} ${weekday} of each month`,
  'sub.nth.1': () => 'first',
  'sub.nth.2': () => 'second',
  'sub.nth.3': () => 'third',
  'sub.nth.4': () => 'fourth',
  'sub.nth.last': () => 'last',
  'sub.weekday.0': () => 'Sunday',
  'sub.weekday.1': () => 'Monday',
  'sub.weekday.2': () => 'Tuesday',
  'sub.weekday.3': () => 'Wednesday',
  'sub.weekday.4': () => 'Thursday',
  'sub.weekday.5': () => 'Friday',
  'sub.weekday.6': () => 'Saturday',
  'sub.delivery.standard': () => 'standard delivery',
  'sub.delivery.dawn': () => 'dawn delivery (before 7 AM)',
  'sub.which_product': () => 'Which product would you like delivered regularly?',
  'sub.ask_interval': ({ product }: P<'product'>) => `How often should I send ${product}? For example "every 2 weeks" or "every month".`,
  'sub.which': () => 'Which subscription do you mean?',
  'sub.ask_change': ({ product }: P<'product'>) => `What should change for ${product}: the quantity, how often, the day or the address?`,
  'sub.confirm.create': ({
    product,
    quantity,
    interval,
    date,
    place,
    delivery,
    price,
  }: P<'product' | 'quantity' | 'interval' | 'date' | 'place' | 'delivery' | 'price'>) =>
    `Subscribe to ${quantity} × ${product} ${interval}, ${price} each time, first on ${date}, to ${place} by ${delivery}. Shall I start it?`,
  'sub.confirm.change': ({
    product,
    quantity,
    interval,
    date,
    place,
    delivery,
  }: P<'product' | 'quantity' | 'interval' | 'date' | 'place' | 'delivery'>) =>
    `Change your ${product} subscription to ${quantity} ${interval}, next on ${date}, to ${place} by ${delivery}?`,
  'sub.confirm.skip': ({ product, date, next }: P<'product' | 'date' | 'next'>) =>
    `Skip the ${product} delivery of ${date}? The one after comes ${next}.`,
  'sub.confirm.pause': ({ product }: P<'product'>) => `Pause your ${product} subscription? Nothing is sent until you resume it.`,
  'sub.confirm.resume': ({ product, date }: P<'product' | 'date'>) => `Resume your ${product} subscription? The next delivery would be ${date}.`,
  'sub.confirm.cancel': ({ product }: P<'product'>) => `Cancel your ${product} subscription for good?`,
  'sub.done.create': ({ product, interval, date }: P<'product' | 'interval' | 'date'>) =>
    `Done — ${product} comes ${interval}, the first on ${date}. I'll remind you two days before each one.`,
  'sub.done.change': ({ product, interval, date }: P<'product' | 'interval' | 'date'>) =>
    `Done — ${product} now comes ${interval}; the next one on ${date}.`,
  'sub.done.skip': ({ product, next }: P<'product' | 'next'>) => `Skipped. The next ${product} delivery is ${next}.`,
  'sub.done.pause': ({ product }: P<'product'>) => `Your ${product} subscription is paused. Say "resume it" whenever you want it back.`,
  'sub.done.resume': ({ product, date }: P<'product' | 'date'>) => `Your ${product} subscription is back on; the next delivery is ${date}.`,
  'sub.done.cancel': ({ product }: P<'product'>) => `Your ${product} subscription is cancelled. Nothing more will be sent.`,
  'sub.declined': () => "Okay, I've left your subscriptions as they are.",
  'sub.list.none': () => 'You have no subscriptions yet. Say something like "send me the detergent every 4 weeks" to start one.',
  'sub.list.intro': ({ count }: P<'count'>) => `Your subscriptions (${count}):`,
  'sub.list.active': ({ product, quantity, interval, date }: P<'product' | 'quantity' | 'interval' | 'date'>) =>
    `${quantity} × ${product}, ${interval}; next on ${date}`,
  'sub.list.paused': ({ product, quantity, interval }: P<'product' | 'quantity' | 'interval'>) => `${quantity} × ${product}, ${interval}; paused`,
  'sub.exists': ({ product, interval, date }: P<'product' | 'interval' | 'date'>) =>
    `You already get ${product} ${interval}; the next one comes ${date}. Tell me what to change, like "make it every 2 weeks".`,
  'sub.none': () => "You don't have a subscription that I could change that way.",
  'sub.already.paused': ({ product }: P<'product'>) => `Your ${product} subscription is already paused.`,
  'sub.already.active': ({ product }: P<'product'>) => `Your ${product} subscription is already running.`,
  'sub.not_bought': () => 'I can only set up subscriptions for things you have bought before. Which of these would you like?',
  'sub.dawn_unavailable': ({ product }: P<'product'>) => `Dawn delivery isn't offered for ${product}, so it would come by standard delivery.`,
  'sub.failed': () => "I'm sorry — I couldn't change your subscription. Would you like me to connect you with a person?",
  'notify.subscription_reminder': ({ product, quantity, date }: P<'product' | 'quantity' | 'date'>) =>
    `Your subscription sends ${quantity} × ${product} on ${date}. Skip this one? Reply "yes, skip" and I'll skip it.`,
  'notify.subscription_failed': ({ product, date }: P<'product' | 'date'>) =>
    `I couldn't place your ${product} subscription order for ${date}, and I'm still trying. Reply "agent" if you'd like a person to help.`,
  // ── issue 18 (faces): labelled card fields ("Drop-off code 633402", never a bare value) ──
  'card.field.total': ({ total }: P<'total'>) => `Total ${total}`,
  'card.field.deliver_to': ({ place }: P<'place'>) => `Deliver to ${place}`,
  'card.field.arrives': ({ window }: P<'window'>) => `Arrives ${window}`,
  'card.field.order': ({ orderId }: P<'orderId'>) => `Order ${orderId}`,
  'card.field.pickup': ({ window }: P<'window'>) => `Courier pick-up ${window}`,
  'card.field.dropoff_at': ({ place }: P<'place'>) => `Drop off at ${place}`,
  'card.field.dropoff_code': ({ code }: P<'code'>) => `Drop-off code ${code}`,
  'card.field.refund': ({ refund }: P<'refund'>) => `Refund ${refund}`,
} satisfies Record<string, (params: never) => string>;
