/**
 * Smile's own domain vocabulary in both languages: product categories, places, numbers, counters and
 * times of day. The classifier learns phrasing; this file names the things customers talk about, so that
 * an utterance about a product Smile never saw in training still reads as "a product".
 */

export interface ProductCategory {
  key: string;
  /** Words that name the category (lower case). Korean words are matched as substrings (particles attach). */
  en: string[];
  ko: string[];
  /** Broader groups the category belongs to ("baby" covers diapers, wipes and formula). */
  groups?: string[];
}

export const PRODUCT_CATEGORIES: ProductCategory[] = [
  { key: 'diapers', en: ['diaper', 'diapers', 'nappy', 'nappies', 'huggies', 'pull-ups'], ko: ['기저귀', '하기스', '팬티형'], groups: ['baby'] },
  { key: 'wipes', en: ['wipe', 'wipes', 'baby wipes', 'wet wipes', 'pampers'], ko: ['물티슈', '티슈', '베베숲'], groups: ['baby'] },
  { key: 'formula', en: ['formula', 'baby formula', 'infant formula', 'similac', 'milk powder'], ko: ['분유', '앱솔루트', '명작'], groups: ['baby'] },
  {
    key: 'detergent',
    en: ['detergent', 'laundry detergent', 'laundry soap', 'tide', 'washing liquid'],
    ko: ['세제', '세탁세제', '빨래세제'],
    groups: ['household'],
  },
  {
    key: 'shoes',
    en: ['shoe', 'shoes', 'sneaker', 'sneakers', 'running shoes', 'trainers', 'nike'],
    ko: ['운동화', '신발', '나이키', '스니커즈', '에어맥스'],
    groups: ['apparel'],
  },
  {
    key: 'brush_heads',
    en: ['brush head', 'brush heads', 'toothbrush heads', 'toothbrush head', 'sonicare', 'replacement heads'],
    ko: ['칫솔모', '칫솔', '소닉케어'],
    groups: ['personal_care'],
  },
  { key: 'ramen', en: ['ramen', 'noodles', 'instant noodles', 'shin ramyun'], ko: ['라면', '신라면', '컵라면'], groups: ['food'] },
  { key: 'water', en: ['water', 'bottled water', 'mineral water', 'sparkling water'], ko: ['생수', '삼다수', '물 한', '먹는 물'], groups: ['food'] },
  { key: 'coffee', en: ['coffee', 'coffee pods', 'espresso', 'coffee beans', 'capsules'], ko: ['커피', '캡슐', '원두'], groups: ['food'] },
  {
    key: 'paper',
    en: ['paper towels', 'paper towel', 'toilet paper', 'tissues', 'kitchen roll'],
    ko: ['휴지', '화장지', '키친타월'],
    groups: ['household'],
  },
  { key: 'shampoo', en: ['shampoo', 'conditioner', 'body wash'], ko: ['샴푸', '린스', '바디워시'], groups: ['personal_care'] },
  {
    key: 'pet',
    en: ['dog food', 'cat food', 'cat litter', 'pet food', 'kibble'],
    ko: ['사료', '고양이 모래', '강아지 사료', '간식'],
    groups: ['pet'],
  },
];

/**
 * Words after a product word that make it describe another thing: a diaper BAG, a formula DISPENSER, a shoe RACK,
 * a water BILL, 기저귀 가방. Such a mention names no product of its category (a product whose own name has the word,
 * a diaper bag the customer bought, still matches).
 */
export const NOT_THE_PRODUCT: { en: RegExp; ko: RegExp } = {
  en: /^[\s-]*(?:bags?|backpacks?|pails?|caddy|caddies|genie|dispensers?|warmers?|holders?|cases?|covers?|rash|cream|station|organi[sz]ers?|racks?|shops?|stores?|tables?|makers?|machines?|heaters?|bills?|coolers?|fountains?|soups?|recipes?|trucks?)\b/,
  ko: /^\s*(?:가방|파우치|케이스|커버|뚜껑|포트|쓰레기통|정리함|선반|가게|매장|기계|머신|요금)/,
};

