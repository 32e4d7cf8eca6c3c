/**
 * Lists of the config model that most blocks leave empty (a vrrp_instance's tracked objects, peers,
 * routes…). They all start as one shared, frozen empty list, and a block gets a list of its own
 * when something is first added: a config test keeps every block of a large config, and a dozen
 * empty arrays per instance were a fifth of what each one held.
 */

/** The list every such field starts as; frozen, so that a push onto it throws instead of leaking. */
export const EMPTY_LIST: readonly never[] = Object.freeze([]);

/**
 * `list` with `item` at its end: the shared empty list is replaced by a new one of exact size, a
 * list of the block's own grows in place. Only for model lists, which the parser alone fills.
 */
export function appended<T>(list: readonly T[], item: T): readonly T[] {
  if (list.length === 0) return [item];
  (list as T[]).push(item);
  return list;
}

/**
 * `list` with `items` at its end, as {@link appended} adds one. `items` is a new array the caller
 * gives up: it becomes the list when the list is still empty.
 */
export function appendedAll<T>(list: readonly T[], items: T[]): readonly T[] {
  if (items.length === 0) return list;
  if (list.length === 0) return items;
  (list as T[]).push(...items);
  return list;
}
