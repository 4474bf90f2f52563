import { Rng } from '../../ml/random.js';
import { DAY, type EmailCampaign, type MarketingCalendar, type Promotion } from './calendar.js';
import { type Catalogue, type CatalogueEntry, skuOf } from './catalogue.js';
import { CATEGORIES } from './catalogue-words.js';
import { demoUuid, ID_KIND, streamSeed } from './ids.js';
import { drawPerson, type Person } from './population.js';
import { type Aspect, type AspectMention, writeReview } from './reviews.js';
import type { SegmentMessage } from './segment-message.js';
import { drawTaste, pickWeighted, type UserTaste } from './taste-clusters.js';

/** Everything shared by all customers of one generated shop. */
export interface ShopWorld {
  seed: number;
  now: number;
  windowStart: number;
  horizonEnd: number;
  catalogue: Catalogue;
  calendar: MarketingCalendar;
}

/** Hidden ground truth of one customer (times in ms; `null` when the customer stays beyond the horizon). */
export interface CustomerTruth {
  userId: string;
  tasteCluster: number;
  churnAt: number | null;
  purchasesNext90d: number;
  spendNext90dCents: number;
}

export interface SimulatedCustomer {
  /** Messages with timestamp < now, in timestamp order. */
  messages: SegmentMessage[];
  /** Undefined when the customer had not signed up by `now` (no userId in the data to join on). */
  truth: CustomerTruth | undefined;
}

const HOUR = 3_600_000;
const MINUTE = 60_000;
const SHOP_URL = 'https://shop.example.com';
const STREAM_CUSTOMER = 1;

/** Relative visit intensity by local hour: quiet nights, a lunch bump and an evening peak. */
const HOURLY = [
  0.25, 0.12, 0.06, 0.05, 0.05, 0.1, 0.3, 0.6, 0.85, 0.95, 1.0, 1.1, 1.35, 1.2, 1.0, 1.0, 1.05, 1.15, 1.35,
  1.7, 2.0, 2.1, 1.6, 0.8,
];
/** Relative visit intensity by local weekday, Sunday first: weekends are busier. */
const WEEKDAY = [1.35, 0.9, 0.88, 0.9, 0.92, 1.05, 1.45];

const USER_AGENTS = {
  desktop:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36',
  iphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  android:
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36',
};
const BROWSER_LIBRARY = { name: 'analytics.js', version: 'next-1.72.0' };
const SERVER_LIBRARY = { name: '@segment/analytics-node', version: '2.3.0' };

interface Device {
  anonymousId: string;
  userAgent: string;
  /** Whether the customer has logged in on this device (its events then carry the userId). */
  loggedIn: boolean;
  firstUse: number;
}

interface CartLine {
  entry: CatalogueEntry;
  quantity: number;
}