export const PRODUCT_GROUPS: Record<string, { en: string[]; ko: string[] }> = {
  baby: {
    en: ['baby stuff', 'baby things', 'baby products', 'for the baby', 'baby supplies'],
    ko: ['아기용품', '육아용품', '아기 용품', '애기 용품'],
  },
  household: { en: ['household', 'cleaning supplies'], ko: ['생활용품'] },
  food: { en: ['groceries', 'food'], ko: ['식품', '먹을 거'] },
};

export type { PlaceType } from '../domain/commerce.js';
import type { PlaceType } from '../domain/commerce.js';

export const PLACE_WORDS: Record<PlaceType, { en: string[]; ko: string[] }> = {
  home: { en: ['home', 'my house', 'my place', 'my apartment'], ko: ['집', '자택', '우리집'] },
  office: { en: ['office', 'work', 'workplace', 'my job'], ko: ['회사', '직장', '사무실', '오피스'] },
  locker: { en: ['locker', 'parcel locker', 'pickup locker', 'lockers', 'parcel box'], ko: ['보관함', '택배함', '무인택배함', '무인함', '락커'] },
  convenience_store: {
    en: ['convenience store', '7-eleven', 'seven eleven', 'corner store', 'pickup point', 'cu store', 'gs25'],
    ko: ['편의점', 'gs25', 'cu', '세븐일레븐'],
  },
  car_trunk: { en: ['car trunk', 'trunk of my car', 'my car', 'trunk'], ko: ['트렁크', '차 트렁크', '자동차'] },
  in_home: { en: ['in-home', 'in home', 'inside my home', 'inside the house'], ko: ['집 안', '집안', '현관 안'] },
};

export const EN_NUMBERS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  single: 1,
  two: 2,
  couple: 2,
  pair: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  dozen: 12,
  fifteen: 15,
  twenty: 20,
};
export const EN_UNITS = [
  'pack',
  'packs',
  'box',
  'boxes',
  'bottle',
  'bottles',
  'case',
  'cases',
  'bag',
  'bags',
  'tub',
  'tubs',
  'can',
  'cans',
  'pair',
  'pairs',
  'unit',
  'units',
  'more',
  'of',
  'piece',
  'pieces',
  'carton',
  'cartons',
  'jar',
  'jars',
  'tube',
  'tubes',
  'roll',
  'rolls',
  'packets',
  'packet',
  'pouches',
  'pouch',
  'cartridges',
  'refills',
  'sets',
  'set',
  'tins',
  'tin',
];

/** Korean native numerals (as they appear before a counter) and Sino-Korean ones. */
export const KO_NUMBERS: Record<string, number> = {
  한: 1,
  하나: 1,
  두: 2,
  둘: 2,
  세: 3,
  셋: 3,
  석: 3,
  네: 4,
  넷: 4,
  다섯: 5,
  여섯: 6,
  일곱: 7,
  여덟: 8,
  아홉: 9,
  열: 10,
  열한: 11,
  열두: 12,
  일: 1,
  이: 2,
  삼: 3,
  사: 4,
  오: 5,
  육: 6,
  칠: 7,
  팔: 8,
  구: 9,
  십: 10,
  스무: 20,
  서른: 30,
  마흔: 40,
  쉰: 50,
  // "열세 개", "스물두 팩", "서른다섯 병": a native ten with a unit, as it is said before a counter.
  ...Object.fromEntries(
    Object.entries({ 열: 10, 스물: 20, 서른: 30, 마흔: 40 }).flatMap(([ten, tens]) =>
      Object.entries({ 한: 1, 두: 2, 세: 3, 네: 4, 다섯: 5, 여섯: 6, 일곱: 7, 여덟: 8, 아홉: 9 }).map(([unit, n]) => [`${ten}${unit}`, tens + n]),
    ),
  ),
};
export const KO_COUNTERS = ['개', '팩', '통', '병', '박스', '상자', '봉지', '켤레', '묶음', '세트', '캔', '팩씩', '개씩', '봉', 'box'];

