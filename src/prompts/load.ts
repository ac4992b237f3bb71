import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { isMap, isSeq, LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import type { RiskLists } from "../clinical/risk-screen.js";
import { ConfigError } from "../errors.js";
import {
  type Instrument,
  instrumentSchema,
  type MessageFile,
  messagesSchema,
  riskListsSchema,
} from "./schema.js";

/**
 * prompts/ ships beside src/ and adapters/: three levels up from dist/src/prompts when built,
 * two from src/prompts when run from source.
 */
export const DEFAULT_PROMPTS_DIR =
  [
    fileURLToPath(new URL("../../../prompts", import.meta.url)),
    fileURLToPath(new URL("../../prompts", import.meta.url)),
  ].find((dir) => existsSync(join(dir, "en"))) ?? fileURLToPath(new URL("../../../prompts", import.meta.url));

export interface LanguagePack {
  language: string;
  messages: MessageFile;
  instruments: Map<string, Instrument>;
  /** Risk phrases of this language (risk.yaml); every language's lists screen every text. */
  risk: RiskLists | undefined;
}

const SPECIAL_FILES = ["messages.yaml", "risk.yaml"];

export interface PromptCatalog {
  languages: Map<string, LanguagePack>;
  fallback: string;
}

/**
 * Reads and validates every prompts file. Any problem stops start-up with an error that names
 * the file, the line and the field, because a clinic edits these files by hand.
 */
export function loadPrompts(dir: string = DEFAULT_PROMPTS_DIR, fallback = "en"): PromptCatalog {
  const languages = new Map<string, LanguagePack>();
  let entries: string[];
  try {
    entries = readdirSync(dir).filter((name) => statSync(join(dir, name)).isDirectory());
  } catch (cause) {
    throw new ConfigError(`prompts folder ${dir} cannot be read: ${(cause as Error).message}`, "prompts");
  }
  for (const language of entries.sort()) {
    const langDir = join(dir, language);
    const files = readdirSync(langDir).filter((f) => f.endsWith(".yaml") || f.endsWith(".yml"));
    if (!files.includes("messages.yaml")) {
      throw new ConfigError(`${relative(process.cwd(), langDir)}: messages.yaml is missing`, "prompts");
    }
    const messages = parseFile(join(langDir, "messages.yaml"), messagesSchema, { language: `${language}/` });
    const instruments = new Map<string, Instrument>();
    const risk = files.includes("risk.yaml")
      ? parseFile(join(langDir, "risk.yaml"), riskListsSchema, { language: `${language}/` })
      : undefined;
    for (const file of files.filter((f) => !SPECIAL_FILES.includes(f)).sort()) {
      const id = file.replace(/\.ya?ml$/, "");
      const instrument = parseFile(join(langDir, file), instrumentSchema, {
        language: `${language}/`,
        id: file,
      });
      instruments.set(id, instrument);
    }
    languages.set(language, { language, messages, instruments, risk });
  }
  if (!languages.has(fallback)) {
    throw new ConfigError(`prompts folder ${dir} has no "${fallback}" language folder`, "prompts");
  }
  return { languages, fallback };
}

function display(path: string): string {
  return relative(process.cwd(), path) || path;
}

/**
 * Parses and validates one file. `mustMatch` names top-level fields whose value must equal
 * the folder or file they live in (the value is given with its trailing "/" or extension).
 */
function parseFile<S extends z.ZodType>(
  path: string,
  schema: S,
  mustMatch: Record<string, string>,
): z.infer<S> {
  const source = readFileSync(path, "utf8");
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: true });
  const yamlError = doc.errors[0];
  if (yamlError) {
    const line = yamlError.linePos?.[0].line ?? "?";
    throw new ConfigError(
      `${display(path)}:${line}: not valid YAML: ${yamlError.message.split("\n")[0]}`,
      "prompts",
    );
  }
  const result = schema.safeParse(doc.toJS());
  if (result.success) {
    for (const [field, place] of Object.entries(mustMatch)) {
      const value = (result.data as Record<string, unknown>)[field];
      if (`${value}` !== place.replace(/(\/|\.ya?ml)$/, "")) {
        const line = lineOf(doc, [field], lineCounter);
        const where = place.endsWith("/") ? `the file is in ${place}` : `the file is named ${place}`;
        throw new ConfigError(
          `${display(path)}:${line}: field "${field}" is "${value}" but ${where}`,
          "prompts",
        );
      }
    }
    return result.data;
  }
  const issue = result.error.issues[0];
  const path_ = issue?.path ?? [];
  const field = path_.length ? path_.join(".") : "(top level)";
  const line = lineOf(doc, path_, lineCounter);
  throw new ConfigError(
    `${display(path)}:${line}: field "${field}": ${issue?.message ?? "invalid"}`,
    "prompts",
  );
}

/** The line of the deepest node that exists along the issue's path (a missing key points at its parent). */
function lineOf(
  doc: ReturnType<typeof parseDocument>,
  path: readonly PropertyKey[],
  counter: LineCounter,
): number {
  let node: unknown = doc.contents;
  let offset = 0;
  for (const key of path) {
    if (!(isMap(node) || isSeq(node))) break;
    const range = (node as { range?: [number, number, number] }).range;
    if (range) offset = range[0];
    const child = node.get(key as never, true);
    if (child === undefined) break;
    node = child;
  }
  const range = (node as { range?: [number, number, number] } | null)?.range;
  if (range) offset = range[0];
  return counter.linePos(offset).line;
}
