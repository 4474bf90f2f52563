import type { Language } from './language.js';

/**
 * Stop words for keyword extraction and content similarity. Negators ("not", "no", 不, 没) are deliberately
 * NOT stop words: removing them turns "not good" into "good". Sentiment features keep every token.
 */
const EN = `a about above after again against all am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have having he
her here hers herself him himself his how i if in into is it its itself just me more most my myself of off on
once only or other our ours ourselves out over own same she should so some such than that the their theirs
them themselves then there these they this those through to too under until up very was we were what when
where which while who whom why will with would you your yours yourself yourselves also am s t ll re ve d m
get got one us let may might must shall im ive id youre its thats theres`;

const ZH = `的 了 是 在 和 与 及 或 而 也 就 都 又 还 再 着 过 把 被 让 给 从 对 向 于 以 之 其 此 这 那 这个 那个 这些 那些
这样 那样 这么 那么 我 你 您 他 她 它 我们 你们 他们 她们 它们 自己 大家 啊 吧 呢 吗 哦 嗯 呀 哈 哈哈 啦 嘛 么 呗 哇 咯
个 些 一 一个 一些 一下 一点 就是 还是 而且 并且 因为 所以 如果 虽然 但是 但 可是 不过 然后 而是 只是 等 等等 之后 之前
以后 以前 时候 的话 什么 怎么 为什么 哪 哪里 谁 多少 几 又是 也是 都是 会 能 可以 要 想 去 来 上 下 里 中 后 前 说 看
到 得 地 很 非常 比较 有点 有些 真的 真 太 挺 更 最 已经 才 刚 便 即 将 则 为 因 由 由于 对于 关于 跟 同 到了 有 是否`;

const build = (s: string): ReadonlySet<string> => new Set(s.split(/\s+/).filter(Boolean));

export const ENGLISH_STOP_WORDS: ReadonlySet<string> = build(EN);
export const CHINESE_STOP_WORDS: ReadonlySet<string> = build(ZH);

export function stopWords(lang: Language): ReadonlySet<string> {
  return lang === 'zh' ? CHINESE_STOP_WORDS : ENGLISH_STOP_WORDS;
}

/** True for tokens carrying no content: stop words, pure punctuation/symbols and bare numbers. */
export function isStopToken(token: string, lang: Language): boolean {
  if (stopWords(lang).has(token)) return true;
  return !/[\p{L}]/u.test(token);
}
