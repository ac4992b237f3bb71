import { JOINS } from "./risk-spellings.js";
import type { Node } from "./risk-tree.js";
import { MAX_FILLERS } from "./risk-walk.js";

/**
 * How far a match can run, worked out from the compiled tree of phrases (risk-tree.ts): the
 * longest path from the root to a phrase's end, each word, prefix or number one word, a gap its
 * most words, and at every node that reads past fillers as many fillers as the walk takes in a
 * row (risk-walk.ts). Exceptions are phrases of the tree like the others, so they are within it.
 *
 * `words` counts canonical words (what the walk reads); `written` counts written words that hold a
 * letter or a digit (what risk-slip-windows.ts counts), where a word two written words join into
 * ("my self": "myself") counts two, and so does each word a gap or filler may read. A chunk with
 * no letter or digit (an emoji, "...") gives no canonical word and is not counted.
 */
interface Reach {
  words: number;
  written: number;
}

const JOINED = new Set(Object.values(JOINS));

export function reachOf(root: Node): Reach {
  const words = longest(root, new Map(), () => 1, 1);
  const written = longest(root, new Map(), (edge) => (mayBeJoined(edge) ? 2 : 1), 2);
  return { words, written };
}

/** An edge's word or prefix could be a joined word. */
function mayBeJoined(edge: { word?: string; prefix?: string }): boolean {
  if (edge.word !== undefined) return JOINED.has(edge.word);
  const { prefix } = edge;
  return prefix !== undefined && [...JOINED].some((w) => w.startsWith(prefix));
}

/**
 * The longest path from `at` to an end (0 for none), `cost` of each word edge, `any` of each
 * word a gap or a filler takes (any word, so possibly a joined one). The tree is acyclic: meeting
 * points are shared, never revisited on one path.
 */
function longest(
  at: Node,
  memo: Map<Node, number>,
  cost: (edge: { word?: string; prefix?: string }) => number,
  any: number,
): number {
  const known = memo.get(at);
  if (known !== undefined) return known;
  const on = (next: Node) => longest(next, memo, cost, any);
  let best = 0;
  for (const [word, next] of at.words) best = Math.max(best, cost({ word }) + on(next));
  for (const bucket of at.prefixes.values())
    for (const p of bucket) best = Math.max(best, cost({ prefix: p.prefix }) + on(p.node));
  if (at.number) best = Math.max(best, 1 + on(at.number));
  if (at.gap) best = Math.max(best, at.gap.max * any + on(at.gap.node));
  for (const next of at.next) best = Math.max(best, on(next));
  // Fillers are read at a node before it goes on; counted wherever it has them.
  if (at.fillers) best += MAX_FILLERS * any;
  memo.set(at, best);
  return best;
}