export type { TimeOfDay, ReturnReason, ReturnMethod } from '../domain/understanding.js';
import type { TimeOfDay, ReturnReason, ReturnMethod, DeliveryProblem } from '../domain/understanding.js';
export const TIME_OF_DAY_WORDS: Record<TimeOfDay, { en: string[]; ko: string[] }> = {
  dawn: { en: ['dawn', 'early morning', 'before 7'], ko: ['새벽'] },
  morning: { en: ['morning', 'am', 'before noon'], ko: ['오전', '아침'] },
  afternoon: { en: ['afternoon', 'midday', 'lunchtime', 'noon'], ko: ['오후', '점심', '낮'] },
  evening: { en: ['evening', 'after work', 'tonight'], ko: ['저녁', '퇴근 후', '퇴근하고', '퇴근길'] },
  night: { en: ['night', 'late'], ko: ['밤', '늦게'] },
};

/** Why customers send things back; stems match inside words ("fits", "파손돼서"). */
export const RETURN_REASON_WORDS: Record<ReturnReason, { en: string[]; ko: string[] }> = {
  size: {
    en: ["doesn't fit", "don't fit", 'does not fit', 'do not fit', 'too small', 'too big', 'too large', 'wrong size', 'size is wrong', 'fit'],
    ko: ['사이즈', '작아', '커서', '커요', '안 맞', '안맞', '치수'],
  },
  damaged: {
    en: ['damaged', 'broken', 'torn', 'crushed', 'leaked', 'leaking', 'dented', 'opened'],
    ko: ['파손', '깨져', '찢어', '부서', '샜', '새요', '뜯어져', '망가'],
  },
  defective: {
    en: ['defective', "doesn't work", 'does not work', 'faulty', 'stopped working'],
    ko: ['불량', '고장', '작동 안', '안 돼요', '작동하지'],
  },
  wrong_item: {
    en: ['wrong item', 'wrong product', 'not what i ordered', 'wrong one', 'wrong kind', 'wrong color'],
    ko: ['잘못 왔', '잘못 온', '다른 상품', '주문한 거랑 달라', '다른 게 왔'],
  },
  changed_mind: {
    en: ['changed my mind', "don't need it", "don't want it", 'no longer need', 'not needed'],
    ko: ['마음이 바뀌', '마음이 변했', '필요 없어', '필요없어', '단순 변심', '변심', '잘못 주문', '잘못 샀', '생각보다 별로', '별로예요'],
  },
  late: { en: ['arrived late', 'too late', 'came late'], ko: ['늦게 와', '늦게 왔', '늦게 도착'] },
};

/**
 * What went wrong with a delivery, tried in this order (a parcel "left at the wrong house" is a place, not an item; an
 * item "missing from the box" is the wrong contents, not a lost parcel).
 */
