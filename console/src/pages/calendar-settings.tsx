import { useState } from 'preact/hooks';
import { api, result } from '../api/client';
import { CopyButton, Loading, useData } from '../ui/data';
import { ProblemBanner, useAction } from '../ui/forms';
import { Time } from '../ui/time';
import '../ui/long-tokens.css';

/**
 * The subscriber's private calendar URL: issued (shown once), replaced or revoked. Revoking asks
 * once more in place, since calendars that use the URL stop updating.
 */
export function CalendarSettings() {
  const state = useData(() => result(api.GET('/v1/me/calendar')), []);
  const [url, setUrl] = useState<string | undefined>(undefined);
  const [confirming, setConfirming] = useState(false);
  const issue = useAction(async () => {
    setUrl((await result(api.POST('/v1/me/calendar'))).url);
    setConfirming(false);
    await state.reload();
  });
  const revoke = useAction(async () => {
    await result(api.DELETE('/v1/me/calendar'));
    setUrl(undefined);
    setConfirming(false);
    await state.reload();
  });
  const active = state.data?.active === true;
  return (
    <section class="calendar-settings" aria-labelledby="calendar-heading">
      <h2 id="calendar-heading">Calendar</h2>
      <p class="hint">
        A private calendar of the effective dates, expiries and suspension ends of the changes your
        subscriptions match, kept current as changes arrive. Add it by URL: Google Calendar (Other calendars,
        From URL), Outlook (Add calendar, Subscribe from web) or Apple Calendar (File, New Calendar
        Subscription).
      </p>
      <ProblemBanner problem={issue.problem ?? revoke.problem} />
      {!state.data ? (
        <Loading loading={state.loading} problem={state.problem} />
      ) : (
        <>
          {url ? (
            <section class="secret" aria-label="New calendar URL">
              <p>Your calendar URL, shown only this once. Anyone who has it can read the calendar.</p>
              <label for="calendar-url">Calendar URL</label>
              <input id="calendar-url" readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
              <p>
                <CopyButton text={url} label="Copy URL" />{' '}
                <a class="button" href={url.replace(/^https?:/, 'webcal:')}>
                  Open in a calendar app
                </a>
              </p>
            </section>
          ) : (
            <p class="calendar-state">
              {active ? (
                <>
                  A calendar URL is active since <Time iso={state.data.createdAt} />. It was shown once; a new
                  one replaces it.
                </>
              ) : (
                'No calendar URL is active.'
              )}
            </p>
          )}
          <div class="form-actions">
            <button class="primary" type="button" disabled={issue.busy} onClick={() => void issue.run()}>
              {active ? 'Replace calendar URL' : 'Get calendar URL'}
            </button>
            {active && !confirming && (
              <button class="danger" type="button" onClick={() => setConfirming(true)}>
                Revoke
              </button>
            )}
          </div>
          {confirming && (
            <div class="notice" role="alertdialog" aria-labelledby="revoke-question">
              <p id="revoke-question">Revoke the calendar URL? Calendars using it stop updating.</p>
              <button class="danger" type="button" disabled={revoke.busy} onClick={() => void revoke.run()}>
                Revoke calendar URL
              </button>{' '}
              <button type="button" onClick={() => setConfirming(false)}>
                Keep it
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
