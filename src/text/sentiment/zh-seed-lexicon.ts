/**
 * Osprey's Chinese seed sentiment lexicon, written by the Osprey authors for e-commerce and service reviews
 * (no usable Chinese lexicon is published on npm). Valences are on a -2..+2 scale; "strong" words are ±2.
 * Entries are matched by longest match over characters, so phrases that contain a negator and mean one thing
 * ("不错" good, "不值" not worth it) are listed whole and win over negator + word.
 *
 * Released under the project's licence (Apache-2.0) like the rest of the code.
 */
const POSITIVE_2 = `完美 超赞 很棒 极好 太好了 非常好 非常满意 超级好 特别好 物超所值 物美价廉 五星 好评 强烈推荐 爱不释手 惊喜 赞不绝口
超值 一流 无可挑剔 相当好 挺好的 特别满意 十分满意 很满意 很喜欢 非常喜欢 超喜欢 好极了 棒极了 完胜 给力 点赞`;

const POSITIVE_1 = `好 不错 满意 喜欢 推荐 值得 值 划算 实惠 便宜 优惠 快 迅速 及时 准时 神速 漂亮 好看 美观 精美 精致 大方 时尚 舒服 舒适
好用 实用 方便 便捷 好吃 美味 香 鲜 新鲜 甜 可口 入味 正品 正宗 清晰 流畅 顺畅 灵敏 稳定 耐用 结实 牢固 干净 整洁 卫生 热情 周到
耐心 细心 贴心 友好 礼貌 专业 负责 靠谱 优秀 出色 棒 赞 好评如潮 优质 高档 上档次 大气 柔软 透气 合身 合适 舒心 开心 高兴 愉快
放心 安心 省心 满分 感谢 谢谢 支持 信赖 信任 喜爱 享受 轻薄 轻便 小巧 安静 静音 宽敞 明亮 温馨 齐全 丰富 快捷 高效 惊艳 值得购买
回购 还会再来 会再来 会回购 挺好 蛮好 很好 真好 好好 性价比高 质量好 服务好 态度好 速度快 发货快 物流快 送货快 包装好 效果好
味道好 口感好 手感好 做工好 做工精细 做工精致 没有色差 无色差 无异味 不卡 不错哦 不贵 好喝 清爽 顺滑 柔顺 滋润 效果明显 很快
推荐购买 超快 精彩 有趣 有用 受益 受益匪浅 经典 感人 生动 通俗易懂 深刻 引人入胜 不失望 没失望 值得一看 值得一读 舒适度 赞一个`;

const NEGATIVE_2 = `垃圾 很差 太差 极差 非常差 特别差 超级差 差劲 糟糕 糟透 烂 太烂 骗人 骗子 欺骗 假货 冒牌 山寨 劣质 坑爹 坑人 恶心 后悔 上当
上当受骗 失望 非常失望 太失望 很失望 差评 投诉 退货 退款 再也不 不会再 不会再买 再也不买 千万别买 千万不要 别买 无语 气人 气愤 愤怒
恶劣 黑心 霉 发霉 变质 过期 腐烂 烂了 坏了 破了 破损 质量差 质量太差 服务差 态度差 态度恶劣 太慢 超慢 死机 黑屏 蓝屏 不能用 没法用
用不了 无法使用 打不开 开不了机 一星 零分 浪费 浪费钱 浪费时间 忽悠 敷衍 欺诈 虚假 假的 不值 不值得 太贵 不推荐`;

const NEGATIVE_1 = `差 不好 不行 一般般 慢 贵 旧 脏 臭 吵 噪音 异味 刺鼻 难闻 难吃 难用 难看 难受 不满 不满意 郁闷 遗憾 可惜 麻烦 问题 故障 毛病
瑕疵 缺陷 划痕 掉色 褪色 起球 缩水 变形 开线 线头 漏 漏水 卡顿 发热 发烫 耗电 慢吞吞 拖延 延迟 迟迟 久等 粗糙 廉价 单薄 偏小
偏大 不合身 不合适 色差 有色差 小气 冷漠 冷淡 不耐烦 不理 没人理 爱理不理 不专业 不负责 不靠谱 失误 错发 发错 少发 漏发 缺货 没货
凑合 勉强 将就 不怎么样 不咋地 不咋样 不太好 有待提高 有待改进 潮湿 霉味 简陋 破旧 老旧 陈旧 拥挤 狭小 嘈杂 偏僻 不方便
不便 不值钱 换货 客服不理 不清晰 模糊 不稳定 不准 掉线 断网 闪退 反应慢 不灵 失灵 松动 不新鲜   腻 油腻 
夹生 太甜 太咸 太淡 难喝 费劲 头疼 担心 怀疑 后悔了 不爽 失眠 无聊 乏味 枯燥 没意思 看不懂 晦涩 空洞 啰嗦 肤浅 一般 不舒服 吃亏`;

/** Words that flip the polarity of the opinion word they precede (within the same clause). */
export const NEGATORS: ReadonlyMap<string, number> = new Map([
  ['不', -1],
  ['没', -1],
  ['没有', -1],
  ['别', -1],
  ['无', -1],
  ['未', -1],
  ['非', -1],
  ['毫不', -1],
  ['并不', -1],
  ['并没有', -1],
  ['从不', -1],
  ['从没', -1],
  ['绝不', -1],
  ['不是', -1],
  ['不会', -1],
  ['不能', -1],
  ['不够', -0.6],
  // Softened negation: "不太差" is "not that bad" — weakly positive at most, never strongly negative.
  ['不太', -0.4],
  ['不怎么', -0.4],
  ['不是很', -0.4],
  ['不是太', -0.4],
  ['没那么', -0.4],
  ['没有那么', -0.4],
  ['不算', -0.4],
  ['不算太', -0.4],
]);

/** Degree adverbs: multiply the valence of the opinion word they precede. */
export const DEGREE_WORDS: ReadonlyMap<string, number> = new Map([
  ['极', 2],
  ['极其', 2],
  ['极度', 2],
  ['超', 1.8],
  ['超级', 2],
  ['非常', 1.8],
  ['特别', 1.8],
  ['十分', 1.7],
  ['相当', 1.6],
  ['太', 1.6],
  ['最', 1.8],
  ['很', 1.4],
  ['挺', 1.3],
  ['真', 1.4],
  ['真的', 1.4],
  ['好', 1.3],
  ['蛮', 1.2],
  ['更', 1.3],
  ['越来越', 1.3],
  ['比较', 1.1],
  ['还', 0.8],
  ['还算', 0.7],
  ['还是', 0.9],
  ['较', 1.0],
  ['有点', 0.6],
  ['有点儿', 0.6],
  ['有些', 0.6],
  ['稍', 0.5],
  ['稍微', 0.5],
  ['略', 0.5],
  ['略微', 0.5],
  ['一点', 0.6],
]);

/** Contrast words: the clause after them outweighs the clause before ("价格贵，但是质量好"). */
export const CONTRAST_WORDS: readonly string[] = ['但是', '但', '可是', '不过', '然而', '就是', '只是'];

function add(into: Map<string, number>, words: string, v: number): void {
  for (const w of words.split(/\s+/)) if (w) into.set(w, v);
}

/** word → valence (−2..+2). */
export const CHINESE_SEED_LEXICON: ReadonlyMap<string, number> = (() => {
  const m = new Map<string, number>();
  add(m, NEGATIVE_1, -1);
  add(m, POSITIVE_1, 1);
  add(m, NEGATIVE_2, -2);
  add(m, POSITIVE_2, 2);
  return m;
})();