export const DELIVERY_PROBLEM_WORDS: Record<DeliveryProblem, { en: string[]; ko: string[] }> = {
  wrong_place: {
    en: [
      'wrong house',
      'wrong address',
      'wrong door',
      'wrong building',
      'wrong floor',
      'wrong locker',
      'wrong store',
      'wrong place',
      'neighbour',
      'neighbor',
      'left it outside',
      'left outside',
      'in the rain',
      'over the fence',
      "door that isn't mine",
      'not my door',
      'in the lobby',
      'wrong apartment',
      'wrong flat',
      'wrong unit',
      'wrong street',
      'wrong porch',
      'wrong gate',
      "someone else's house",
      "someone else's door",
      'random house',
      'next door',
    ],
    ko: [
      '다른 집',
      '옆집',
      '엉뚱한 곳',
      '엉뚱한 데',
      '다른 곳에',
      '다른 동',
      '다른 주소',
      '밖에 두',
      '두지 말라',
      '던지고',
      '다른 편의점',
      '엉뚱한 보관함',
      '다른 보관함',
      '집이 아니',
      '현관이 아니',
      '남의 집',
      '아닌 데',
      '아닌 곳',
      '옆 동',
      '다른 층',
      '엉뚱한 집',
      '엉뚱한 주소',
      '엉뚱한 동',
    ],
  },
  wrong_item: {
    en: [
      'wrong item',
      'wrong product',
      'wrong thing',
      'wrong size',
      'wrong one',
      'wrong color',
      'wrong colour',
      'not what i ordered',
      "isn't what i ordered",
      'different item',
      'different product',
      'different brand',
      "someone else's",
      "isn't mine",
      'not mine',
      'missing from',
      'only half',
      'got one',
      'instead of',
      'half the order',
      'half my order',
      'part of my order',
      'only some',
      'not all of',
      'short one',
      'box was empty',
      'empty box',
      'came empty',
      'arrived empty',
      'expired',
    ],
    ko: [
      '다른 상품',
      '다른 게 왔',
      '다른 제품',
      '다른 물건',
      '주문한 거랑 달라',
      '주문한 거랑 다른',
      '시킨 물건이 아니',
      '시킨 게 아니',
      '남의 택배',
      '엉뚱한 물건',
      '빠져',
      '하나만 왔',
      '다른 사이즈',
      '다른 브랜드',
      '다른 색',
      '잘못 왔',
      '잘못 온',
      '잘못 보내',
      '누락',
      '안 들어 있',
      '안 들어있',
      '빠진',
      '텅 비',
      '덜 왔',
      '모자라',
      '몇 개가 없',
      '하나가 없',
      '일부만',
      '다른 색상',
      '다른 모델',
      '다른 용량',
      '유통기한',
    ],
  },
  damaged: {
    en: [
      'damaged',
      'broken',
      'crushed',
      'torn',
      'ripped',
      'leaked',
      'leaking',
      'dented',
      'smashed',
      'wet',
      'soaked',
      'burst',
      'bad condition',
      'opened',
      'cracked',
      'spilled',
      'spilt',
      'squashed',
      'bent',
      'scratched',
      'shattered',
      'busted',
      'caved in',
      'smashed in',
      'falling apart',
      // Chilled and frozen goods that did not stay cold.
      'melted',
      'thawed',
      'defrosted',
      'spoiled',
      'spoilt',
      'gone off',
      'went off',
      'gone bad',
      'went bad',
      'rotten',
      'moldy',
      'mouldy',
      'not cold',
      'arrived warm',
      'came warm',
      'was warm',
      'were warm',
    ],
    ko: [
      '파손',
      '깨져',
      '깨진',
      '찌그러',
      '찢어',
      '찢겨',
      '젖어',
      '젖은',
      '터져',
      '터진',
      '부서',
      '망가',
      '새서',
      '샜',
      '뜯긴',
      '뜯겨',
      '상태가 안 좋',
      '상태가 엉망',
      '깨졌',
      '깨지',
      '흘렀',
      '흘러',
      '뚜껑이 열',
      '뭉개',
      '움푹',
      '구겨',
      '눌려',
      '금이 가',
      '금이 갔',
      '박살',
      // 냉장·냉동 상품이 차갑지 않게 온 것.
      '녹아',
      '녹았',
      '녹은',
      '미지근',
      '상했',
      '상한',
      '상해서',
      '썩',
      '곰팡',
      '변질',
      '해동',
      '안 차갑',
    ],
  },
  not_received: {
    en: [
      'not here',
      "isn't here",
      "it's not here",
      'never got',
      'never received',
      "didn't receive",
      'did not receive',
      "haven't received",
      "didn't get",
      'never arrived',
      'never came',
      'never showed up',
      'missing',
      'stolen',
      "can't find",
      'cannot find',
      'not received',
      'lost',
      'nothing on',
      'nothing at',
      'nothing here',
      'nothing there',
      'nothing came',
      'nothing arrived',
      'says delivered',
      'marked delivered',
      'marked as delivered',
      'handed to me',
      'handed over',
      'shows delivered',
      'shows as delivered',
      'showing delivered',
      'showing as delivered',
      'listed as delivered',
      'says it was delivered',
      'said it was delivered',
      "says it's delivered",
      'delivered but',
      'delivered yet',
      'dropped off but',
      'nowhere to be found',
      'not at my door',
    ],
    ko: [
      '못 받',
      '못받',
      '받지 못',
      '받은 적',
      '안 보여',
      '없어요',
      '없는데',
      '분실',
      '도난',
      '가져간',
      '사라졌',
      '비어 있',
      '찾을 수가 없',
      '배송 완료',
      '배송완료',
      '아무것도 없',
      '아무 것도 없',
      '완료라고',
      '완료로 떠',
      '완료로 나와',
      '완료 처리',
      '완료됐다는데',
      '완료됐다고 하는데',
      '도착 완료',
      '배달 완료',
      '받은 게 없',
      '어디에도 없',
    ],
  },
};

