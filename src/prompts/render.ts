import { RapportError } from "../errors.js";
import { madeOnce } from "../made-once.js";
import type { MessageKey, MessageVars } from "./catalog.js";
import type { LanguagePack, PromptCatalog } from "./load.js";
import type { Instrument } from "./schema.js";

/** Message keys that take only {count}: the singular and plural forms of a counted noun. */
type PluralKey =
  | "completed_checkins_one"
  | "completed_checkins_other"
  | "digest_checkins_one"
  | "digest_checkins_other"
  | "more_times_one"
  | "more_times_other";

/** Fills {placeholders}; a placeholder without a value is a bug, never sent half-filled. */
export function fill(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{([a-z_]+)\}/g, (_, name: string) => {
    const value = vars[name];
    if (value === undefined)
      throw new RapportError(`no value for placeholder {${name}}`, "prompt_placeholder");
    return String(value);
  });
}

const NO_VARS: Readonly<Record<string, string | number>> = Object.freeze({});

/** Each language's plural rule, made once: an Intl object is costly to make and never changes. */
const pluralRuleOf = new Map<string, Intl.PluralRules>();

const newPluralRules = (language: string) => new Intl.PluralRules(language);

/** The wording of one language, with the catalog's fallback language for anything it lacks. */
export class Wording {
  constructor(
    readonly pack: LanguagePack,
    private readonly fallbackPack: LanguagePack,
  ) {}

  /** The catalog's fallback language's pack, which this one falls back to. */
  get fallback(): LanguagePack {
    return this.fallbackPack;
  }

  t<K extends MessageKey>(
    key: K,
    ...vars: keyof MessageVars<K> extends never ? [] : [MessageVars<K>]
  ): string {
    return fill(this.pack.messages.messages[key], (vars[0] ?? NO_VARS) as Record<string, string | number>);
  }

  /** "1 completed check-in", "3 completed check-ins": the language's plural rule picks the form. */
  completedCheckins(count: number): string {
    return this.plural(count, "completed_checkins_one", "completed_checkins_other");
  }

  /** A count with its noun in the singular or the plural, as the language's rule says. */
  plural(count: number, one: PluralKey, other: PluralKey): string {
    const singular = madeOnce(pluralRuleOf, this.pack.language, newPluralRules).select(count) === "one";
    return this.t(singular ? one : other, { count });
  }

  hasInstrument(id: string): boolean {
    return this.pack.instruments.has(id) || this.fallbackPack.instruments.has(id);
  }

  /** The language's own copy, else the fallback's (with this language's answer words, for a measure). */
  instrument(id: string): Instrument {
    const found =
      this.pack.instruments.get(id) ?? this.pack.borrowed.get(id) ?? this.fallbackPack.instruments.get(id);
    if (!found) throw new RapportError(`no instrument "${id}" in prompts`, "prompt_instrument");
    return found;
  }

  get consent() {
    return this.pack.messages.consent;
  }
}

/**
 * Picks the first language the catalog has among the preferences (a platform locale such as
 * "de-CH" matches "de-ch", then "de"), else the catalog's fallback.
 */
export function wordingFor(catalog: PromptCatalog, ...preferences: (string | null | undefined)[]): Wording {
  const fallbackPack = catalog.languages.get(catalog.fallback);
  if (!fallbackPack)
    throw new RapportError(`fallback language ${catalog.fallback} missing`, "prompt_language");
  for (const locale of preferences) {
    const pack = packFor(catalog, locale);
    if (pack) return wordingOf(catalog, pack, fallbackPack);
  }
  return wordingOf(catalog, fallbackPack, fallbackPack);
}

/**
 * A Wording holds nothing but its two packs, so one per pack serves every message: asked for on
 * every turn, often several times, it was made anew each time.
 */
const wordings = new WeakMap<PromptCatalog, Map<LanguagePack, Wording>>();

function wordingOf(catalog: PromptCatalog, pack: LanguagePack, fallbackPack: LanguagePack): Wording {
  const ofCatalog = madeOnce(wordings, catalog, () => new Map<LanguagePack, Wording>());
  const known = ofCatalog.get(pack);
  if (known?.fallback === fallbackPack) return known;
  const wording = new Wording(pack, fallbackPack);
  ofCatalog.set(pack, wording);
  return wording;
}

/** The catalog's pack for a language or locale ("de-CH": "de-ch", then "de"); none when it has no such language. */
export function packFor(catalog: PromptCatalog, locale: string | null | undefined): LanguagePack | undefined {
  const wanted = (locale ?? "").toLowerCase();
  if (!wanted) return undefined;
  return catalog.languages.get(wanted) ?? catalog.languages.get(wanted.split(/[-_]/)[0] ?? "");
}
