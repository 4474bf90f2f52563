import type { Rng } from '../../ml/random.js';
import { pickWeighted } from './taste-clusters.js';

/**
 * Where the demo shop's customers live. Offsets are standard time and fixed (no daylight saving):
 * they only place visits at plausible local hours. The mix is that of a cross-border shop with a
 * large Chinese and US audience.
 */
export interface Country {
  code: string;
  weight: number;
  timezone: string;
  utcOffsetMinutes: number;
  locale: string;
  /** Probability that a customer here uses the shop in Chinese. */
  chineseShare: number;
  /** Digits of a synthetic mobile number in E.164: fixed prefix, then `digits` random digits. */
  phonePrefix: readonly string[];
  phoneDigits: number;
  names: 'en' | 'zh' | 'de' | 'fr' | 'ja' | 'in' | 'pt';
  cities: readonly string[];
}

export const COUNTRIES: readonly Country[] = [
  {
    code: 'CN',
    weight: 0.28,
    timezone: 'Asia/Shanghai',
    utcOffsetMinutes: 480,
    locale: 'zh-CN',
    chineseShare: 1,
    phonePrefix: ['+86135', '+86138', '+86139', '+86186'],
    phoneDigits: 8,
    names: 'zh',
    cities: ['Shanghai', 'Beijing', 'Shenzhen', 'Hangzhou', 'Chengdu', 'Guangzhou'],
  },
  {
    code: 'US',
    weight: 0.23,
    timezone: 'America/New_York',
    utcOffsetMinutes: -300,
    locale: 'en-US',
    chineseShare: 0.03,
    // 555-0100..0199 is reserved for fiction in the North American Numbering Plan.
    phonePrefix: ['+1212555010', '+1617555010', '+1202555011', '+1312555012'],
    phoneDigits: 1,
    names: 'en',
    cities: ['New York', 'Boston', 'Washington', 'Chicago'],
  },
  {
    code: 'US',
    weight: 0.06,
    timezone: 'America/Los_Angeles',
    utcOffsetMinutes: -480,
    locale: 'en-US',
    chineseShare: 0.08,
    phonePrefix: ['+1415555013', '+1206555014', '+1213555015'],
    phoneDigits: 1,
    names: 'en',
    cities: ['San Francisco', 'Seattle', 'Los Angeles'],
  },
  {
    code: 'GB',
    weight: 0.09,
    timezone: 'Europe/London',
    utcOffsetMinutes: 0,
    locale: 'en-GB',
    chineseShare: 0.03,
    phonePrefix: ['+447400', '+447123'],
    phoneDigits: 6,
    names: 'en',
    cities: ['London', 'Manchester', 'Edinburgh', 'Bristol'],
  },
  {
    code: 'DE',
    weight: 0.08,
    timezone: 'Europe/Berlin',
    utcOffsetMinutes: 60,
    locale: 'de-DE',
    chineseShare: 0.01,
    phonePrefix: ['+49151', '+49160', '+49170'],
    phoneDigits: 8,
    names: 'de',
    cities: ['Berlin', 'Hamburg', 'Munich', 'Cologne'],
  },
  {
    code: 'FR',
    weight: 0.05,
    timezone: 'Europe/Paris',
    utcOffsetMinutes: 60,
    locale: 'fr-FR',
    chineseShare: 0.01,
    phonePrefix: ['+336', '+337'],
    phoneDigits: 8,
    names: 'fr',
    cities: ['Paris', 'Lyon', 'Marseille'],
  },
  {
    code: 'JP',
    weight: 0.04,
    timezone: 'Asia/Tokyo',
    utcOffsetMinutes: 540,
    locale: 'ja-JP',
    chineseShare: 0.02,
    phonePrefix: ['+8190', '+8180'],
    phoneDigits: 8,
    names: 'ja',
    cities: ['Tokyo', 'Osaka', 'Yokohama'],
  },
  {
    code: 'CA',
    weight: 0.04,
    timezone: 'America/Toronto',
    utcOffsetMinutes: -300,
    locale: 'en-CA',
    chineseShare: 0.1,
    phonePrefix: ['+1416555016', '+1604555017'],
    phoneDigits: 1,
    names: 'en',
    cities: ['Toronto', 'Vancouver', 'Montreal'],
  },
  {
    code: 'AU',
    weight: 0.04,
    timezone: 'Australia/Sydney',
    utcOffsetMinutes: 600,
    locale: 'en-AU',
    chineseShare: 0.08,
    phonePrefix: ['+61412', '+61423', '+61438'],
    phoneDigits: 6,
    names: 'en',
    cities: ['Sydney', 'Melbourne', 'Brisbane'],
  },
  {
    code: 'SG',
    weight: 0.03,
    timezone: 'Asia/Singapore',
    utcOffsetMinutes: 480,
    locale: 'en-SG',
    chineseShare: 0.45,
    phonePrefix: ['+658', '+659'],
    phoneDigits: 7,
    names: 'zh',
    cities: ['Singapore'],
  },
  {
    code: 'HK',
    weight: 0.03,
    timezone: 'Asia/Hong_Kong',
    utcOffsetMinutes: 480,
    locale: 'zh-HK',
    chineseShare: 0.9,
    phonePrefix: ['+8525', '+8529'],
    phoneDigits: 7,
    names: 'zh',
    cities: ['Hong Kong', 'Kowloon'],
  },
  {
    code: 'IN',
    weight: 0.03,
    timezone: 'Asia/Kolkata',
    utcOffsetMinutes: 330,
    locale: 'en-IN',
    chineseShare: 0,
    phonePrefix: ['+9198', '+9199'],
    phoneDigits: 8,
    names: 'in',
    cities: ['Bengaluru', 'Mumbai', 'Delhi'],
  },
];

