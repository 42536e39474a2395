import { createHash } from 'node:crypto';

/** A structured log line, as every part of the service writes them. */
export type Log = (entry: Record<string, unknown>) => void;

/** E.164 numbers (a plus sign and 8 to 15 digits), wherever they appear in text. */
const PHONE_NUMBER = /\+[1-9]\d{7,14}(?!\d)/g;

/** E-mail addresses: the mailbox is masked, the domain kept (it tells an operator which customer). */
const EMAIL_ADDRESS =
  /[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9-]{1,63})+)/g;

/** Splits text into the tokens a pasted key could be (path segments, query values, words). */
const TOKEN_SEPARATORS = /[\s/?&=,;:"'<>()[\]{}]+/;

export interface RedactionOptions {
  /** Literal secrets to mask wherever they appear (the bootstrap admin key, where it is known). */
  secrets?: readonly string[];
  /**
   * SHA-256 digests (hex) of secrets known only by their digest (the bootstrap key on Lambda):
   * any token of 16 characters or more whose digest is listed is masked.
   */
  secretDigests?: ReadonlySet<string>;
}

/**
 * Text fit for a log: webhook secrets, API keys and key digests (as in audit records), the given
 * secrets, phone numbers (`+…78`) and e-mail mailboxes (`***@example.com`) masked.
 *
 * @example redactLogText('sms to +4915112345678') // 'sms to [phone …78]'
 */
export function redactLogText(text: string, options: RedactionOptions = {}): string {
  let out = text;
  for (const secret of options.secrets ?? []) {
    if (secret.length >= 8) out = out.split(secret).join('[redacted]');
  }
  if (options.secretDigests?.size) {
    for (const token of new Set(out.split(TOKEN_SEPARATORS))) {
      if (token.length < 16 || token.length > 512) continue;
      if (options.secretDigests.has(createHash('sha256').update(token).digest('hex'))) {
        out = out.split(token).join('[redacted]');
      }
    }
  }
  return redactText(out)
    .replace(PHONE_NUMBER, (number) => `[phone …${number.slice(-2)}]`)
    .replace(EMAIL_ADDRESS, (_address, domain: string) => `***@${domain}`);
}

/**
 * The one redaction every log line passes through, in the API, the workers and the notifier:
 * fields named like secrets dropped, and every string through `redactLogText`.
 */
export function redactLogEntry(
  entry: Record<string, unknown>,
  options: RedactionOptions = {},
): Record<string, unknown> {
  const clean = maskStrings(redactSecrets(entry), options, 0);
  return clean && typeof clean === 'object' && !Array.isArray(clean)
    ? (clean as Record<string, unknown>)
    : {};
}

function maskStrings(value: unknown, options: RedactionOptions, depth: number): unknown {
  if (depth > 20) return '[too deep]';
  if (typeof value === 'string') return redactLogText(value, options);
  if (Array.isArray(value)) return value.map((item) => maskStrings(item, options, depth + 1));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, field]) => [key, maskStrings(field, options, depth + 1)]),
    );
  }
  return value;
}

/**
 * A logger that passes every entry through `redactLogEntry` first. `options` is read at each
 * line, so secrets learnt later (the bootstrap key's digest, read once) apply from then on.
 *
 * @example const log = redactingLog(jsonLineLogger('info'), { secrets: [adminApiKey] });
 */
export function redactingLog(log: Log, options: RedactionOptions = {}): Log {
  return (entry) => log(redactLogEntry(entry, options));
}

/** Field names whose values are secrets wherever they appear. */
const SECRET_FIELDS = new Set([
  'secret',
  'secrets',
  'apikey',
  'keyhash',
  'hash',
  'password',
  'token',
  'authorization',
]);

/**
 * Things that look like secrets inside any string: webhook secrets, API keys in every scope, and
 * bare SHA-256 digests (what API keys are stored as).
 */
export const SECRET_PATTERN = /whsec_[A-Za-z0-9+/=_-]*|ma_(?:adm|ing|sub)_[A-Za-z0-9_-]*|\b[0-9a-f]{64}\b/g;

/** Replaces secret-looking text in a string. */
export function redactText(text: string): string {
  return text.replace(SECRET_PATTERN, '[redacted]');
}

/**
 * A deep copy of `value` without secrets: fields named like secrets are dropped, and strings that
 * contain a webhook secret, an API key or a SHA-256 digest have it replaced by `[redacted]`.
 */
export function redactSecrets(value: unknown, depth = 0): unknown {
  return redactDeep(value, redactText, depth);
}

/**
 * `redactSecrets` for a record kept long (an audit snapshot): the values of URL queries are masked
 * too, since a webhook URL may carry its receiver's token there (`?token=…`). Scheme, host, path
 * and the query's keys are kept.
 *
 * @example redactSnapshot({ url: 'https://hooks.example.com/in?token=abc' }) // { url: 'https://hooks.example.com/in?token=[redacted]' }
 */
export function redactSnapshot(value: unknown): unknown {
  return redactDeep(value, (text) => maskQueryValues(redactText(text)), 0);
}

/** An http(s) URL in text, up to its query, and the query up to a fragment, a space or a quote. */
const URL_WITH_QUERY = /(\bhttps?:\/\/[^\s?#"'<>]*)\?([^\s#"'<>]*)/gi;

/** Each query value of every http(s) URL in the text replaced by `[redacted]`; keys kept. */
export function maskQueryValues(text: string): string {
  return text.replace(URL_WITH_QUERY, (_url, base: string, query: string) => {
    const parts = query.split('&').map((part) => {
      const equals = part.indexOf('=');
      if (equals === -1) return part === '' ? part : '[redacted]';
      return equals === part.length - 1 ? part : `${part.slice(0, equals + 1)}[redacted]`;
    });
    return `${base}?${parts.join('&')}`;
  });
}

function redactDeep(value: unknown, text: (value: string) => string, depth: number): unknown {
  if (depth > 20) return '[too deep]';
  if (typeof value === 'string') return text(value);
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, text, depth + 1));
  if (value && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value)) {
      if (SECRET_FIELDS.has(key.toLowerCase())) continue;
      copy[key] = redactDeep(field, text, depth + 1);
    }
    return copy;
  }
  return value;
}