export const RETURN_METHOD_WORDS: Record<ReturnMethod, { en: string[]; ko: string[] }> = {
  store_dropoff: {
    en: ['convenience store', '7-eleven', 'seven eleven', 'store drop-off', 'drop it at a store', 'drop off at a store'],
    ko: ['편의점', 'gs25', 'cu', '세븐일레븐'],
  },
  locker_dropoff: { en: ['locker', 'parcel locker', 'locker drop-off'], ko: ['보관함', '택배함', '무인함', '락커'] },
  courier_pickup: {
    en: ['pick up', 'pickup', 'pick-up', 'collect', 'courier', 'come and get', 'from my door', 'from home'],
    ko: ['수거', '회수', '가져가', '기사님', '방문', '픽업'],
  },
};

/** Words that mark a note for the courier rather than a place ("knock, don't ring", "벨 누르지 말고"). */
export const INSTRUCTION_CUES: { en: string[]; ko: string[] } = {
  en: [
    'knock',
    'ring',
    'bell',
    'doorbell',
    'leave it',
    'leave the',
    'at the door',
    'front door',
    'back door',
    'concierge',
    'doorman',
    'reception',
    'front desk',
    'security desk',
    'mailroom',
    'mail room',
    'leave them',
    'leave my',
    'leave packages',
    'leave parcels',
    'neighbor',
    'neighbour',
    'call me',
    'text me',
    'gate code',
    'buzz',
    'behind',
    'porch',
    'asleep',
    'dog',
    "don't ring",
    'do not ring',
  ],
  ko: [
    '벨',
    '노크',
    '문 앞',
    '문앞',
    '경비실',
    '현관',
    '전화',
    '문자',
    '비밀번호',
    '초인종',
    '자고',
    '강아지',
    '두고',
    '놓고',
    '맡겨',
    '넣어',
    '택배함',
  ],
};

