import { FieldIssues, issuesFor } from './forms';

/** The event feed as a subscription's channel: one checkbox, with where the feed is read. */
export function FeedChannel(props: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  problem: unknown;
}) {
  return (
    <div class="field" data-field="feed">
      <label class="check">
        <input
          type="checkbox"
          name="feed"
          checked={props.checked}
          aria-describedby="feed-hint"
          onChange={(e) => props.onChange(e.currentTarget.checked)}
        />
        <span>Keep alerts in the event feed</span>
      </label>
      <p class="hint" id="feed-hint">
        For systems that cannot receive calls: they read <code>GET /v1/events</code> (see{' '}
        <a href="#/events">Event feed</a>). May be the only channel.
      </p>
      <FieldIssues issues={issuesFor(props.problem, 'feed')} />
    </div>
  );
}
