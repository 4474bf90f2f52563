import type { Rng } from '../../ml/random.js';

/**
 * Review texts. A review mentions one to three aspects (price, quality, delivery, packaging, size)
 * with the polarity the simulation decided (an aspect that went wrong is mentioned negatively), so
 * aspect-based sentiment has a true answer. Written in the reviewer's language.
 */
export type Aspect = 'price' | 'quality' | 'delivery' | 'packaging' | 'size';
type Lang = 'en' | 'zh';

const PHRASES: Record<Lang, Record<Aspect, { pos: readonly string[]; neg: readonly string[] }>> = {
  en: {
    price: {
      pos: ['Great value for the price.', 'Worth every penny.', 'Cheaper than anywhere else I looked.'],
      neg: [
        'Way too expensive for what it is.',
        'Overpriced, not worth the money.',
        'The price is hard to justify.',
      ],
    },
    quality: {
      pos: [
        'Excellent quality, very well made.',
        'Feels solid and premium.',
        'The quality exceeded my expectations.',
      ],
      neg: [
        'Poor quality, it broke after a week.',
        'Feels cheap and flimsy.',
        'The quality is disappointing.',
      ],
    },
    delivery: {
      pos: ['Arrived quickly.', 'Fast delivery, earlier than promised.', 'Shipping was quick and easy.'],
      neg: [
        'Delivery took far too long.',
        'The parcel arrived a week late.',
        'Shipping was slow and tracking never updated.',
      ],
    },
    packaging: {
      pos: ['Beautifully packaged, perfect as a gift.', 'Packaging was neat and secure.'],
      neg: ['The box arrived crushed.', 'Packaging was damaged and the item was scratched.'],
    },
    size: {
      pos: ['Fits perfectly, true to size.', 'The size chart was accurate.'],
      neg: [
        'Runs small, I had to return it.',
        'The size is completely off.',
        'Too big even in my usual size.',
      ],
    },
  },
  zh: {
    price: {
      pos: ['性价比很高。', '价格实惠，物有所值。', '比别家便宜。'],
      neg: ['太贵了，不值这个价。', '价格偏高，性价比低。', '这个价格有点离谱。'],
    },
    quality: {
      pos: ['质量很好，做工精细。', '质感很棒，很结实。', '质量超出预期。'],
      neg: ['质量太差了，用了一周就坏了。', '做工粗糙，感觉很廉价。', '质量令人失望。'],
    },
    delivery: {
      pos: ['物流很快。', '发货速度快，比预计早到。', '快递很给力。'],
      neg: ['物流太慢了。', '快递晚了一个星期才到。', '发货很慢，物流信息一直不更新。'],
    },
    packaging: {
      pos: ['包装精美，适合送人。', '包装很严实。'],
      neg: ['盒子被压坏了。', '包装破损，东西有划痕。'],
    },
    size: {
      pos: ['尺码很准，穿着合身。', '按尺码表买的，很合适。'],
      neg: ['尺码偏小，只能退货。', '尺码完全不对。', '平时的尺码买了还是太大。'],
    },
  },
};

const OPENERS: Record<Lang, { pos: readonly string[]; neg: readonly string[]; mid: readonly string[] }> = {
  en: {
    pos: ['Love it!', 'Very happy with this purchase.', 'Would buy again.'],
    neg: ['Not happy.', 'Would not recommend.', 'Disappointed.'],
    mid: ['It is okay.', 'Mixed feelings.', 'Does the job.'],
  },
  zh: {
    pos: ['非常喜欢！', '很满意的一次购物。', '会回购。'],
    neg: ['很不满意。', '不推荐购买。', '失望。'],
    mid: ['还行吧。', '一般般。', '凑合能用。'],
  },
};

export interface AspectMention {
  aspect: Aspect;
  positive: boolean;
}

export function writeReview(rng: Rng, language: Lang, rating: number, mentions: AspectMention[]): string {
  const opener = OPENERS[language];
  const pool = rating >= 4 ? opener.pos : rating <= 2 ? opener.neg : opener.mid;
  const parts = [pool[rng.int(pool.length)]];
  for (const m of mentions) {
    const phrases = PHRASES[language][m.aspect][m.positive ? 'pos' : 'neg'];
    parts.push(phrases[rng.int(phrases.length)]);
  }
  return parts.join(language === 'en' ? ' ' : '');
}
