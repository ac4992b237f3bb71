/** What keeps made values by key: a Map, or a WeakMap when the key is a list or a catalog that may go. */
interface Kept<K, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): unknown;
}

/**
 * The value kept for `key`, made by `make(key)` the first time it is asked for. For what is read
 * on every answer but depends only on lists that never change once loaded (a language's words, a
 * list of choices): made again per answer, it was much of an answer's cost. `make` takes the key
 * so that a caller on a hot path can pass a function made once, not a closure per call.
 */
export function madeOnce<K, V>(kept: Kept<K, V>, key: K, make: (key: K) => V): V {
  let value = kept.get(key);
  if (value === undefined) {
    value = make(key);
    kept.set(key, value);
  }
  return value;
}
