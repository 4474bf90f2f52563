import { type RawBuilder, sql } from 'kysely';
import { invalidInput } from '../../core/errors.js';
import type { JsonObject } from '../../core/types.js';
import { parseJson } from '../schema.js';
import type { ActivityRow, FeatureQueries, OutcomeRow, ProfileRange } from '../store.js';
import type { RepoContext } from './context.js';

const DAY = 86_400_000;

/**
 * The feature aggregates as of a cut-off (src/features) and the outcome windows (src/predict labels).
 * Every query reads only events with `timestamp < asOf` (or inside [from, to) for outcomes), so features
 * computed for a past cut-off never see what came after it: training and scoring run the same SQL.
 * Queries take a profile-id range so callers page through millions of profiles in bounded memory, each
 * page an index range scan on events(profile_id, timestamp).
 */
export function featureQueries(ctx: RepoContext): FeatureQueries {
  const pg = ctx.driver === 'postgres';
  // Column and key names are constants of this file, never caller input, so sql.raw is safe here.
  const num = (col: string, key: string): RawBuilder<number | null> =>
    pg
      ? sql.raw(`(case when jsonb_typeof(${col}->'${key}') = 'number' then (${col}->>'${key}')::float8 end)`)
      : sql.raw(
          `(case when json_type(${col}, '$.${key}') in ('integer', 'real') then json_extract(${col}, '$.${key}') end)`,
        );
  const text = (col: string, key: string): RawBuilder<string | null> =>
    pg ? sql.raw(`(${col}->>'${key}')`) : sql.raw(`cast(json_extract(${col}, '$.${key}') as text)`);
  const dayOf = pg ? sql.raw(`floor(e."timestamp" / ${DAY})`) : sql.raw(`(e."timestamp" / ${DAY})`);
  const products = pg
    ? sql.raw(
        `cross join lateral jsonb_array_elements(case when jsonb_typeof(e.properties->'products') = 'array' then e.properties->'products' else '[]'::jsonb end) as p(value)`,
      )
    : sql.raw(
        `join json_each(case when json_type(e.properties, '$.products') = 'array' then json_extract(e.properties, '$.products') else '[]' end) as p`,
      );
  const isOrder = sql`e."type" = 'track' and e."name" = 'Order Completed'`;
  const n = (v: unknown): number => Number(v ?? 0);
  const nOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

  function checkRange(r: ProfileRange, what: string): void {
    if (!Number.isInteger(r.fromProfileId) || !Number.isInteger(r.toProfileId)) {
      throw invalidInput(`${what}: fromProfileId and toProfileId must be integers`);
    }
  }
  function checkTime(t: number, what: string): void {
    if (!Number.isFinite(t)) throw invalidInput(`${what} is not a time: ${t}`);
  }

  return {
    async profileSpan(asOf) {
      checkTime(asOf, 'asOf');
      const r = await sql<{ lo: number | null; hi: number | null }>`
        select min(profile_id) as lo, max(profile_id) as hi from events where "timestamp" < ${asOf}`.execute(
        ctx.db,
      );
      const row = r.rows[0];
      if (!row || row.lo === null || row.hi === null) return undefined;
      return { min: Number(row.lo), max: Number(row.hi) };
    },

    async activity(q) {
      checkTime(q.asOf, 'asOf');
      checkRange(q, 'activity');
      for (const w of q.windowsDays) {
        if (!(w > 0)) throw invalidInput(`windowsDays: ${w} is not a positive number of days`);
      }
      const { asOf } = q;
      // Event names are bound parameters; the window bounds are numbers computed here.
      const counts = q.eventNames.flatMap((name) =>
        q.windowsDays.map((w) => {
          const match =
            name === 'page' ? sql`e."type" = 'page'` : sql`e."type" = 'track' and e."name" = ${name}`;
          return sql`sum(case when ${match} and e."timestamp" >= ${asOf - w * DAY} then 1 else 0 end)`;
        }),
      );
      const revenue = q.windowsDays.map(
        (w) =>
          sql`sum(case when ${isOrder} and e."timestamp" >= ${asOf - w * DAY} then coalesce(${num('e.properties', 'revenue')}, 0) else 0 end)`,
      );
      const orderWindows = q.orderWindows ?? [];
      for (const w of orderWindows) {
        if (!(w.startDaysAgo > w.endDaysAgo && w.endDaysAgo >= 0)) {
          throw invalidInput(
            `orderWindows: start ${w.startDaysAgo} must be more days ago than end ${w.endDaysAgo}`,
          );
        }
      }
      const inWindow = (w: { startDaysAgo: number; endDaysAgo: number }) =>
        sql`${isOrder} and e."timestamp" >= ${asOf - w.startDaysAgo * DAY} and e."timestamp" < ${asOf - w.endDaysAgo * DAY}`;
      const extra = orderWindows.flatMap((w) => [
        sql`sum(case when ${inWindow(w)} then 1 else 0 end)`,
        sql`sum(case when ${inWindow(w)} then coalesce(${num('e.properties', 'revenue')}, 0) else 0 end)`,
      ]);
      const windowCols = [...counts, ...revenue, ...extra].map((c, i) => sql`${c} as ${sql.ref(`w${i}`)}`);
      const r = await sql<Record<string, unknown>>`
        select e.profile_id as profile_id, max(pr.user_id) as user_id,
          min(e."timestamp") as first_at, max(e."timestamp") as last_at,
          min(case when ${isOrder} then e."timestamp" end) as first_order_at,
          max(case when ${isOrder} then e."timestamp" end) as last_order_at,
          sum(case when ${isOrder} then 1 else 0 end) as orders,
          sum(case when ${isOrder} then coalesce(${num('e.properties', 'revenue')}, 0) else 0 end) as revenue,
          sum(case when ${isOrder} and coalesce(${num('e.properties', 'discount')}, 0) > 0 then 1 else 0 end) as discounted_orders,
          sum(case when ${isOrder} then coalesce(${num('e.properties', 'discount')}, 0) else 0 end) as discount,
          sum(case when e."type" = 'track' and e."name" = 'Order Refunded' then 1 else 0 end) as refunds,
          count(distinct ${dayOf}) as active_days
          ${windowCols.length > 0 ? sql`, ${sql.join(windowCols)}` : sql``}
        from events e left join profiles pr on pr.profile_id = e.profile_id
        where e.profile_id >= ${q.fromProfileId} and e.profile_id < ${q.toProfileId} and e."timestamp" < ${asOf}
        group by e.profile_id order by e.profile_id`.execute(ctx.db);
      const nc = counts.length;
      return r.rows.map((row): ActivityRow => {
        const windowCounts = new Array<number>(nc);
        for (let i = 0; i < nc; i++) windowCounts[i] = n(row[`w${i}`]);
        const windowRevenue = new Array<number>(revenue.length);
        for (let i = 0; i < revenue.length; i++) windowRevenue[i] = n(row[`w${nc + i}`]);
        const base = nc + revenue.length;
        const orderWindowCounts = orderWindows.map((_, i) => n(row[`w${base + 2 * i}`]));
        const orderWindowRevenue = orderWindows.map((_, i) => n(row[`w${base + 2 * i + 1}`]));
        return {
          profileId: n(row.profile_id),
          userId: (row.user_id as string | null) ?? null,
          firstAt: n(row.first_at),
          lastAt: n(row.last_at),
          firstOrderAt: nOrNull(row.first_order_at),
          lastOrderAt: nOrNull(row.last_order_at),
          orders: n(row.orders),
          revenue: n(row.revenue),
          discountedOrders: n(row.discounted_orders),
          discount: n(row.discount),
          refunds: n(row.refunds),
          activeDays: n(row.active_days),
          windowCounts,
          windowRevenue,
          orderWindowCounts,
          orderWindowRevenue,
        };
      });
    },

    async purchaseLines(q) {
      checkTime(q.asOf, 'asOf');
      checkRange(q, 'purchaseLines');
      const lines = sql`
        with lines as (
          select e.profile_id as profile_id,
            coalesce(${text('p.value', 'product_id')}, ${text('p.value', 'sku')}) as item_id,
            ${text('p.value', 'category')} as pcategory,
            coalesce(${num('p.value', 'price')}, 0) * coalesce(${num('p.value', 'quantity')}, 1) as amount
          from events e ${products}
          where e.profile_id >= ${q.fromProfileId} and e.profile_id < ${q.toProfileId}
            and e."timestamp" < ${q.asOf} and ${isOrder}
        ), cat as (
          select l.profile_id as profile_id, l.item_id as item_id, coalesce(i.category, l.pcategory) as category,
            l.amount as amount
          from lines l left join items i on i.id = l.item_id
        )`;
      const byCategory = await sql<Record<string, unknown>>`
        ${lines}
        select profile_id, category, sum(amount) as amount, count(*) as lines from cat
        where category is not null group by profile_id, category order by profile_id, category`.execute(
        ctx.db,
      );
      const distinct = await sql<Record<string, unknown>>`
        ${lines}
        select profile_id, count(distinct item_id) as items, count(distinct category) as categories from cat
        group by profile_id order by profile_id`.execute(ctx.db);
      return {
        byCategory: byCategory.rows.map((r) => ({
          profileId: n(r.profile_id),
          category: String(r.category),
          amount: n(r.amount),
          lines: n(r.lines),
        })),
        distinct: distinct.rows.map((r) => ({
          profileId: n(r.profile_id),
          items: n(r.items),
          categories: n(r.categories),
        })),
      };
    },

    async traits(r) {
      checkRange(r, 'traits');
      const rows = await ctx.db
        .selectFrom('profiles')
        .select(['profile_id', 'user_id', 'traits'])
        .where('profile_id', '>=', r.fromProfileId)
        .where('profile_id', '<', r.toProfileId)
        .orderBy('profile_id')
        .execute();
      return rows.map((row) => ({
        profileId: Number(row.profile_id),
        userId: row.user_id,
        traits: parseJson<JsonObject>(row.traits),
      }));
    },

    async topCategories(asOf, limit) {
      checkTime(asOf, 'asOf');
      if (!Number.isInteger(limit) || limit < 1) throw invalidInput(`limit must be a positive integer`);
      const r = await sql<{ category: string; lines: number }>`
        with lines as (
          select coalesce(${text('p.value', 'product_id')}, ${text('p.value', 'sku')}) as item_id,
            ${text('p.value', 'category')} as pcategory
          from events e ${products} where e."timestamp" < ${asOf} and ${isOrder}
        )
        select coalesce(i.category, l.pcategory) as category, count(*) as lines
        from lines l left join items i on i.id = l.item_id
        where coalesce(i.category, l.pcategory) is not null
        group by 1 order by 2 desc, 1 limit ${limit}`.execute(ctx.db);
      return r.rows.map((row) => String(row.category));
    },

    async outcomes(q) {
      checkTime(q.from, 'from');
      checkTime(q.to, 'to');
      if (q.from > q.to) throw invalidInput('outcomes: from is after to');
      const cat =
        q.category === undefined
          ? sql`0 as category_orders`
          : sql`sum(case when ${isOrder} and e.id in (
              select e2.id from events e2 ${sql.raw(
                pg
                  ? `cross join lateral jsonb_array_elements(case when jsonb_typeof(e2.properties->'products') = 'array' then e2.properties->'products' else '[]'::jsonb end) as p(value)`
                  : `join json_each(case when json_type(e2.properties, '$.products') = 'array' then json_extract(e2.properties, '$.products') else '[]' end) as p`,
              )}
              left join items i on i.id = coalesce(${text('p.value', 'product_id')}, ${text('p.value', 'sku')})
              where e2."timestamp" >= ${q.from} and e2."timestamp" < ${q.to}
                and e2."type" = 'track' and e2."name" = 'Order Completed'
                and coalesce(i.category, ${text('p.value', 'category')}) = ${q.category}
            ) then 1 else 0 end) as category_orders`;
      const r = await sql<Record<string, unknown>>`
        select e.profile_id as profile_id, count(*) as events,
          sum(case when ${isOrder} then 1 else 0 end) as orders,
          sum(case when ${isOrder} then coalesce(${num('e.properties', 'revenue')}, 0) else 0 end) as revenue,
          ${cat}
        from events e where e."timestamp" >= ${q.from} and e."timestamp" < ${q.to}
        group by e.profile_id order by e.profile_id`.execute(ctx.db);
      return r.rows.map(
        (row): OutcomeRow => ({
          profileId: n(row.profile_id),
          events: n(row.events),
          orders: n(row.orders),
          revenue: n(row.revenue),
          categoryOrders: n(row.category_orders),
        }),
      );
    },
  };
}
