import { IANAZone } from 'luxon';
import { nextDigestAt } from '../../../shared/model/digest-schedule';
import type { Digest } from '../../../shared/model/reach';
import { WEEKDAYS } from '../../../shared/model/vocabulary';
import type { Schemas } from '../api/client';
import { Field, FieldIssues, issuesFor } from './forms';

type Subscription = Schemas['Subscription'];

/** The form's state for Slack, Teams and the digest. */
export interface Reach {
  slackUrl: string;
  teamsUrl: string;
  /** `immediate`: each alert as it comes (no digest). */
  frequency: 'immediate' | Digest['frequency'];
  hour: number;
  weekday: NonNullable<Digest['weekday']>;
  timeZone: string;
}

/** The fields of the form this part shows its API messages beside. */
export const REACH_FIELDS = ['slack', 'teams', 'digest'];

/** The reader's own zone, a sensible default for the digest. */
const readerZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export function reachOf(existing: Subscription | undefined): Reach {
  const digest = existing?.digest;
  return {
    slackUrl: existing?.slack?.url ?? '',
    teamsUrl: existing?.teams?.url ?? '',
    frequency: digest?.frequency ?? 'immediate',
    hour: digest?.hour ?? 8,
    weekday: digest?.weekday ?? 'monday',
    timeZone: digest?.timeZone ?? readerZone(),
  };
}

function digestOf(reach: Reach): Digest | undefined {
  if (reach.frequency === 'immediate') return undefined;
  return {
    frequency: reach.frequency,
    hour: reach.hour,
    ...(reach.frequency === 'weekly' ? { weekday: reach.weekday } : {}),
    timeZone: reach.timeZone.trim(),
  };
}

/** What a create sends: only what is set. */
export function reachForCreate(reach: Reach) {
  const digest = digestOf(reach);
  return {
    ...(reach.slackUrl.trim() ? { slack: { url: reach.slackUrl.trim() } } : {}),
    ...(reach.teamsUrl.trim() ? { teams: { url: reach.teamsUrl.trim() } } : {}),
    ...(digest ? { digest } : {}),
  };
}

/** What an edit sends: `null` takes away what is cleared. */
export function reachForUpdate(reach: Reach) {
  return {
    slack: reach.slackUrl.trim() ? { url: reach.slackUrl.trim() } : null,
    teams: reach.teamsUrl.trim() ? { url: reach.teamsUrl.trim() } : null,
    digest: digestOf(reach) ?? null,
  };
}

/** A digest's send time in its own zone and in the reader's: "Mon 2 Nov, 09:00 (America/New_York)". */
export function digestTime(iso: string, timeZone: string): string {
  const format = (zone: string) =>
    new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
    }).format(new Date(iso));
  const own = readerZone();
  return own === timeZone
    ? `${format(timeZone)} (${timeZone})`
    : `${format(timeZone)} (${timeZone}; ${format(own)} your time)`;
}

const HOURS = Array.from({ length: 24 }, (_, hour) => hour);

/** Slack and Teams URLs, and whether alerts come one by one or as a daily or weekly digest. */
export function ReachEditor(props: { value: Reach; onChange: (reach: Reach) => void; problem: unknown }) {
  const { value, onChange, problem } = props;
  const set = (part: Partial<Reach>) => onChange({ ...value, ...part });
  const digest = digestOf(value);
  const valid = digest !== undefined && IANAZone.isValidZone(digest.timeZone);
  return (
    <div class="reach">
      <Field
        label="Slack URL (incoming webhook)"
        field="slack"
        problem={problem}
        hint="Alerts as Slack messages. Create one under Apps › Incoming Webhooks; send a test message after saving."
      >
        {(attrs) => (
          <input
            {...attrs}
            type="url"
            value={value.slackUrl}
            placeholder="https://hooks.slack.com/services/…"
            onInput={(e) => set({ slackUrl: e.currentTarget.value })}
          />
        )}
      </Field>
      <Field
        label="Microsoft Teams workflow URL"
        field="teams"
        problem={problem}
        hint="Alerts as Adaptive Cards, from the workflow “Post to a channel when a webhook request is received”."
      >
        {(attrs) => (
          <input
            {...attrs}
            type="url"
            value={value.teamsUrl}
            placeholder="https://….logic.azure.com/workflows/…"
            onInput={(e) => set({ teamsUrl: e.currentTarget.value })}
          />
        )}
      </Field>
      <fieldset data-field="digest">
        <legend>Webhook and e-mail: each alert, or a digest</legend>
        <FieldIssues
          id="digest-error"
          issues={issuesFor(problem, 'digest').filter((issue) => issue.field === 'digest')}
        />
        <Field label="Send" field="digest.frequency" problem={problem}>
          {(attrs) => (
            <select
              {...attrs}
              value={value.frequency}
              onChange={(e) => set({ frequency: e.currentTarget.value as Reach['frequency'] })}
            >
              <option value="immediate">each alert as it comes</option>
              <option value="daily">a daily digest</option>
              <option value="weekly">a weekly digest</option>
            </select>
          )}
        </Field>
        {value.frequency !== 'immediate' && (
          <>
            {value.frequency === 'weekly' && (
              <Field label="On" field="digest.weekday" problem={problem}>
                {(attrs) => (
                  <select
                    {...attrs}
                    value={value.weekday}
                    onChange={(e) => set({ weekday: e.currentTarget.value as Reach['weekday'] })}
                  >
                    {WEEKDAYS.map((day) => (
                      <option key={day} value={day}>
                        {day}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            )}
            <Field label="At" field="digest.hour" problem={problem}>
              {(attrs) => (
                <select
                  {...attrs}
                  value={value.hour}
                  onChange={(e) => set({ hour: Number(e.currentTarget.value) })}
                >
                  {HOURS.map((hour) => (
                    <option key={hour} value={hour}>
                      {`${String(hour).padStart(2, '0')}:00`}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field
              label="Time zone"
              field="digest.timeZone"
              problem={problem}
              hint="IANA name, e.g. Europe/Berlin"
            >
              {(attrs) => (
                <input
                  {...attrs}
                  value={value.timeZone}
                  list="time-zones"
                  onInput={(e) => set({ timeZone: e.currentTarget.value })}
                />
              )}
            </Field>
            <datalist id="time-zones">
              {Intl.supportedValuesOf('timeZone').map((zone) => (
                <option key={zone} value={zone} />
              ))}
            </datalist>
            <p class="hint" data-next-digest>
              {valid && digest
                ? `Next digest: ${digestTime(nextDigestAt(digest, new Date()).toISOString(), digest.timeZone)}. SMS, Slack and Teams stay immediate.`
                : 'Name a time zone such as Europe/Berlin to see when the next digest goes.'}
            </p>
          </>
        )}
      </fieldset>
    </div>
  );
}
