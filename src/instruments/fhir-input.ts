import { z } from "zod";

/**
 * The part of a FHIR R4 Questionnaire (JSON) that `rapport instrument import` reads. Everything
 * else a questionnaire may hold is let through unread, so a file from any form builder parses; what
 * rapport cannot ask is refused later, naming the item (fhir-import.ts).
 */
const extension = z.looseObject({
  url: z.string(),
  valueDecimal: z.number().optional(),
  valueInteger: z.number().optional(),
});

type Extension = z.infer<typeof extension>;

const coding = z.looseObject({
  system: z.string().optional(),
  code: z.string().optional(),
  display: z.string().optional(),
  extension: z.array(extension).optional(),
});

export type InputCoding = z.infer<typeof coding>;

const answerOption = z.looseObject({
  valueCoding: coding.optional(),
  valueInteger: z.number().int().optional(),
  extension: z.array(extension).optional(),
});

export type AnswerOption = z.infer<typeof answerOption>;

export interface QuestionnaireItem {
  linkId: string;
  text?: string;
  type: string;
  code?: InputCoding[];
  answerOption?: AnswerOption[];
  answerValueSet?: string;
  enableWhen?: unknown[];
  readOnly?: boolean;
  repeats?: boolean;
  extension?: Extension[];
  item?: QuestionnaireItem[];
}

const item: z.ZodType<QuestionnaireItem> = z.lazy(() =>
  z.looseObject({
    linkId: z.string().min(1),
    text: z.string().optional(),
    type: z.string(),
    code: z.array(coding).optional(),
    answerOption: z.array(answerOption).optional(),
    answerValueSet: z.string().optional(),
    enableWhen: z.array(z.unknown()).optional(),
    readOnly: z.boolean().optional(),
    repeats: z.boolean().optional(),
    extension: z.array(extension).optional(),
    item: z.array(item).optional(),
  }),
);

export const questionnaireInput = z.looseObject({
  resourceType: z.literal("Questionnaire", { error: 'must be "Questionnaire"' }),
  url: z.string().optional(),
  version: z.string().optional(),
  name: z.string().optional(),
  title: z.string().optional(),
  description: z.string().optional(),
  language: z.string().optional(),
  code: z.array(coding).optional(),
  item: z.array(item).min(1, "needs at least one item"),
});

/** The value of an extension whose URL ends with one of the names (FHIR has moved them between versions). */
export function extensionValue(
  exts: readonly Extension[] | undefined,
  ...names: string[]
): number | undefined {
  const found = exts?.find((e) => names.some((n) => e.url.endsWith(`/${n}`)));
  return found?.valueDecimal ?? found?.valueInteger;
}

export function hasExtension(exts: readonly Extension[] | undefined, name: string): boolean {
  return exts?.some((e) => e.url.endsWith(name)) ?? false;
}
