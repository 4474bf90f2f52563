import { splitClauses } from './clauses.js';
import type { Language } from './language.js';
import { englishReviewWordScore } from './sentiment/en-review-lexicon.js';
import { type Polarity, polarityOf } from './sentiment/lexicon.js';
import { englishLexiconScore } from './sentiment/lexicon-en.js';
import { chineseClauseScore } from './sentiment/lexicon-zh.js';
import { type LanguageOption, routeLanguage } from './tokenize.js';
import { tokenizeEnglish } from './tokenize-en.js';

/**
 * Aspect-based sentiment by keywords: each clause that names an aspect ("送餐", "delivery") gets the
 * negation-aware lexicon polarity of that clause. Categories and keywords are configurable per shop; the
 * defaults cover retail and food delivery.
 */
export interface AspectCategory {
  name: string;
  /** English keywords: single words or short phrases, matched on word boundaries (plural -s/-es too). */
  en: readonly string[];
  /** Chinese keywords, matched as substrings of the clause. */
  zh: readonly string[];
}

export const DEFAULT_ASPECTS: readonly AspectCategory[] = [
  {
    name: 'price',
    en: ['price', 'cost', 'value', 'money', 'expensive', 'cheap', 'overpriced', 'deal', 'bargain', 'worth'],
    zh: ['价格', '价钱', '性价比', '便宜', '贵', '实惠', '划算', '价位', '优惠', '物美价廉', '值这个价'],
  },
  {
    name: 'quality',
    en: [
      'quality',
      'material',
      'build',
      'durable',
      'sturdy',
      'flimsy',
      'broke',
      'broken',
      'defective',
      'made',
    ],
    zh: ['质量', '品质', '做工', '材质', '用料', '质感', '正品', '假货', '耐用', '瑕疵'],
  },
  {
    name: 'delivery',
    en: ['delivery', 'shipping', 'shipped', 'arrived', 'courier', 'package arrived', 'delivered', 'late'],
    zh: ['物流', '快递', '送货', '发货', '送餐', '配送', '到货', '速度', '送达', '邮寄', '外卖'],
  },
  {
    name: 'service',
    en: [
      'service',
      'staff',
      'support',
      'seller',
      'waiter',
      'waitress',
      'customer service',
      'manager',
      'rude',
    ],
    zh: ['服务', '客服', '态度', '卖家', '店家', '商家', '服务员', '前台', '售后', '掌柜'],
  },
  {
    name: 'packaging',
    en: ['packaging', 'package', 'box', 'packed', 'wrapping', 'wrapped'],
    zh: ['包装', '盒子', '箱子', '外包装', '包裹', '封口'],
  },
  {
    name: 'taste',
    en: ['taste', 'tasty', 'flavor', 'flavour', 'delicious', 'food', 'bland', 'fresh', 'stale'],
    zh: ['味道', '口感', '口味', '好吃', '难吃', '新鲜', '好喝', '难喝', '香', '甜', '咸'],
  },
  {
    name: 'size_fit',
    en: ['size', 'fit', 'fits', 'small', 'large', 'tight', 'loose', 'sizing'],
    zh: ['尺码', '尺寸', '大小', '合身', '偏大', '偏小', '码数', '长短', '肥瘦'],
  },
];

export interface AspectMention {
  aspect: string;
  polarity: Polarity;
  /** Clause sentiment in [−1, 1]. */
  score: number;
  /** The clause the opinion was read from ("送餐太慢了"). */
  clause: string;
  /** The keyword that named the aspect. */
  keyword: string;
  lang: Language;
}

export interface AspectOptions {
  lang?: LanguageOption;
  categories?: readonly AspectCategory[];
}

function englishMatch(tokens: readonly string[], keyword: string): boolean {
  const kw = keyword.toLowerCase().split(/\s+/);
  const norm = (t: string) => t.replace(/(?:es|s)$/, '');
  for (let i = 0; i + kw.length <= tokens.length; i++) {
    let ok = true;
    for (let j = 0; j < kw.length && ok; j++) {
      ok = tokens[i + j] === kw[j] || norm(tokens[i + j]) === norm(kw[j]);
    }
    if (ok) return true;
  }
  return false;
}

/** Clause sentiment in [−1, 1] with the lexicon of the clause's language. */
export function clauseSentiment(clause: string, lang: Language): number {
  if (lang === 'zh') return Math.tanh(chineseClauseScore(clause).score / 2);
  const s = englishLexiconScore(clause);
  return s !== 0 ? s : englishReviewWordScore(clause);
}

/** Aspect mentions of one review, one per (clause, aspect), in text order. */
export function extractAspects(text: string, options: AspectOptions = {}): AspectMention[] {
  const categories = options.categories ?? DEFAULT_ASPECTS;
  const out: AspectMention[] = [];
  for (const { text: clause } of splitClauses(text)) {
    const lang = routeLanguage(clause, options.lang ?? 'auto');
    const tokens = lang === 'en' ? tokenizeEnglish(clause) : [];
    let score: number | undefined;
    for (const cat of categories) {
      const keyword =
        lang === 'zh' ? cat.zh.find((k) => clause.includes(k)) : cat.en.find((k) => englishMatch(tokens, k));
      if (keyword === undefined) continue;
      score ??= clauseSentiment(clause, lang);
      out.push({ aspect: cat.name, polarity: polarityOf(score), score, clause, keyword, lang });
    }
  }
  return out;
}

/** "delivery: negative — 送餐太慢了" */
export function formatAspect(m: AspectMention): string {
  return `${m.aspect}: ${m.polarity} — ${m.clause}`;
}