interface Pending {
  at: number;
  run: () => void;
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

function poisson(rng: Rng, lambda: number): number {
  // Knuth's multiplication method; lambda is well below 5 here.
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = rng.next();
  while (p > limit) {
    k++;
    p *= rng.next();
  }
  return k;
}

function exponential(rng: Rng, mean: number): number {
  return -Math.log(1 - rng.next()) * mean;
}

const HOURLY_TOTAL = HOURLY.reduce((a, b) => a + b, 0);
function localSecondOfDay(rng: Rng): number {
  let u = rng.next() * HOURLY_TOTAL;
  let h = 0;
  for (; h < 23; h++) {
    u -= HOURLY[h];
    if (u < 0) break;
  }
  return h * 3600 + rng.int(3600);
}

/**
 * One customer's life in the shop, simulated day by day from their first visit to `now + 90 days`.
 * Only what happens before `now` is emitted; what happens after it becomes the ground truth.
 *
 * Visits are a Poisson process whose daily rate is the customer's activity times weekday, promotion,
 * dormancy and churn-decay factors. Churn is a weekly hazard that depends on satisfaction (hurt by
 * bad orders and refunds), the trend of email engagement, tenure and dependence on discounts, so it
 * is not readable from recency alone; active customers also go dormant for weeks at a time.
 */
export function simulateCustomer(world: ShopWorld, index: number, collect = true): SimulatedCustomer {
  const { seed, now, horizonEnd, catalogue, calendar } = world;
  const rng = new Rng(streamSeed(seed, STREAM_CUSTOMER, index));
  const userNumber = index + 1;
  const userId = `user-${userNumber}`;
  const taste: UserTaste = drawTaste(rng);
  const femaleBias = [0.5, 0.8, 0.3, 0.45, 0.6, 0.5][taste.cluster];
  const person: Person = drawPerson(rng, userNumber, femaleBias);
  const offset = person.country.utcOffsetMinutes * MINUTE;

  // Who they are as a shopper (hidden).
  const browserOnly = rng.next() < 0.08; // never signs up
  const preExisting = !browserOnly && rng.next() < 0.3; // customer since before the data window
  const anonymousFirst = !browserOnly && !preExisting && rng.next() < 0.45;
  let anonymousSessionsLeft = browserOnly
    ? Number.POSITIVE_INFINITY
    : anonymousFirst
      ? 1 + poisson(rng, 1.5)
      : 0;
  const activity = (browserOnly ? 0.5 : 1) * 0.09 * taste.activity * Math.exp(0.8 * rng.normal() - 0.32);
  const engagementStart = sigmoid(-0.6 + 1.1 * rng.normal());
  let engagement = engagementStart;
  const satisfactionBase = clamp(0.65 + 0.12 * rng.normal(), 0.2, 1);
  let satisfaction = satisfactionBase;
  const leniency = 0.45 * rng.normal();
  const frailty = 0.5 * rng.normal();
  const consent = {
    email: rng.next() < 0.35 + 0.5 * engagementStart,
    push: rng.next() < 0.35,
    sms: person.phone !== undefined && rng.next() < 0.3,
  };

  const u = rng.next();
  const firstVisit = preExisting
    ? world.windowStart + exponential(rng, 12 * DAY)
    : world.windowStart + (now - DAY - world.windowStart) * u ** 0.8;
  let createdAt = preExisting ? world.windowStart - (30 + rng.int(900)) * DAY : Number.NaN;
  let signedUp = preExisting;
  // Browsers leave after a few weeks at most.
  let churnAt = browserOnly ? firstVisit + (1 + rng.int(45)) * DAY : Number.POSITIVE_INFINITY;
  let churnOnset = Number.POSITIVE_INFINITY;
  let decayDays = 1;

  const devices: Device[] = [];
  let deviceSeq = 0;
  const newDevice = (at: number): Device => {
    const r = rng.next();
    const d: Device = {
      anonymousId: demoUuid(seed, ID_KIND.anonymous, index, deviceSeq++),
      userAgent: r < 0.45 ? USER_AGENTS.desktop : r < 0.75 ? USER_AGENTS.iphone : USER_AGENTS.android,
      loggedIn: false,
      firstUse: at,
    };
    devices.push(d);
    return d;
  };
  newDevice(firstVisit);
  const secondDeviceAt = rng.next() < 0.2 ? firstVisit + rng.next() * 200 * DAY : Number.POSITIVE_INFINITY;

  // Item choice: Zipf popularity times a price factor (price-sensitive shoppers prefer cheaper items).
  const cumulative: Float64Array[] = catalogue.byCategory.map((ids) => {
    const cum = new Float64Array(ids.length);
    let s = 0;
    for (let k = 0; k < ids.length; k++) {
      const e = catalogue.entries[ids[k]];
      s += e.popularity * e.relativePrice ** -taste.priceSensitivity;
      cum[k] = s;
    }
    return cum;
  });
  const pickItem = (categoryIndex: number, at: number): CatalogueEntry => {
    const ids = catalogue.byCategory[categoryIndex];
    const cum = cumulative[categoryIndex];
    let entry = catalogue.entries[ids[0]];
    for (let attempt = 0; attempt < 6; attempt++) {
      const x = rng.next() * cum[cum.length - 1];
      let lo = 0;
      let hi = cum.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cum[mid] > x) hi = mid;
        else lo = mid + 1;
      }
      entry = catalogue.entries[ids[lo]];
      if (entry.launchedAt <= at && at < entry.discontinuedAt) break;
    }
    return entry;
  };
  const pickCategory = (): number =>
    rng.next() < 0.1 ? rng.int(CATEGORIES.length) : pickWeighted(rng, taste.categoryPreference);

  // Output.
  const out: { at: number; message: SegmentMessage }[] = [];
  let seq = 0;
  // Messages are built lazily: the forward simulation after `now` and the truth pass build none.
  // The sequence number advances regardless, so ids do not depend on what is collected.
  const emit = (at: number, build: () => Omit<SegmentMessage, 'messageId' | 'timestamp'>): void => {
    const n = seq++;
    if (!collect || at >= now || at >= churnAt) return;
    const message = build() as SegmentMessage;
    message.messageId = demoUuid(seed, ID_KIND.message, index, n);
    message.timestamp = new Date(at).toISOString();
    out.push({ at, message });
  };
  const traits = (at: number): Record<string, unknown> => ({
    email: person.email,
    ...(person.phone ? { phone: person.phone } : {}),
    first_name: person.firstName,
    last_name: person.lastName,
    name:
      person.language === 'zh'
        ? person.lastName + person.firstName
        : `${person.firstName} ${person.lastName}`,
    age: person.age,
    gender: person.gender,
    address: { city: person.city, country: person.country.code },
    country: person.country.code,
    timezone: person.country.timezone,
    language: person.language,
    created_at: new Date(Number.isNaN(createdAt) ? at : createdAt).toISOString(),
    consent: { ...consent },
  });
  const webContext = (device: Device, page: Record<string, unknown>, campaign?: Record<string, unknown>) => ({
    library: { ...BROWSER_LIBRARY },
    locale: person.language === 'zh' ? 'zh-CN' : person.country.locale,
    timezone: person.country.timezone,
    userAgent: device.userAgent,
    page,
    ...(campaign ? { campaign } : {}),
  });
  const serverContext = () => ({ library: { ...SERVER_LIBRARY }, timezone: person.country.timezone });
  const who = (device: Device) =>
    device.loggedIn ? { userId, anonymousId: device.anonymousId } : { anonymousId: device.anonymousId };
  const productProps = (e: CatalogueEntry) => ({
    product_id: e.item.id,
    sku: skuOf(e),
    category: e.item.category,
    name: e.item.title,
    price: e.priceCents / 100,
  });

  // Whether the customer's traits have been sent: email goes only to people the shop has identified.
  let identified = false;
  const identify = (at: number, device: Device | undefined, full: boolean): void => {
    if (device) device.loggedIn = true;
    if (full) identified = true;
    emit(at, () => ({
      type: 'identify',
      userId,
      ...(device ? { anonymousId: device.anonymousId } : {}),
      traits: full ? traits(at) : { email: person.email },
      context: device
        ? webContext(device, { path: '/account', url: `${SHOP_URL}/account` })
        : serverContext(),
    }));
  };
  const signUp = (at: number, device: Device): void => {
    signedUp = true;
    createdAt = at;
    identify(at, device, true);
  };

  // Shopping state.
  let cart: CartLine[] = [];
  let cartId = '';
  let cartTouched = 0;
  let cartSeq = 0;
  let orderSeq = 0;
  let reviewSeq = 0;
  let orders = 0;
  let discountedOrders = 0;
  let purchasesNext90d = 0;
  let spendNext90dCents = 0;
  let dormantUntil = 0;
  const pending: Pending[] = [];

  const placeOrder = (at: number, device: Device, promotion: Promotion | undefined): void => {
    orderSeq++;
    const orderId = `ORD-${userNumber}-${orderSeq}`;
    let subtotal = 0;
    for (const l of cart) subtotal += l.entry.priceCents * l.quantity;
    let discount = 0;
    let coupon: string | undefined;
    if (promotion) {
      discount = Math.round((subtotal * promotion.percentOff) / 100);
      coupon = promotion.code;
    } else if (orders === 0 && rng.next() < 0.3) {
      discount = Math.round(subtotal * 0.1);
      coupon = 'WELCOME10';
    }
    const revenue = subtotal - discount;
    const shipping = revenue >= 5000 ? 0 : 499;
    // US prices are shown before sales tax; elsewhere VAT is included in the price.
    const tax = person.country.code === 'US' ? Math.round(revenue * 0.07) : 0;
    const products = cart.map((l, position) => ({
      ...productProps(l.entry),
      quantity: l.quantity,
      position: position + 1,
    }));
    const money = {
      order_id: orderId,
      cart_id: cartId,
      currency: 'USD',
      revenue: revenue / 100,
      discount: discount / 100,
      ...(coupon ? { coupon } : {}),
    };
    emit(at, () => ({
      type: 'track',
      event: 'Checkout Started',
      ...who(device),
      properties: { ...money, value: revenue / 100, products },
      context: webContext(device, { path: '/checkout', url: `${SHOP_URL}/checkout` }),
    }));
    const completedAt = at + (60 + rng.int(240)) * 1000;
    emit(completedAt, () => ({
      type: 'track',
      event: 'Order Completed',
      userId,
      properties: {
        ...money,
        shipping: shipping / 100,
        tax: tax / 100,
        total: (revenue + shipping + tax) / 100,
        products,
      },
      context: serverContext(),
    }));
    orders++;
    if (discount > 0) discountedOrders++;
    if (completedAt >= now && completedAt < horizonEnd) {
      purchasesNext90d++;
      spendNext90dCents += revenue;
    }

    // What happens after the order: delivery, problems, returns, reviews.
    const late = rng.next() < (person.country.code === 'CN' ? 0.05 : 0.09);
    const deliveredAt =
      completedAt + (person.country.code === 'CN' ? 1 : 3) * DAY + rng.int(4) * DAY + (late ? 6 * DAY : 0);
    const damaged = rng.next() < 0.04;
    let worst: { line: CartLine; qualityIssue: boolean; sizeIssue: boolean } | undefined;
    const refundLines: CartLine[] = [];
    let issues = (late ? 1 : 0) + (damaged ? 1 : 0);
    for (const l of cart) {
      const qualityIssue = rng.next() < sigmoid(-2.6 - 1.3 * l.entry.quality);
      const sizeIssue = CATEGORIES[l.entry.categoryIndex].sized && rng.next() < 0.12;
      if (qualityIssue || sizeIssue) {
        issues += qualityIssue ? 1.4 : 1;
        if (!worst) worst = { line: l, qualityIssue, sizeIssue };
        if (rng.next() < 0.6) refundLines.push(l);
      }
    }
    satisfaction = clamp(satisfaction + (issues === 0 ? 0.03 : -0.17 * issues), 0, 1);
    if (refundLines.length > 0) {
      satisfaction = clamp(satisfaction - 0.05, 0, 1);
      const refundAt = deliveredAt + (1 + rng.int(6)) * DAY + rng.int(10 * HOUR);
      let refund = 0;
      for (const l of refundLines) refund += l.entry.priceCents * l.quantity;
      if (subtotal > 0) refund = Math.round((refund * revenue) / subtotal);
      const refundProducts = refundLines.map((l) => ({ ...productProps(l.entry), quantity: l.quantity }));
      pending.push({
        at: refundAt,
        run: () =>
          emit(refundAt, () => ({
            type: 'track',
            event: 'Order Refunded',
            userId,
            properties: {
              order_id: orderId,
              total: refund / 100,
              currency: 'USD',
              products: refundProducts,
              reason: worst?.sizeIssue && !worst.qualityIssue ? 'wrong size' : 'defective',
            },
            context: serverContext(),
          })),
      });
    }
    // Angry customers write more reviews than content ones.
    if (rng.next() < 0.13 + (issues > 0 ? 0.3 : 0) + 0.1 * engagement) {
      const line = worst?.line ?? cart[rng.int(cart.length)];
      const q = line.entry.quality;
      const priceGrumble = Math.max(0, taste.priceSensitivity * Math.log(line.entry.relativePrice));
      const latent =
        4.5 +
        0.5 * q +
        2.5 * (satisfaction - 0.6) +
        leniency -
        (worst?.qualityIssue ? 1.3 : 0) -
        (worst?.sizeIssue ? 0.8 : 0) -
        (late ? 0.6 : 0) -
        (damaged ? 0.5 : 0) -
        0.4 * priceGrumble +
        0.5 * rng.normal();
      const rating = clamp(Math.round(latent), 1, 5);
      const mentions: AspectMention[] = [];
      if (worst?.qualityIssue) mentions.push({ aspect: 'quality', positive: false });
      if (worst?.sizeIssue) mentions.push({ aspect: 'size', positive: false });
      if (late) mentions.push({ aspect: 'delivery', positive: false });
      if (damaged) mentions.push({ aspect: 'packaging', positive: false });
      if (mentions.length === 0 || rng.next() < 0.3) {
        const aspects: Aspect[] = ['quality', 'price', 'delivery', 'packaging'];
        const aspect = aspects[rng.int(aspects.length)];
        if (!mentions.some((m) => m.aspect === aspect)) {
          const positive = aspect === 'price' ? rating >= 4 && priceGrumble < 0.3 : rating >= 3;
          mentions.push({ aspect, positive });
        }
      }
      const reviewAt = deliveredAt + (1 + rng.int(10)) * DAY + rng.int(12 * HOUR);
      const reviewId = `rev_${userNumber}_${++reviewSeq}`;
      const body = writeReview(rng, person.language, rating, mentions);
      pending.push({
        at: reviewAt,
        run: () =>
          emit(reviewAt, () => ({
            type: 'track',
            event: 'Product Reviewed',
            ...who(device),
            properties: { product_id: line.entry.item.id, review_id: reviewId, review_body: body, rating },
            context: webContext(device, {
              path: `/p/${line.entry.item.id}`,
              url: `${SHOP_URL}/p/${line.entry.item.id}`,
            }),
          })),
      });
    }
    // Unhappy customers unsubscribe from email now and then.
    if (consent.email && issues > 0 && satisfaction < 0.45 && rng.next() < 0.25) {
      const at2 = deliveredAt + rng.int(5) * DAY;
      pending.push({
        at: at2,
        run: () => {
          consent.email = false;
          emit(at2, () => ({
            type: 'identify',
            userId,
            traits: { consent: { ...consent } },
            context: serverContext(),
          }));
        },
      });
    }
    cart = [];
    cartId = '';
  };

  const session = (start: number, source: 'direct' | 'search' | 'email', campaign?: EmailCampaign): void => {
    if (start >= churnAt) return;
    let device = devices[0];
    if (start >= secondDeviceAt) {
      if (devices.length === 1) newDevice(start);
      if (rng.next() < 0.4) device = devices[1];
    }
    let t = start;
    const step = (): number => (t += (8 + rng.int(110)) * 1000);
    const dayIndex = Math.floor((start - calendar.firstDay) / DAY);
    const promotion = calendar.promotionOnDay(dayIndex);

    // Landing.
    const utm = campaign
      ? { name: campaign.name, source: 'newsletter', medium: 'email', content: campaign.id }
      : undefined;
    const landing =
      source === 'email'
        ? { name: campaign?.promotion ? 'Sale' : 'New Arrivals', path: campaign?.linkPath ?? '/new' }
        : { name: 'Home', path: '/' };
    const referrer = source === 'search' ? 'https://www.google.com/' : source === 'email' ? '' : undefined;
    const landingPage = {
      path: landing.path,
      url: SHOP_URL + landing.path,
      title: landing.name,
      ...(referrer !== undefined ? { referrer } : {}),
    };
    emit(t, () => ({
      type: 'page',
      name: landing.name,
      ...who(device),
      properties: { ...landingPage },
      context: webContext(device, landingPage, utm),
    }));

    // Identity: sign up after enough anonymous browsing, log in on a new device.
    if (!signedUp && anonymousSessionsLeft <= 0) signUp(step(), device);
    else if (signedUp && !device.loggedIn) identify(step(), device, device === devices[0]);
    anonymousSessionsLeft--;

    const category = pickCategory();
    const c = CATEGORIES[category];
    if (rng.next() < 0.25) {
      const [nounEn, nounZh] = c.nouns[rng.int(c.nouns.length)];
      const [matEn, matZh] = c.materials[rng.int(c.materials.length)];
      const withMaterial = rng.next() < 0.5;
      const query =
        person.language === 'zh'
          ? (withMaterial ? matZh : '') + nounZh
          : (withMaterial ? `${matEn} ${nounEn}` : nounEn).toLowerCase();
      emit(step(), () => ({
        type: 'track',
        event: 'Products Searched',
        ...who(device),
        properties: { query },
        context: webContext(device, { path: '/search', url: `${SHOP_URL}/search` }),
      }));
    }
    const categoryPage = { path: `/c/${c.id}`, url: `${SHOP_URL}/c/${c.id}`, title: c.name[0] };
    emit(step(), () => ({
      type: 'page',
      name: c.name[0],
      ...who(device),
      properties: { ...categoryPage, category: c.id },
      context: webContext(device, categoryPage, utm),
    }));

    const viewed: CatalogueEntry[] = [];
    let views = 1;
    while (views < 12 && rng.next() < 0.6) views++;
    for (let v = 0; v < views; v++) {
      const e = pickItem(rng.next() < 0.75 ? category : pickCategory(), t);
      viewed.push(e);
      const page = { path: `/p/${e.item.id}`, url: `${SHOP_URL}/p/${e.item.id}`, title: e.item.title };
      emit(step(), () => ({
        type: 'track',
        event: 'Product Viewed',
        ...who(device),
        properties: { ...productProps(e), currency: 'USD', url: page.url },
        context: webContext(device, page, utm),
      }));
    }

    // Discount seekers buy more when there is a sale and less when there is none.
    const delta = taste.discountSeeking;
    const promoFactor = promotion ? 1 + 1.6 * delta : 1 - 0.45 * delta;
    const intent = 0.2 * promoFactor * (0.6 + 0.7 * satisfaction) * (source === 'email' ? 1.3 : 1);
    if (start - cartTouched > 14 * DAY && cart.length > 0) {
      cart = []; // the cart expired
      cartId = '';
    }
    let added = false;
    if (rng.next() < intent) {
      const picks = rng.next() < 0.3 && viewed.length > 1 ? 2 : 1;
      for (let k = 0; k < picks; k++) {
        const e = viewed[viewed.length - 1 - k];
        const maxQ = CATEGORIES[e.categoryIndex].maxQuantity;
        const quantity = maxQ > 1 && rng.next() < 0.25 ? 1 + rng.int(maxQ) : 1;
        if (!cartId) cartId = demoUuid(seed, ID_KIND.cart, index, cartSeq++);
        const existing = cart.find((l) => l.entry === e);
        if (existing) existing.quantity += quantity;
        else cart.push({ entry: e, quantity });
        added = true;
        emit(step(), () => ({
          type: 'track',
          event: 'Product Added',
          ...who(device),
          properties: { cart_id: cartId, ...productProps(e), quantity, currency: 'USD' },
          context: webContext(device, { path: `/p/${e.item.id}`, url: `${SHOP_URL}/p/${e.item.id}` }, utm),
        }));
      }
      cartTouched = t;
    }
    if (cart.length === 0) return;
    const pCheckout = clamp((added ? 0.5 : 0.22) * (promotion ? 1 + 0.5 * delta : 1 - 0.3 * delta), 0, 0.95);
    const checkout = !browserOnly && rng.next() < pCheckout;
    if (checkout || rng.next() < 0.5) {
      emit(step(), () => ({
        type: 'track',
        event: 'Cart Viewed',
        ...who(device),
        properties: {
          cart_id: cartId,
          products: cart.map((l) => ({ ...productProps(l.entry), quantity: l.quantity })),
        },
        context: webContext(device, { path: '/cart', url: `${SHOP_URL}/cart` }),
      }));
    }
    cartTouched = t;
    if (!checkout) return; // abandoned cart; it stays for a later visit
    if (!signedUp) signUp(step(), device); // checkout requires an account
    if (rng.next() < 0.8) placeOrder(step(), device, promotion);
  };

  // Day-by-day simulation in the customer's local calendar.
  const firstDayStart = Math.floor((firstVisit + offset) / DAY) * DAY - offset;
  const weekday0 = new Date(firstDayStart + offset).getUTCDay();
  let campaignPtr = 0;
  const campaigns = calendar.campaigns;
  while (campaignPtr < campaigns.length && campaigns[campaignPtr].sendDay + 8 * HOUR < firstDayStart)
    campaignPtr++;
  const hazardBase = 0.0005;
  for (let d = 0; ; d++) {
    const dayStart = firstDayStart + d * DAY;
    if (dayStart >= horizonEnd || dayStart >= churnAt) break;

    for (let k = pending.length - 1; k >= 0; k--) {
      const p = pending[k];
      if (p.at < dayStart + DAY) {
        pending.splice(k, 1);
        p.run();
      }
    }

    if (d % 7 === 0 && !browserOnly) {
      engagement = clamp(engagement + 0.035 * rng.normal() - 0.004, 0.01, 0.97);
      satisfaction += 0.04 * (satisfactionBase - satisfaction); // bad memories fade slowly
      if (churnOnset === Number.POSITIVE_INFINITY && dayStart >= firstVisit) {
        const tenureDays = (dayStart - (Number.isNaN(createdAt) ? firstVisit : createdAt)) / DAY;
        const discountShare = orders >= 2 ? discountedOrders / orders : taste.discountSeeking;
        // Customers who mostly bought on discount drift away during long stretches without a sale.
        const saleDrought =
          calendar.daysSincePromotion(Math.floor((dayStart - calendar.firstDay) / DAY)) > 21;
        const logHazard =
          4 * (0.62 - satisfaction) +
          2.5 * Math.max(0, engagementStart - engagement) +
          1.3 * Math.exp(-tenureDays / 90) +
          (saleDrought ? 1.2 * discountShare : 0) +
          frailty;
        if (rng.next() < 1 - Math.exp(-hazardBase * Math.exp(logHazard) * 7)) {
          churnOnset = dayStart + rng.next() * 7 * DAY;
          decayDays = 20 + rng.int(50);
          churnAt = churnOnset + decayDays * DAY;
        }
      }
    }
    // Dormant spells: busy lives, not churn.
    if (dayStart >= dormantUntil && rng.next() < 1 / 90) dormantUntil = dayStart + exponential(rng, 50 * DAY);
    const dormant = dayStart < dormantUntil;

    const dayIndex = Math.floor((dayStart + 12 * HOUR - calendar.firstDay) / DAY);
    const promotion = calendar.promotionOnDay(dayIndex);
    const decay =
      dayStart > churnOnset ? Math.max(0, 1 - (dayStart - churnOnset) / (decayDays * DAY)) ** 1.5 : 1;
    const rate =
      activity *
      WEEKDAY[(weekday0 + d) % 7] *
      (promotion ? 1 + 2 * taste.discountSeeking : 1) *
      (dormant ? 0.05 : 1) *
      decay;
    const starts: { at: number; source: 'direct' | 'search' | 'email'; campaign?: EmailCampaign }[] = [];
    const n = poisson(rng, rate);
    for (let s = 0; s < n; s++) {
      const at = dayStart + localSecondOfDay(rng) * 1000;
      if (at >= firstVisit || d > 0)
        starts.push({ at: Math.max(at, firstVisit), source: rng.next() < 0.3 ? 'search' : 'direct' });
    }
    if (d === 0) starts.push({ at: firstVisit, source: rng.next() < 0.5 ? 'search' : 'direct' });

    // Email: only to signed-up customers who consented; opens follow engagement.
    while (campaignPtr < campaigns.length && campaigns[campaignPtr].sendDay + 8 * HOUR < dayStart + DAY) {
      const campaign = campaigns[campaignPtr++];
      const sentAt = campaign.sendDay + 8 * HOUR;
      if (!identified || !consent.email || browserOnly || sentAt < createdAt) continue;
      const pOpen =
        engagement * decay * (dormant ? 0.6 : 1) * (campaign.promotion ? 1 + 0.5 * taste.discountSeeking : 1);
      if (rng.next() >= pOpen) continue;
      const openAt = Math.min(sentAt + exponential(rng, 5 * HOUR), dayStart + DAY - HOUR);
      const emailProps = {
        email_id: `${campaign.id}:${userNumber}`,
        email_subject: person.language === 'zh' ? campaign.subjectZh : campaign.subject,
        campaign_id: campaign.id,
        campaign_name: campaign.name,
      };
      emit(openAt, () => ({
        type: 'track',
        event: 'Email Opened',
        userId,
        properties: emailProps,
        context: serverContext(),
      }));
      const pClick = campaign.promotion ? 0.2 + 0.4 * taste.discountSeeking : 0.15;
      if (rng.next() < pClick) {
        const clickAt = openAt + (20 + rng.int(200)) * 1000;
        emit(clickAt, () => ({
          type: 'track',
          event: 'Email Link Clicked',
          userId,
          properties: { ...emailProps, link_url: SHOP_URL + campaign.linkPath },
          context: serverContext(),
        }));
        starts.push({ at: clickAt + 5000, source: 'email', campaign });
      }
    }
    starts.sort((a, b) => a.at - b.at);
    for (const s of starts) session(s.at, s.source, s.campaign);
  }
  // Anything scheduled before the end of the simulated period.
  for (const p of pending) if (p.at < horizonEnd) p.run();

  out.sort((a, b) => a.at - b.at);
  const finiteChurn = churnAt < horizonEnd ? churnAt : null;
  return {
    messages: out.map((o) => o.message),
    truth:
      signedUp && createdAt < now
        ? {
            userId,
            tasteCluster: taste.cluster,
            churnAt: finiteChurn,
            purchasesNext90d,
            spendNext90dCents,
          }
        : undefined,
  };
}
