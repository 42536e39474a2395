import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import type { Notifier } from '../delivery/notify/notifier.js';
import { NotFoundError, TooManyRequestsError, ValidationError } from '../kernel/errors.js';
import type { Log } from '../kernel/redaction.js';
import { publicSubscription, type SmsConfirmation, type Subscription } from '../model/subscription.js';
import type { SubscriptionAudit } from '../operations/subscription-audit.js';
import type { SmsQuotaStore } from '../store/sms-quota-store.js';
import type { SubscriptionStore } from '../store/subscription-store.js';

/** Codes one phone number may be sent per UTC day, whoever asks: enough for a typo, too few to harass. */
export const CODES_PER_NUMBER_PER_DAY = 3;
/** How long a code stays good. */
export const CODE_TTL_MS = 30 * 60_000;
/** Wrong codes tried before the current code is void (a new one must be sent). */
export const MAX_FAILED_CHECKS = 5;

export interface SmsConfirmationDeps {
  subscriptions: SubscriptionStore;
  notifier: Notifier;
  smsQuota: SmsQuotaStore;
  clock: () => Date;
  log?: Log;
}

/** A code that was made for a number and is to be texted to it once the subscription is stored. */
export interface CodeToSend {
  phoneNumber: string;
  code: string;
}

const digest = (subscriptionId: string, phoneNumber: string, code: string) =>
  createHash('sha256').update(`${subscriptionId}:${phoneNumber}:${code}`).digest();

/** A new pending confirmation for a number, and the code to text it. */
function pending(
  subscriptionId: string,
  phoneNumber: string,
  now: Date,
): { confirmation: SmsConfirmation; code: string } {
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  return {
    code,
    confirmation: {
      status: 'pending',
      codeDigest: digest(subscriptionId, phoneNumber, code).toString('hex'),
      codeExpiresAt: new Date(now.getTime() + CODE_TTL_MS).toISOString(),
      failedChecks: 0,
    },
  };
}

/**
 * The confirmations for a subscription's numbers: kept for numbers it already had, pending with a
 * new code for numbers it did not. The codes are texted after the subscription is stored.
 */
export function confirmationsFor(
  subscriptionId: string,
  numbers: readonly string[] | undefined,
  previous: Record<string, SmsConfirmation> | undefined,
  now: Date,
): { confirmations?: Record<string, SmsConfirmation>; codes: CodeToSend[] } {
  if (!numbers?.length) return { codes: [] };
  const confirmations: Record<string, SmsConfirmation> = {};
  const codes: CodeToSend[] = [];
  for (const phoneNumber of numbers) {
    const kept = previous?.[phoneNumber];
    if (kept) confirmations[phoneNumber] = kept;
    else {
      const fresh = pending(subscriptionId, phoneNumber, now);
      confirmations[phoneNumber] = fresh.confirmation;
      codes.push({ phoneNumber, code: fresh.code });
    }
  }
  return { confirmations, codes };
}

const codeText = (code: string) =>
  `Material Alerts: ${code} is your code to receive export-control alerts on this number. If you did not ask for them, ignore this message.`;

/**
 * Texts each code, within the number's daily allowance. Returns whether each went out; a code
 * held back (allowance spent, SNS refused) leaves the number pending, to be resent later.
 */
export async function sendCodes(
  deps: Omit<SmsConfirmationDeps, 'subscriptions'>,
  codes: readonly CodeToSend[],
) {
  const sent: boolean[] = [];
  for (const { phoneNumber, code } of codes) {
    try {
      if (!(await deps.smsQuota.reserveCode(phoneNumber, deps.clock(), CODES_PER_NUMBER_PER_DAY))) {
        deps.log?.({
          level: 'warn',
          message: 'confirmation code held back: daily allowance spent',
          phoneNumber,
        });
        sent.push(false);
        continue;
      }
      await deps.notifier.sendSms(phoneNumber, codeText(code));
      sent.push(true);
    } catch (error) {
      deps.log?.({ level: 'warn', message: 'confirmation code not sent', phoneNumber, error: String(error) });
      sent.push(false);
    }
  }
  return sent;
}

