import type { Csr } from '../../ml/matrix.js';
import type { Store } from '../../store/store.js';
import { TfidfVectorizer } from '../../text/tfidf.js';

export interface CatalogueItem {
  id: string;
  title: string;
  category: string | null;
  price: number | null;
  active: boolean;
}

/**
 * The item catalogue as the read path needs it (title for reasons; category, price and active for the
 * business filters), held in memory: one page-through of the items table per refresh, then lookups are
 * map reads. Content vectors (TF-IDF over title, description, category and tags, src/text) are built on
 * first use for new items the collaborative model has never seen.
 */
export class Catalogue {
  readonly items = new Map<string, CatalogueItem>();
  private texts: { ids: string[]; docs: string[] } = { ids: [], docs: [] };
  private content?: { ids: string[]; row: Map<string, number>; vectors: Csr };

  static async load(store: Store): Promise<Catalogue> {
    const c = new Catalogue();
    let cursor: string | null = null;
    do {
      const page = await store.items.list({ cursor, limit: 1000 });
      for (const it of page.items) {
        c.items.set(it.id, {
          id: it.id,
          title: it.title,
          category: it.category,
          price: it.price,
          active: it.active,
        });
        const tags = Array.isArray(it.tags) ? it.tags.join(' ') : '';
        c.texts.ids.push(it.id);
        c.texts.docs.push(`${it.title} ${it.description} ${it.category ?? ''} ${tags}`);
      }
      cursor = page.next;
    } while (cursor);
    return c;
  }

  title(id: string): string {
    return this.items.get(id)?.title || id;
  }

  /** Items most similar by content (cosine of L2-normalised TF-IDF rows), the item itself left out. */
  similarByContent(id: string, n: number): { itemId: string; score: number }[] {
    if (!this.content) {
      const docs = this.texts.docs.map((d) => (d.trim() === '' ? '-' : d));
      if (docs.length === 0) return [];
      const vectors = new TfidfVectorizer().fitTransform(docs);
      this.content = { ids: this.texts.ids, row: new Map(this.texts.ids.map((x, i) => [x, i])), vectors };
    }
    const { ids, row, vectors: V } = this.content;
    const a = row.get(id);
    if (a === undefined) return [];
    const q = new Map<number, number>();
    for (let p = V.indptr[a]; p < V.indptr[a + 1]; p++) q.set(V.indices[p], V.data[p]);
    const scored: { itemId: string; score: number }[] = [];
    for (let r = 0; r < V.rows; r++) {
      if (r === a) continue;
      let dot = 0;
      for (let p = V.indptr[r]; p < V.indptr[r + 1]; p++) dot += (q.get(V.indices[p]) ?? 0) * V.data[p];
      if (dot > 0) scored.push({ itemId: ids[r], score: dot });
    }
    scored.sort((x, y) => y.score - x.score || (x.itemId < y.itemId ? -1 : 1));
    return scored.slice(0, n);
  }
}
