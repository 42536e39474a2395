import * as z from 'zod';
import { type DIRECTIONS, END_USES, LICENCE_TYPES } from './vocabulary.js';

type Direction = (typeof DIRECTIONS)[number];

/**
 * Typed conditions on a change: what a rule bites, what it leaves out, and what a relief asks of
 * those who would use it. A v2 string is still accepted and read as the object it stands for.
 */

/** How a condition acts on its change. */
export const EFFECTS = ['restricts', 'exempts', 'requires'] as const;
export type Effect = (typeof EFFECTS)[number];

export { END_USES, LICENCE_TYPES };
export type EndUse = (typeof END_USES)[number];

export const END_USERS = ['military-end-user', 'listed-party'] as const;
export const LICENCE_POLICIES = ['presumption-of-denial', 'case-by-case', 'presumption-of-approval'] as const;
export const OPERATORS = ['>=', '<=', '>', '<'] as const;
export const MASS_UNITS = ['t', 'kg'] as const;

export const CONDITION_TYPES = [
  'end-use',
  'end-user',
  'verified-end-user',
  'licence',
  'licence-policy',
  'de-minimis',
  'foreign-direct-product',
  'affiliates',
  'parameter',
  'quota',
  'export-tax',
  'minimum-price',
  'other',
] as const;
export type ConditionType = (typeof CONDITION_TYPES)[number];

/** `values` of a list-valued type: one or more words of its vocabulary, each once. */
function valuesOf<T extends readonly [string, ...string[]]>(type: string, vocabulary: T) {
  const words = vocabulary.join(', ');
  return z
    .array(z.enum(vocabulary, { error: `${type} values are ${words}` }), {
      error: `a ${type} condition lists its values (${words})`,
    })
    .min(1, `a ${type} condition lists at least one of ${words}`)
    .max(vocabulary.length)
    .refine((values) => new Set(values).size === values.length, 'each value once');
}

const percent = (type: string) =>
  z
    .number({ error: `a ${type} condition needs percent, a number from 0 to 100 (e.g. 0.1)` })
    .min(0, 'percent is 0 to 100')
    .max(100, 'percent is 0 to 100');

const note = z.string().trim().min(1).max(500);
const amount = (what: string) =>
  z.number({ error: `needs ${what}, a positive number` }).positive(`${what} is a positive number`);
const massUnit = z.enum(MASS_UNITS, { error: 'unit is t or kg' });

/** `2026`, `2025-Q4` or `2025-11`. */
const PeriodSchema = z
  .string({ error: 'a quota needs its period: a year (2026), a quarter (2025-Q4) or a month (2025-11)' })
  .regex(
    /^\d{4}(-(Q[1-4]|0[1-9]|1[0-2]))?$/,
    'period is a year (2026), a quarter (2025-Q4) or a month (2025-11)',
  );

const CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));
const CurrencySchema = z
  .string({ error: 'a minimum price names its currency (ISO 4217, e.g. USD)' })
  .refine((code) => CURRENCIES.has(code), 'currency is an ISO 4217 code, e.g. USD');

const EffectSchema = z.enum(EFFECTS, { error: 'effect is restricts, exempts or requires' });

/** Every type's shape; `effect` is optional on input and always present once stored. */
function conditionShapes<E extends z.ZodType>(effect: E) {
  const common = { effect };
  return [
    z.strictObject({
      type: z.literal('end-use'),
      values: valuesOf('end-use', END_USES),
      text: note.optional(),
      ...common,
    }),
    z.strictObject({
      type: z.literal('end-user'),
      values: valuesOf('end-user', END_USERS),
      text: note.optional(),
      ...common,
    }),
    z.strictObject({ type: z.literal('verified-end-user'), text: note.optional(), ...common }),
    z.strictObject({
      type: z.literal('licence'),
      values: valuesOf('licence', LICENCE_TYPES),
      text: note.optional(),
      ...common,
    }),
    z.strictObject({
      type: z.literal('licence-policy'),
      values: valuesOf('licence-policy', LICENCE_POLICIES),
      text: note.optional(),
      ...common,
    }),
    z.strictObject({
      type: z.literal('de-minimis'),
      percent: percent('de-minimis'),
      text: note.optional(),
      ...common,
    }),
    z.strictObject({ type: z.literal('foreign-direct-product'), text: note.optional(), ...common }),
    z.strictObject({
      type: z.literal('affiliates'),
      percent: percent('affiliates'),
      text: note.optional(),
      ...common,
    }),
    z.strictObject({
      type: z.literal('parameter'),
      parameter: z
        .string({ error: 'a parameter condition names its parameter, e.g. purity' })
        .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'parameter is lower-case kebab-case, e.g. energy-density')
        .max(64),
      operator: z.enum(OPERATORS, { error: 'operator is one of >=, <=, >, <' }),
      value: z.number({ error: 'a parameter condition needs its threshold value, a number' }),
      unit: z.string().trim().min(1).max(16).optional(),
      text: note.optional(),
      ...common,
    }),
    z.strictObject({
      type: z.literal('quota'),
      quantity: amount('quantity'),
      unit: massUnit,
      period: PeriodSchema,
      holders: z
        .array(z.strictObject({ name: z.string().trim().min(1).max(200), quantity: amount('quantity') }))
        .min(1)
        .max(200)
        .optional(),
      text: note.optional(),
      ...common,
    }),
    z.strictObject({
      type: z.literal('export-tax'),
      percent: percent('export-tax'),
      text: note.optional(),
      ...common,
    }),
    z.strictObject({
      type: z.literal('minimum-price'),
      value: amount('value'),
      currency: CurrencySchema,
      unit: massUnit,
      text: note.optional(),
      ...common,
    }),
    z.strictObject({ type: z.literal('other'), text: note, ...common }),
  ] as const;
}

