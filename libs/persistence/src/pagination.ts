import type { Model } from 'mongoose';

/** One page of a list: its items, how many match in all, and which page this is. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** Which page to read: `page` counts from 1; both default when absent. */
export interface PageRequest {
  page?: number;
  pageSize?: number;
}

export interface FindPageOptions extends PageRequest {
  /** The order; end it with `_id` so that pages never overlap. It should be served by an index with the filter. */
  sort: Record<string, 1 | -1>;
  projection?: Record<string, 0>;
  /** The page size when the request names none (20). */
  defaultPageSize?: number;
}

/**
 * Reads one page of the documents `filter` selects (find with skip and limit, as plain objects)
 * and counts all that match, both at once. `toItem` turns a stored document into what the list shows.
 */
export async function findPage<D, T = D>(
  // Any collection's model: the caller names the stored shape it reads (`D`).
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  model: Model<any>,
  filter: Record<string, unknown>,
  options: FindPageOptions,
  toItem: (doc: D) => T = (doc) => doc as unknown as T,
): Promise<Page<T>> {
  const page = options.page ?? 1;
  const pageSize = options.pageSize ?? options.defaultPageSize ?? 20;
  const [docs, total] = await Promise.all([
    model
      .find(filter, options.projection)
      .sort(options.sort)
      .skip((page - 1) * pageSize)
      .limit(pageSize)
      .lean()
      .exec(),
    model.countDocuments(filter).exec(),
  ]);
  return { items: (docs as unknown as D[]).map(toItem), total, page, pageSize };
}