/** Commands that steer the conversation itself. */
export const COMMAND_PATTERNS: Array<{ command: 'repeat' | 'start_over' | 'language:en-US' | 'language:ko-KR'; re: RegExp }> = [
  {
    command: 'repeat',
    re: /^(?:(?:can you |could you |please )?(?:repeat|say (?:that|it) again)(?: that| please)?|come again|pardon|what did you say|sorry\?)\W*$|^(?:다시 (?:말해|한 ?번)|뭐라고|방금 뭐라고|다시요)/i,
  },
  {
    command: 'start_over',
    re: /^(?:let'?s )?(?:start over|start again|restart|begin again|from the (?:top|beginning))\W*$|^(?:처음부터|다시 시작|처음으로)/i,
  },
  { command: 'language:ko-KR', re: /(?:한국어로|한국말로|in korean|speak korean)/i },
  { command: 'language:en-US', re: /(?:in english|speak english|english please|영어로)/i },
];

/** Typical days between purchases when a customer has bought a product only once (per unit bought). */
export const DEFAULT_CADENCE_DAYS: Record<string, number> = {
  diapers: 21,
  wipes: 28,
  formula: 14,
  detergent: 45,
  water: 14,
  ramen: 14,
  coffee: 21,
  paper: 21,
  shampoo: 45,
  pet: 30,
  brush_heads: 90,
};

/** Words in product names too common to single out a product ("baby" in "Pampers Sensitive Baby Wipes"). */
export const GENERIC_NAME_WORDS = new Set([
  'baby',
  'sensitive',
  'total',
  'care',
  'little',
  'free',
  'gentle',
  'running',
  'infant',
  'replacement',
  'laundry',
  'size',
  'pack',
  'packs',
  'the',
  'and',
  'for',
  'with',
  'new',
  'original',
  'classic',
  'plus',
  'max',
  'ultra',
  'soft',
  'natural',
  'multi',
  'count',
  'value',
  'family',
  'shoes',
  'heads',
  'brush',
  'water',
  'oz',
  'ct',
  '단계',
  '매',
  '팩',
  '병',
  '개입',
  // Places in names ("제주 삼다수"): a trip to Jeju is no order of water.
  '제주',
]);

/** Clear frustration: the customer is upset with Smile or the service, not just asking. */
export const FRUSTRATION_CUES: { en: RegExp; ko: RegExp } = {
  en: /\b(useless|ridiculous|stupid bot|this is (?:a )?joke|so annoying|fed up|sick of|waste of (?:my )?time|terrible|worst|angry|furious|what the hell|wtf|unacceptable)\b/i,
  ko: /(짜증|답답해|답답하|화나|열받|어이없|최악|장난해|말이 안 통|못 알아듣)/,
};

/**
 * Words that tie an utterance to shopping and delivery. An action intent with none of them (and no product, place
 * or quantity) is not trusted: "is it going to rain tomorrow" has a date but is not about a delivery.
 */
export const DOMAIN_ANCHORS: { en: RegExp; ko: RegExp } = {
  en: /\b(order\w*|buy\w*|bought|purchas\w*|reorder\w*|deliver\w*|parcel\w*|package\w*|box|shipment\w*|ship\w*|courier|driver|arriv\w*|come|coming|came|bring|send\w*|sent|move|reschedul\w*|postpone|delay|push|slot|window|time|later|earlier|return\w*|refund\w*|exchange|money back|send back|back|cancel\w*|call off|stuff|items?|products?|address|locker|store|door|leave|drop\w*|pick\w*|collect\w*|track\w*|status|dispatch\w*|restock\w*|replenish|top up|more|again|usual|running low|run out|ran out|out of|need|want|get|grab|fit\w*|size|damaged|broken|wrong|subscri\w*|skip\w*|pause\w*|unpause|resume|auto-?ship\w*)\b/i,
  ko: /(주문|구매|구입|사|시켜|배송|배달|택배|소포|상자|도착|오|와|받|보내|옮|미뤄|미루|늦|이르|일찍|시간|날짜|반품|환불|교환|돌려|취소|철회|물건|상품|주소|보관함|편의점|문 앞|경비실|맡|수거|회수|가져가|조회|발송|출고|떨어|다시|또|더|늘|필요|사이즈|파손|불량|잘못|가져다|놓|두고|두세|넣|반납|결제|요청|정기|구독|건너뛰|스킵|일시\s*정지|격주)/,
};

/**
 * Things of another world than a shop's deliveries: bank cards and transfers, calendars and meetings, mail and
 * messages, bookings at a clinic, restaurant, hotel or airline, rides, food-delivery apps, devices. The public
 * corpora's hard negatives are made of them ("my card hasn't arrived", "회의 일정 다음 주로 미뤄줘", "메일 주소 바꾸는
 * 방법"). An action about one of them, naming no product and no order or parcel of the customer's, is out of scope:
 * the words of an action (arrive, move, cancel, 취소, 미뤄) are the same in both worlds, the object is not.
 */
export const OTHER_WORLD: { en: RegExp; ko: RegExp } = {
  en: /\b(?:(?:credit|debit|bank|atm|new|replacement|virtual|physical|top-?up) cards?|cards? (?:payment|transfer|pin|limit)|my card|pin|bank\w*|atm|iban|swift|wire transfer|transfers?|transferr\w*|top-?ups?|exchange rates?|loan|mortgage|balance|statement|cheque|check deposit|meetings?|calendar|appointments?|events?|reminders?|alarms?|e-?mails?|inbox|text messages?|messages?|voicemail|calls?|flights?|boarding|hotel|reservations?|table for|taxi|uber|lyft|cab|train tickets?|doctor|dentist|clinic|hospital|haircut|salon|library|playlist|songs?|music|podcast|lights|thermostat|tv|takeaway|takeout|pizza|burger|restaurant|doordash|grubhub|postmates|ubereats|uber eats|mcdonald\w*|cards?|plumber|electrician|technician|repair\w*|mechanic|installer|tutor|lessons?|classes|gym|vet|therapist|massage|netflix|spotify|hulu|disney\+?|youtube|concert|cinema|movie tickets?|ballots?|mail-in|passports?|visas?|driver'?s licen[cs]e|letters?(?! ?box)|postcards?|post office|episodes?|ads?)\b/i,
  ko: /(?:신용카드|체크카드|카드\s*(?:배송|발급|재발급|분실|결제일|한도|비밀번호)|은행|계좌|송금|이체|환전|환율|대출|통장|잔액|회의|미팅|일정|스케줄|캘린더|달력|약속|알람|모닝콜|리마인더|메일|문자|메시지|카톡|전화|비행기|항공|탑승|호텔|숙소|펜션|식당|레스토랑|테이블|택시|기차|KTX|SRT|병원|치과|진료|미용실|도서관|노래|음악|플레이리스트|불\s*꺼|불\s*켜|에어컨|보일러|TV|티비|음식|치킨|피자|짜장면|족발|햄버거|배민|배달의\s*민족|요기요|쿠팡이츠|영화\s*예매|공연|카드(?!\s*(?:로|으로)?\s*결제)|수리\s*기사|헬스장|피티|학원|수업|레슨|과외|넷플릭스|유튜브|멜론|왓챠|티빙|보험|주식|여권|비자|면허증|신분증|등기|우편|편지|우체국|배관공|전기\s*기사|드라마|에피소드|광고|다음\s*화(?!요))/i,
};

/**
 * Cooked food and the apps that bring it, other shops and streaming services: an order, a package or a subscription of
 * theirs is theirs ("cancel the pizza order", "배민에서 치킨 주문해 줘", "my Amazon package is late", "cancel Netflix"),
 * so, unlike `OTHER_WORLD`, naming an order does not make it Smile's; a product of Smile's does.
 */
export const FOOD_WORLD: { en: RegExp; ko: RegExp } = {
  en: /\b(?:amazon|ebay|instacart|walmart|aliexpress|etsy|temu|shein|costco|netflix|spotify|hulu|disney\+?|pizzas?|burgers?|takeaway|takeout|take-out|doordash|grubhub|postmates|ubereats|uber eats|mcdonald\w*|domino'?s|kfc|sushi|tacos?|burritos?|kebabs?|fried chicken|chinese food|thai food|indian food|food delivery|delivery app|food app|restaurant)\b/i,
  ko: /(?:아마존|이베이|마켓\s*컬리|컬리에서|디즈니|쿠팡(?!이츠)|11번가|지마켓|G마켓|옥션|알리\s*익스프레스|알리에서|테무|무신사|당근마켓|넷플릭스|유튜브|멜론|왓챠|티빙|치킨|피자|짜장면|짬뽕|탕수육|족발|보쌈|햄버거|떡볶이|초밥|마라탕|야식|배민|배달의\s*민족|요기요|쿠팡이츠|배달\s*앱|배달\s*음식|음식\s*배달|식당|레스토랑)/,
};

/**
 * Words that make a message about the customer's own shopping even when another world's thing is named
 * ("cancel my order, the card was charged twice", "카드로 결제한 주문 취소해 주세요").
 */
export const OWN_ORDER_WORDS: { en: RegExp; ko: RegExp } = {
  en: /\b(?:orders?|package|parcel|shipment|delivery of my|my delivery|purchase from you|items?|products?|subscriptions?|(?:marked|shows?|says?) (?:as )?delivered)\b/i,
  ko: /(?:주문|택배|소포|상품|물건|구독|정기\s*배송|(?:배송|배달|도착)\s*완료)/,
};
