import * as z from 'zod';

const plural = (n: number | bigint, word: string) => `${n} ${word}${n === 1 || n === 1n ? '' : 's'}`;

const KINDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  record: 'an object',
  date: 'a date',
  null: 'null',
};

const FORMATS: Record<string, string> = {
  email: 'an e-mail address',
  url: 'a URL such as https://example.com/hook',
  datetime: 'a date-time with its offset, such as 2026-03-01T12:00:00Z',
  date: 'a date such as 2026-03-01',
  uuid: 'a UUID',
  e164: 'a phone number in E.164 form, such as +4915112345678',
};

/**
 * The project's wording for a failed check, where the schema gives none of its own: what the value
 * must be, in words a caller understands, never the library's. Undefined leaves zod's text (for
 * checks the project words itself, e.g. `refine` messages).
 */
export function validationMessage(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return `must be ${KINDS[issue.expected] ?? issue.expected}`;
    case 'too_small': {
      const min = issue.minimum as number;
      const bound = issue.exact ? 'exactly' : issue.inclusive === false ? 'more than' : 'at least';
      if (issue.origin === 'string') return `must be ${bound} ${plural(min, 'character')} long`;
      if (issue.origin === 'array' || issue.origin === 'set')
        return `must have ${bound} ${plural(min, 'item')}`;
      return `must be ${issue.inclusive === false ? 'greater than' : 'at least'} ${min}`;
    }
    case 'too_big': {
      const max = issue.maximum as number;
      const bound = issue.exact ? 'exactly' : issue.inclusive === false ? 'fewer than' : 'at most';
      if (issue.origin === 'string') return `must be ${bound} ${plural(max, 'character')} long`;
      if (issue.origin === 'array' || issue.origin === 'set')
        return `must have ${bound} ${plural(max, 'item')}`;
      return `must be ${issue.inclusive === false ? 'less than' : 'at most'} ${max}`;
    }
    case 'invalid_format':
      if (issue.format === 'regex') return 'is not in the expected form';
      if (issue.format === 'starts_with' || issue.format === 'ends_with' || issue.format === 'includes')
        return 'is not in the expected form';
      return `must be ${FORMATS[issue.format] ?? `a valid ${issue.format}`}`;
    case 'invalid_value':
      return `must be one of: ${issue.values.map((value) => String(value)).join(', ')}`;
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`;
    case 'unrecognized_keys':
      return `unknown ${issue.keys.length === 1 ? 'field' : 'fields'}: ${issue.keys.join(', ')}`;
    case 'invalid_union':
      return 'matches none of the accepted forms';
    case 'invalid_key':
      return 'has a key that is not allowed';
    case 'invalid_element':
      return 'has an entry that is not allowed';
    default:
      return undefined;
  }
}

z.config({ customError: validationMessage });
