import {
  type CompiledPhrase,
  compilePhrase,
  PhraseError,
  type PhrasePart,
  type Slot,
  type Spellings,
  spellingsOf,
} from "./risk-phrases.js";
import { canonicalWords } from "./risk-tokens.js";

/**
 * The phrases of every list as one tree of words (risk-screen.ts builds it, and reads a text
 * through it with risk-walk.ts). A slot with one alternative is an ordinary path, shared with
 * every phrase that begins alike; a slot with several gets a meeting point where its alternatives
 * join again, shared by phrases that offer the same alternatives at the same place.
 */
export type TerminalKind = "disclosure" | "acute" | "concern" | "exception" | "acute_exception";

export interface Terminal {
  phrase: string;
  kind: TerminalKind;
  language: string;
}

/**
 * The phrases of every list as one tree of words: a text is read once, and at each word only the
 * branches that can still match are followed, however many phrases share a first word.
 */
export interface Node {
  words: Map<string, Node>;
  /** Words ending in *, by the first letter of the prefix (a few per letter). */
  prefixes: Map<number, { prefix: string; node: Node }[]>;
  number: Node | undefined;
  /** After up to `max` other words, continue here. */
  gap: { max: number; node: Node } | undefined;
  /** Where a phrase goes on after one of its alternatives, without reading a word. */
  next: Node[];
  ends: Terminal[];
  /**
   * Filler words of the languages whose phrases read a word into this node ("eh", "halt",
   * "einfach" in German): the text may have a few of them here and the phrase goes on.
   */
  fillers: ReadonlySet<string> | undefined;
}

/**
 * A phrase that may begin with nothing ("{nearly|} killed myself laughing") is entered as its
 * forms with and without that start, so the root of the tree never has to try it at every word.
 */
function withoutOptionalStart(slots: readonly Slot[]): Slot[][] {
  const [first, ...rest] = slots;
  if (!first?.some((alt) => alt.length === 0)) return [[...slots]];
  const present = first.filter((alt) => alt.length > 0);
  return [[present, ...rest], ...withoutOptionalStart(rest)];
}

function node(): Node {
  return {
    words: new Map(),
    prefixes: new Map(),
    number: undefined,
    gap: undefined,
    next: [],
    ends: [],
    fillers: undefined,
  };
}

function child(from: Node, part: PhrasePart): Node {
  switch (part.kind) {
    case "word": {
      const next = from.words.get(part.word) ?? node();
      from.words.set(part.word, next);
      return next;
    }
    case "prefix": {
      const key = part.prefix.charCodeAt(0);
      const bucket = from.prefixes.get(key) ?? [];
      from.prefixes.set(key, bucket);
      let entry = bucket.find((b) => b.prefix === part.prefix);
      if (!entry) {
        entry = { prefix: part.prefix, node: node() };
        bucket.push(entry);
      }
      return entry.node;
    }
    case "number":
      from.number ??= node();
      return from.number;
    case "gap":
      from.gap ??= { max: part.max, node: node() };
      return from.gap.node;
  }
}

/** What a language's phrases read besides their words (prompts/<language>/risk.yaml). */
interface LanguageForms {
  fillers?: readonly string[];
  spellings?: readonly (readonly string[])[];
}

export class PhraseTree {
  readonly root = node();
  private readonly meets = new Map<Node, Map<string, Node>>();
  private readonly forms = new Map<
    string,
    { fillers: ReadonlySet<string> | undefined; spellings: Spellings }
  >();

  /** A language's fillers and spellings, for its phrases added after this. */
  setForms(language: string, forms: LanguageForms): void {
    const fillers = (forms.fillers ?? []).flatMap((w) => canonicalWords(w));
    this.forms.set(language, {
      fillers: fillers.length > 0 ? new Set(fillers) : undefined,
      spellings: spellingsOf(forms.spellings ?? []),
    });
  }

  /** Adds one list entry; a broken one throws a PhraseError naming it. */
  add(kind: TerminalKind, language: string, phrase: string): void {
    const forms = this.forms.get(language);
    let compiled: CompiledPhrase;
    try {
      compiled = compilePhrase(phrase, forms?.spellings);
    } catch (error) {
      if (error instanceof PhraseError)
        throw new PhraseError(`risk phrase "${phrase}" (${language}): ${error.message}`);
      throw error;
    }
    for (const slots of withoutOptionalStart(compiled.slots))
      this.insert(slots, { phrase, kind, language }, forms?.fillers);
  }

  private insert(slots: readonly Slot[], terminal: Terminal, fillers: ReadonlySet<string> | undefined): void {
    // Each node a word or a gap leads to may read past the language's fillers.
    const step = (from: Node, part: PhrasePart): Node => {
      const to = child(from, part);
      if (fillers) to.fillers = joined(to.fillers, fillers);
      return to;
    };
    let from = this.root;
    for (const slot of slots) {
      const [only] = slot;
      if (slot.length === 1 && only) {
        from = only.reduce(step, from);
        continue;
      }
      // Phrases that offer the same alternatives at the same point share where they meet again,
      // so a text walks that branch once, not once per phrase.
      const signature = JSON.stringify(slot);
      const shared = this.meets.get(from) ?? new Map<string, Node>();
      this.meets.set(from, shared);
      let meet = shared.get(signature);
      if (!meet) {
        meet = node();
        shared.set(signature, meet);
        for (const alternative of slot) alternative.reduce(step, from).next.push(meet);
      } else if (fillers) for (const alternative of slot) alternative.reduce(step, from);
      from = meet;
    }
    from.ends.push(terminal);
  }
}

/** Two languages' phrases may share a node: it reads past the fillers of both. */
function joined(had: ReadonlySet<string> | undefined, more: ReadonlySet<string>): ReadonlySet<string> {
  if (had === undefined || had === more) return more;
  if ([...more].every((w) => had.has(w))) return had;
  return new Set([...had, ...more]);
}