/** A condition object as callers write it (`effect` may be left out). */
export const ConditionObjectInputSchema = z.discriminatedUnion(
  'type',
  conditionShapes(EffectSchema.optional()),
  {
    error: `type is one of ${CONDITION_TYPES.join(', ')}`,
  },
);
export type ConditionObjectInput = z.infer<typeof ConditionObjectInputSchema>;

/** A v2 condition string: lower-case kebab-case. */
export const ConditionStringSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'conditions are lower-case kebab-case, e.g. verified-end-user');

/** One entry of `conditions` on input: a v2 string or a condition object. */
export const ConditionInputSchema = z.union([ConditionStringSchema, ConditionObjectInputSchema]);
export type ConditionInput = z.infer<typeof ConditionInputSchema>;

/** A condition as stored and sent: always with its effect. */
export const ConditionSchema = z.discriminatedUnion('type', conditionShapes(EffectSchema));
export type Condition = z.infer<typeof ConditionSchema>;

/**
 * The effect of a condition that names none: a verified-end-user scheme is what a relief asks
 * for (on a tightening, verified users are taken out of the rule); every other type narrows
 * or describes the rule it sits on.
 */
export function defaultEffect(type: ConditionType, direction: Direction): Effect {
  if (type === 'verified-end-user') return direction === 'tightening' ? 'exempts' : 'requires';
  return 'restricts';
}

/**
 * The object a v2 string stands for. Strings that said "no military ..." restrict a tightening to
 * that use or user and take it out of a relief, so the direction decides; unknown strings become
 * `other` with the string as text.
 *
 * @example conditionFromString('de-minimis-0-1-percent', 'tightening') // { type: 'de-minimis', effect: 'restricts', percent: 0.1 }
 */
export function conditionFromString(word: string, direction: Direction): Condition {
  const relief = direction !== 'tightening';
  const deMinimis = /^de-minimis-(\d+)(?:-(\d+))?-percent$/.exec(word);
  if (deMinimis)
    return { type: 'de-minimis', effect: 'restricts', percent: decimal(deMinimis[1], deMinimis[2]) };
  const affiliates = /^(?:control-list-)?affiliates-(\d+)-percent$/.exec(word);
  if (affiliates) return { type: 'affiliates', effect: 'restricts', percent: Number(affiliates[1]) };
  switch (word) {
    case 'verified-end-user':
      return { type: 'verified-end-user', effect: defaultEffect('verified-end-user', direction) };
    case 'no-military-end-use':
      return { type: 'end-use', effect: relief ? 'exempts' : 'restricts', values: ['military'] };
    case 'no-military-end-user':
      return { type: 'end-user', effect: relief ? 'exempts' : 'restricts', values: ['military-end-user'] };
    case 'civilian-end-use':
    case 'civilian-use-only':
      return { type: 'end-use', effect: 'restricts', values: ['civilian'] };
    case 'humanitarian-exemption':
      return { type: 'end-use', effect: 'exempts', values: ['humanitarian'] };
    case 'end-user-certificate':
      return {
        type: 'licence',
        effect: 'restricts',
        values: ['individual'],
        text: 'end-user certificate required',
      };
    case 'technology-export-licence':
      return {
        type: 'licence',
        effect: 'restricts',
        values: ['individual'],
        text: 'technology export licence',
      };
    case 'overseas-assistance-licence':
      return {
        type: 'licence',
        effect: 'restricts',
        values: ['individual'],
        text: 'overseas assistance licence',
      };
    case 'general-licence':
      return { type: 'licence', effect: relief ? 'requires' : 'restricts', values: ['general'] };
    case 'presumption-of-denial':
    case 'case-by-case':
    case 'presumption-of-approval':
      return { type: 'licence-policy', effect: 'restricts', values: [word] };
    case 'case-by-case-review':
      return { type: 'licence-policy', effect: 'restricts', values: ['case-by-case'] };
    case 'enhanced-end-user-review':
      return {
        type: 'licence-policy',
        effect: 'restricts',
        values: ['case-by-case'],
        text: 'enhanced end-user review',
      };
    case 'foreign-direct-product':
      return { type: 'foreign-direct-product', effect: 'restricts' };
    default:
      return { type: 'other', effect: 'restricts', text: word };
  }
}

function decimal(whole: string | undefined, fraction: string | undefined): number {
  return Number(`${whole ?? '0'}${fraction ? `.${fraction}` : ''}`);
}

/** Every entry as a typed condition, with its effect written out. */
export function typedConditions(
  conditions: readonly (ConditionInput | Condition)[],
  direction: Direction,
): Condition[] {
  return conditions.map((condition) =>
    typeof condition === 'string'
      ? conditionFromString(condition, direction)
      : { ...condition, effect: condition.effect ?? defaultEffect(condition.type, direction) },
  );
}

/**
 * Where the conditions contradict the change they sit on: a `requires` on a tightening, which has
 * no relief to ask anything for. A neutral change may ask (a verified-end-user programme grants a
 * permission).
 */
export function conditionIssues(
  conditions: readonly ConditionInput[],
  direction: Direction,
): { path: (string | number)[]; message: string }[] {
  if (direction !== 'tightening') return [];
  return conditions.flatMap((condition, index) =>
    typeof condition !== 'string' && condition.effect === 'requires'
      ? [
          {
            path: ['conditions', index, 'effect'],
            message:
              'a tightening has nothing to relieve: requires belongs on a relaxation or a neutral change; use restricts or exempts',
          },
        ]
      : [],
  );
}
