import type { Schemas } from '../api/client';
import { Time } from './time';

type Attempt = Schemas['Delivery']['attempts'][number];

/** Pretty-printed when it is JSON, as sent otherwise. */
function readable(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

function Headers({ headers, label }: { headers: Record<string, string> | undefined; label: string }) {
  if (!headers || Object.keys(headers).length === 0) return null;
  return (
    <>
      <h4>{label}</h4>
      <dl class="headers">
        {Object.entries(headers).map(([name, value]) => (
          <div key={name}>
            <dt>{name}</dt>
            <dd>
              <code>{value}</code>
            </dd>
          </div>
        ))}
      </dl>
    </>
  );
}

/**
 * One attempt as the receiver saw it and answered: the request's headers and body (no secret is
 * ever kept), the status, the response's headers and body excerpts, and how long it took.
 */
export function AttemptDetail({ attempt, index }: { attempt: Attempt; index: number }) {
  const { request } = attempt;
  return (
    <li data-attempt={index}>
      <details>
        <summary>
          <Time iso={attempt.at} /> · <strong>{attempt.statusCode ?? 'no answer'}</strong> ·{' '}
          <span data-latency>{attempt.durationMs} ms</span>
          {attempt.rateLimitWaitMs ? ` · waited ${attempt.rateLimitWaitMs} ms for its turn` : ''}
          {attempt.circuitWaitMs ? ` · held ${attempt.circuitWaitMs} ms by the open circuit` : ''}
        </summary>
        {attempt.error && <p class="error-text">{attempt.error}</p>}
        {request && (
          <section class="attempt-request" aria-label={`Request of attempt ${index + 1}`}>
            <h3>Request sent</h3>
            <Headers headers={request.headers} label="Headers" />
            <h4>
              Body ({request.bodyBytes} bytes{request.bodyTruncated ? ', first 16 KB shown' : ''})
            </h4>
            {request.body !== undefined && <pre data-request-body>{readable(request.body)}</pre>}
          </section>
        )}
        <section class="attempt-response" aria-label={`Response to attempt ${index + 1}`}>
          <h3>Response {attempt.statusCode !== undefined ? attempt.statusCode : '(none)'}</h3>
          <Headers headers={attempt.responseHeaders} label="Headers (excerpt)" />
          {attempt.excerpt && (
            <>
              <h4>Body (excerpt)</h4>
              <pre data-response-body>{attempt.excerpt}</pre>
            </>
          )}
        </section>
      </details>
    </li>
  );
}
