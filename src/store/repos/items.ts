import { invalidInput } from '../../core/errors.js';
import type { Item, JsonObject } from '../../core/types.js';
import { decodeCursor, encodeCursor, pageLimit } from '../cursor.js';
import { parseJson } from '../schema.js';
import type { ItemsRepo } from '../store.js';
import type { RepoContext } from './context.js';

interface ItemRow {
  id: string;
  title: string;
  description: string;
  category: string | null;
  price: number | null;
  tags: unknown;
  attributes: unknown;
  active: number;
  created_at: number;
  updated_at: number;
}

function toItem(r: ItemRow): Item {
  return {
    id: r.id,
    title: r.title,
    description: r.description,
    category: r.category,
    price: r.price === null ? null : Number(r.price),
    tags: parseJson<string[]>(r.tags),
    attributes: parseJson<JsonObject>(r.attributes),
    active: Number(r.active) === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const ROWS_PER_STATEMENT = 500;

export function itemsRepo(ctx: RepoContext): ItemsRepo {
  const db = ctx.db;
  return {
    async upsertMany(items, at) {
      items.forEach((it, i) => {
        if (typeof it.id !== 'string' || it.id === '') {
          throw invalidInput(`items[${i}].id: must be a non-empty string`, [
            { path: `items[${i}].id`, message: 'must be a non-empty string' },
          ]);
        }
        if (it.price !== null && it.price !== undefined && !Number.isFinite(it.price)) {
          throw invalidInput(`items[${i}].price: not a number`, [
            { path: `items[${i}].price`, message: 'not a number' },
          ]);
        }
      });
      for (let start = 0; start < items.length; start += ROWS_PER_STATEMENT) {
        const rows = items.slice(start, start + ROWS_PER_STATEMENT).map((it) => ({
          id: it.id,
          title: it.title ?? '',
          description: it.description ?? '',
          category: it.category ?? null,
          price: it.price ?? null,
          tags: JSON.stringify(it.tags ?? []),
          attributes: JSON.stringify(it.attributes ?? {}),
          active: it.active === false ? 0 : 1,
          created_at: at,
          updated_at: at,
        }));
        // The last write wins for every field except created_at, which keeps the first sighting.
        await db
          .insertInto('items')
          .values(rows)
          .onConflict((oc) =>
            oc.column('id').doUpdateSet((eb) => ({
              title: eb.ref('excluded.title'),
              description: eb.ref('excluded.description'),
              category: eb.ref('excluded.category'),
              price: eb.ref('excluded.price'),
              tags: eb.ref('excluded.tags'),
              attributes: eb.ref('excluded.attributes'),
              active: eb.ref('excluded.active'),
              updated_at: eb.ref('excluded.updated_at'),
            })),
          )
          .execute();
      }
    },

    async get(id) {
      const row = await db.selectFrom('items').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toItem(row) : undefined;
    },

    async list(o = {}) {
      const limit = pageLimit(o.limit);
      let q = db.selectFrom('items').selectAll();
      if (o.category !== undefined) q = q.where('category', '=', o.category);
      if (o.active !== undefined) q = q.where('active', '=', o.active ? 1 : 0);
      if (o.cursor) {
        const [after] = decodeCursor(o.cursor, ['string']);
        q = q.where('id', '>', after as string);
      }
      const rows = await q
        .orderBy('id')
        .limit(limit + 1)
        .execute();
      const more = rows.length > limit;
      const page = more ? rows.slice(0, limit) : rows;
      return { items: page.map(toItem), next: more ? encodeCursor([page[page.length - 1].id]) : null };
    },

    async count() {
      const row = await db
        .selectFrom('items')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}
