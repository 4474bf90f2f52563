import type { ItemInput, JsonObject } from '../../core/types.js';
import type { DemoItem } from './catalogue.js';

/**
 * A demo item in the shape the store's items table takes. The store has one title and description,
 * so the Chinese texts travel in attributes (`title_zh`, `description_zh`), where the text module and
 * the dashboard's Chinese locale read them.
 */
export function itemInputOf(item: DemoItem): ItemInput {
  return {
    id: item.id,
    title: item.title,
    description: item.description,
    category: item.category,
    price: item.price,
    tags: [...item.tags],
    active: item.active,
    attributes: {
      ...(item.attributes as JsonObject),
      title_zh: item.title_zh,
      description_zh: item.description_zh,
    },
  };
}