function confirmationOf(subscription: Subscription, phoneNumber: string): SmsConfirmation {
  const confirmation = subscription.sms?.includes(phoneNumber)
    ? subscription.smsConfirmations?.[phoneNumber]
    : undefined;
  if (!confirmation)
    throw new NotFoundError(`phone number ${phoneNumber} on subscription ${subscription.id}`);
  return confirmation;
}

/**
 * Confirms a number with the code texted to it: from then on it receives alerts. A wrong or
 * expired code is a 422 naming `code`; after `MAX_FAILED_CHECKS` wrong ones the code is void.
 */
export async function confirmSmsNumber(
  deps: SmsConfirmationDeps,
  subscription: Subscription,
  phoneNumber: string,
  code: string,
  audit?: SubscriptionAudit,
) {
  const confirmation = confirmationOf(subscription, phoneNumber);
  if (confirmation.status === 'confirmed') return publicSubscription(subscription);
  const now = deps.clock();
  const refuse = (message: string) =>
    new ValidationError('the code does not confirm this number', [{ field: 'code', message }]);
  if (!confirmation.codeDigest || (confirmation.failedChecks ?? 0) >= MAX_FAILED_CHECKS) {
    throw refuse('this code is void after too many wrong tries; ask for a new one (POST …/sms/resend)');
  }
  if (!confirmation.codeExpiresAt || Date.parse(confirmation.codeExpiresAt) <= now.getTime()) {
    throw refuse('this code has expired; ask for a new one (POST …/sms/resend)');
  }
  const expected = Buffer.from(confirmation.codeDigest, 'hex');
  const presented = digest(subscription.id, phoneNumber, code);
  const right = expected.length === presented.length && timingSafeEqual(expected, presented);
  const next: Subscription = {
    ...subscription,
    smsConfirmations: {
      ...subscription.smsConfirmations,
      [phoneNumber]: right
        ? { status: 'confirmed', confirmedAt: now.toISOString() }
        : { ...confirmation, failedChecks: (confirmation.failedChecks ?? 0) + 1 },
    },
    updatedAt: now.toISOString(),
    version: subscription.version + 1,
  };
  // A wrong try is counted (conditional on the version read, so guesses cannot race past the limit).
  await deps.subscriptions.replace(
    subscription,
    next,
    right ? audit?.({ before: subscription, after: next }) : undefined,
  );
  if (!right) throw refuse('wrong code');
  return publicSubscription(next);
}

/** A new code for a pending number, within its daily allowance (429 beyond, until the next UTC day). */
export async function resendSmsCode(
  deps: SmsConfirmationDeps,
  subscription: Subscription,
  phoneNumber: string,
) {
  const confirmation = confirmationOf(subscription, phoneNumber);
  if (confirmation.status === 'confirmed') return publicSubscription(subscription);
  const now = deps.clock();
  const fresh = pending(subscription.id, phoneNumber, now);
  const untilTomorrow = () => {
    const tomorrow = Date.parse(`${now.toISOString().slice(0, 10)}T00:00:00Z`) + 86_400_000;
    return Math.max(1, Math.ceil((tomorrow - now.getTime()) / 1000));
  };
  if (!(await deps.smsQuota.reserveCode(phoneNumber, now, CODES_PER_NUMBER_PER_DAY))) {
    throw new TooManyRequestsError(
      'sms-code-limit',
      `this number was sent ${CODES_PER_NUMBER_PER_DAY} codes today, the most allowed; try again tomorrow (UTC)`,
      untilTomorrow(),
    );
  }
  const next: Subscription = {
    ...subscription,
    smsConfirmations: { ...subscription.smsConfirmations, [phoneNumber]: fresh.confirmation },
    updatedAt: now.toISOString(),
    version: subscription.version + 1,
  };
  await deps.subscriptions.replace(subscription, next);
  await deps.notifier.sendSms(phoneNumber, codeText(fresh.code));
  return publicSubscription(next);
}
