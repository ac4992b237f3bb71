import type { Store, Tx } from "../../../src/store/types.js";
import type { OpenStore } from "./harness.js";

/** The names of an object's methods, its own and its prototypes' (a class-based store has them there). */
export function methodNames(object: object): string[] {
  const names = new Set<string>();
  for (let o: object | null = object; o && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
    for (const key of Object.getOwnPropertyNames(o)) {
      if (key !== "constructor" && typeof (object as Record<string, unknown>)[key] === "function")
        names.add(key);
    }
  }
  return [...names].sort();
}

/** Wraps an object so that each method called through it is noted in `called`. */
function noting<T extends object>(
  target: T,
  called: Set<string>,
  wrap?: (key: string, value: unknown) => unknown,
): T {
  return new Proxy(target, {
    get(object, key) {
      const value = Reflect.get(object, key, object) as unknown;
      if (typeof key !== "string" || typeof value !== "function") return value;
      return (...args: unknown[]) => {
        called.add(key);
        return (wrap?.(key, args) ?? value.apply(object, args)) as unknown;
      };
    },
  });
}

/**
 * Records which methods of the Store and of its Tx the contract calls, and which methods the
 * store's actual Tx objects have, so a test can fail when a method is added that the contract
 * does not exercise.
 */
export function recording(open: OpenStore) {
  const seen = { tx: new Set<string>(), store: new Set<string>() };
  const has = { tx: new Set<string>() };
  const recorded: OpenStore = async () => {
    const { store, close } = await open();
    const wrapped = noting(store, seen.store, (key, args) => {
      if (key !== "transaction") return undefined;
      const [fn] = args as [(tx: Tx) => Promise<unknown>];
      return store.transaction((tx) => {
        for (const name of methodNames(tx)) has.tx.add(name);
        return fn(noting(tx, seen.tx));
      });
    });
    return { store: wrapped as Store, close };
  };
  return { open: recorded, seen, has };
}
