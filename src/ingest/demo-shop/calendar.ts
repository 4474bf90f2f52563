import type { Rng } from '../../ml/random.js';

/**
 * The shop's marketing calendar, shared by all customers: store-wide promotions (with a coupon code
 * and a percentage off) and email campaigns (a weekly newsletter plus one announcement per promotion).
 * Times are UTC milliseconds; days are UTC days.
 */
export interface Promotion {
  code: string;
  name: string;
  percentOff: number;
  start: number;
  end: number;
}

export interface EmailCampaign {
  id: string;
  name: string;
  subject: string;
  subjectZh: string;
  /** UTC day (ms at 00:00) on which it is sent; customers open it in their own morning or evening. */
  sendDay: number;
  promotion: Promotion | undefined;
  linkPath: string;
}

export interface MarketingCalendar {
  promotions: Promotion[];
  campaigns: EmailCampaign[];
  /** Promotion active per UTC day index from `firstDay`, or undefined. */
  promotionOnDay(dayIndex: number): Promotion | undefined;
  /** Days since the last day with a promotion (0 during one; large before the first). */
  daysSincePromotion(dayIndex: number): number;
  firstDay: number;
}

export const DAY = 86_400_000;

function utcDay(year: number, month: number, day: number): number {
  return Date.UTC(year, month, day);
}

/** Fourth Thursday of November + 1 day. */
function blackFriday(year: number): number {
  const nov1 = new Date(Date.UTC(year, 10, 1)).getUTCDay();
  const firstThursday = 1 + ((4 - nov1 + 7) % 7);
  return utcDay(year, 10, firstThursday + 22);
}

export function buildCalendar(rng: Rng, firstDay: number, lastDay: number): MarketingCalendar {
  const promotions: Promotion[] = [];
  const y0 = new Date(firstDay).getUTCFullYear();
  const y1 = new Date(lastDay).getUTCFullYear();
  for (let y = y0; y <= y1; y++) {
    promotions.push(
      {
        code: 'NEWYEAR10',
        name: 'New Year Sale',
        percentOff: 10,
        start: utcDay(y, 0, 1),
        end: utcDay(y, 0, 8),
      },
      {
        code: 'SUMMER15',
        name: 'Summer Sale',
        percentOff: 15,
        start: utcDay(y, 6, 1),
        end: utcDay(y, 6, 15),
      },
      {
        code: 'SINGLES11',
        name: "Singles' Day",
        percentOff: 20,
        start: utcDay(y, 10, 10),
        end: utcDay(y, 10, 13),
      },
      {
        code: 'BLACKFRIDAY25',
        name: 'Black Friday',
        percentOff: 25,
        start: blackFriday(y),
        end: blackFriday(y) + 4 * DAY,
      },
    );
  }
  // Roughly monthly two- or three-day flash sales at random dates, avoiding the big events.
  for (let t = firstDay + rng.int(20) * DAY; t < lastDay; t += (24 + rng.int(16)) * DAY) {
    const end = t + (2 + rng.int(2)) * DAY;
    if (promotions.some((p) => p.start < end + 5 * DAY && t < p.end + 5 * DAY)) continue;
    const percentOff = [10, 15, 20, 30][rng.int(4)];
    promotions.push({ code: `FLASH${percentOff}`, name: 'Flash Sale', percentOff, start: t, end });
  }
  promotions.sort((a, b) => a.start - b.start);

  const days = Math.ceil((lastDay - firstDay) / DAY) + 1;
  const byDay: (Promotion | undefined)[] = new Array(days).fill(undefined);
  for (const p of promotions) {
    for (let t = Math.max(p.start, firstDay); t < p.end && t <= lastDay; t += DAY) {
      byDay[Math.floor((t - firstDay) / DAY)] = p;
    }
  }

  const sincePromotion = new Int32Array(days);
  for (let d = 0, last = -1000; d < days; d++) {
    if (byDay[d]) last = d;
    sincePromotion[d] = d - last;
  }

  const campaigns: EmailCampaign[] = [];
  let n = 0;
  // Weekly newsletter every Tuesday.
  const firstTuesday = firstDay + ((2 - new Date(firstDay).getUTCDay() + 7) % 7) * DAY;
  for (let t = firstTuesday; t <= lastDay; t += 7 * DAY) {
    n++;
    campaigns.push({
      id: `cmp_${n}`,
      name: `Weekly newsletter ${new Date(t).toISOString().slice(0, 10)}`,
      subject: 'New this week at the shop',
      subjectZh: '本周新品上架',
      sendDay: t,
      promotion: undefined,
      linkPath: '/new',
    });
  }
  for (const p of promotions) {
    if (p.start < firstDay || p.start > lastDay) continue;
    n++;
    campaigns.push({
      id: `cmp_${n}`,
      name: `${p.name} ${new Date(p.start).toISOString().slice(0, 10)}`,
      subject: `${p.name}: ${p.percentOff}% off with code ${p.code}`,
      subjectZh: `限时优惠：使用优惠码 ${p.code} 立减 ${p.percentOff}%`,
      sendDay: p.start,
      promotion: p,
      linkPath: '/sale',
    });
  }
  campaigns.sort((a, b) => a.sendDay - b.sendDay);
  return {
    promotions,
    campaigns,
    firstDay,
    promotionOnDay: (dayIndex) => (dayIndex >= 0 && dayIndex < days ? byDay[dayIndex] : undefined),
    daysSincePromotion: (dayIndex) => sincePromotion[Math.min(days - 1, Math.max(0, dayIndex))],
  };
}