const FIRST_NAMES: Record<Country['names'], { female: readonly string[]; male: readonly string[] }> = {
  en: {
    female: ['Emma', 'Olivia', 'Ava', 'Sophia', 'Mia', 'Grace', 'Chloe', 'Lily', 'Hannah', 'Zoe'],
    male: ['James', 'Oliver', 'Liam', 'Noah', 'Jack', 'Ethan', 'Lucas', 'Henry', 'Daniel', 'Samuel'],
  },
  zh: {
    female: ['秀英', '丽', '静', '敏', '婷', '雪', '欣怡', '雨涵', '佳琪', '晓燕'],
    male: ['伟', '强', '磊', '军', '洋', '勇', '杰', '浩然', '子轩', '宇航'],
  },
  de: {
    female: ['Anna', 'Lena', 'Marie', 'Sophie', 'Lea', 'Julia'],
    male: ['Lukas', 'Leon', 'Felix', 'Jonas', 'Paul', 'Maximilian'],
  },
  fr: {
    female: ['Camille', 'Léa', 'Manon', 'Chloé', 'Inès', 'Julie'],
    male: ['Louis', 'Gabriel', 'Hugo', 'Arthur', 'Jules', 'Nathan'],
  },
  ja: {
    female: ['Yui', 'Sakura', 'Hina', 'Aoi', 'Mei'],
    male: ['Haruto', 'Sota', 'Yuto', 'Ren', 'Riku'],
  },
  in: {
    female: ['Aanya', 'Diya', 'Priya', 'Ananya', 'Isha'],
    male: ['Arjun', 'Vihaan', 'Rohan', 'Aditya', 'Kabir'],
  },
  pt: {
    female: ['Ana', 'Beatriz', 'Julia', 'Mariana'],
    male: ['Pedro', 'Lucas', 'Gabriel', 'Mateus'],
  },
};

const LAST_NAMES: Record<Country['names'], readonly string[]> = {
  en: ['Smith', 'Johnson', 'Brown', 'Taylor', 'Wilson', 'Davies', 'Clarke', 'Walker', 'Wright', 'Green'],
  zh: ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴'],
  de: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer'],
  fr: ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Petit'],
  ja: ['Sato', 'Suzuki', 'Takahashi', 'Tanaka', 'Watanabe'],
  in: ['Sharma', 'Patel', 'Iyer', 'Reddy', 'Gupta'],
  pt: ['Silva', 'Santos', 'Oliveira', 'Souza'],
};

export interface Person {
  country: Country;
  language: 'en' | 'zh';
  gender: 'female' | 'male' | 'other';
  age: number;
  firstName: string;
  lastName: string;
  email: string;
  /** Absent for customers who never gave one. */
  phone: string | undefined;
  city: string;
}

function digits(rng: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String(rng.int(10));
  return s;
}

/**
 * A synthetic person. Emails are `user{n}@example.com` (RFC 2606 reserved domain); a few are typed
 * with capitals or stray spaces, as real sign-up forms deliver them, so ingestion's cleaning is
 * exercised. Phone numbers are mobile numbers in E.164 (fictional ranges where a country has them).
 */
export function drawPerson(rng: Rng, userNumber: number, femaleBias: number): Person {
  const country =
    COUNTRIES[
      pickWeighted(
        rng,
        COUNTRIES.map((c) => c.weight),
      )
    ];
  const language = rng.next() < country.chineseShare ? 'zh' : 'en';
  const g = rng.next();
  const gender = g < 0.02 ? 'other' : g < 0.02 + 0.98 * femaleBias ? 'female' : 'male';
  // Adult shoppers, skewed to 25-45 (log-normal around 35).
  const age = Math.min(80, Math.max(18, Math.round(35 * Math.exp(0.3 * rng.normal()))));
  const nameSet = language === 'zh' ? 'zh' : country.names === 'zh' ? 'en' : country.names;
  const firstNames =
    FIRST_NAMES[nameSet][gender === 'other' ? (rng.next() < 0.5 ? 'female' : 'male') : gender];
  const firstName = firstNames[rng.int(firstNames.length)];
  const lastNames = LAST_NAMES[nameSet];
  const lastName = lastNames[rng.int(lastNames.length)];
  let email = `user${userNumber}@example.com`;
  const typo = rng.next();
  if (typo < 0.02) email = `User${userNumber}@Example.com`;
  else if (typo < 0.03) email = ` user${userNumber}@example.com `;
  const prefix = country.phonePrefix[rng.int(country.phonePrefix.length)];
  const phone = rng.next() < 0.65 ? prefix + digits(rng, country.phoneDigits) : undefined;
  const city = country.cities[rng.int(country.cities.length)];
  return { country, language, gender, age, firstName, lastName, email, phone, city };
}
