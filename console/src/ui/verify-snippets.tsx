import { useState } from 'preact/hooks';
import { CopyButton } from './data';

/**
 * How a receiver verifies a delivery with the Standard Webhooks library of its language. The
 * secret is never put into a snippet: each reads it from the environment.
 */
export const SNIPPETS = {
  Node: {
    install: 'npm install standardwebhooks',
    code: `import { Webhook } from 'standardwebhooks';

const wh = new Webhook(process.env.WEBHOOK_SECRET); // whsec_…
// body: the raw request body as a string, never re-serialised JSON
const event = wh.verify(body, {
  'webhook-id': req.headers['webhook-id'],
  'webhook-timestamp': req.headers['webhook-timestamp'],
  'webhook-signature': req.headers['webhook-signature'],
}); // throws when the signature or timestamp is wrong`,
  },
  Python: {
    install: 'pip install standardwebhooks',
    code: `import os
from standardwebhooks import Webhook

wh = Webhook(os.environ["WEBHOOK_SECRET"])  # whsec_…
# body: the raw request body; headers: the request's headers
event = wh.verify(body, headers)  # raises when the signature or timestamp is wrong`,
  },
  Go: {
    install: 'go get github.com/standard-webhooks/standard-webhooks/libraries',
    code: `import (
    "io"
    "net/http"
    "os"

    standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"
)

func handle(w http.ResponseWriter, r *http.Request) {
    wh, err := standardwebhooks.NewWebhook(os.Getenv("WEBHOOK_SECRET")) // whsec_…
    if err != nil {
        http.Error(w, "bad secret", http.StatusInternalServerError)
        return
    }
    body, _ := io.ReadAll(r.Body)
    if err := wh.Verify(body, r.Header); err != nil {
        http.Error(w, "invalid signature", http.StatusBadRequest)
        return
    }
    w.WriteHeader(http.StatusNoContent)
}`,
  },
  Java: {
    install: 'Maven: com.standardwebhooks:standardwebhooks',
    code: `import com.standardwebhooks.Webhook;
import java.net.http.HttpHeaders;

Webhook wh = new Webhook(System.getenv("WEBHOOK_SECRET")); // whsec_…
// payload: the raw request body; headers: a java.net.http.HttpHeaders of the request
wh.verify(payload, headers); // throws WebhookVerificationException when it does not verify`,
  },
  Ruby: {
    install: 'gem install standardwebhooks',
    code: `require "standardwebhooks"

wh = StandardWebhooks::Webhook.new(ENV.fetch("WEBHOOK_SECRET")) # whsec_…
# payload: request.raw_post; headers: the webhook-* request headers
wh.verify(payload, headers) # raises when the signature or timestamp is wrong`,
  },
} as const;

type Language = keyof typeof SNIPPETS;
const LANGUAGES = Object.keys(SNIPPETS) as Language[];

/** The snippets as tabs, one language at a time; folded away unless `open` (a secret just shown). */
export function VerifySnippets({ open = false }: { open?: boolean }) {
  const [shown, setShown] = useState<Language>('Node');
  const snippet = SNIPPETS[shown];
  return (
    <details class="verify-snippets" open={open}>
      <summary>Verify deliveries in your receiver: Node, Python, Go, Java, Ruby</summary>
      <div role="tablist" aria-label="Language">
        {LANGUAGES.map((language) => (
          <button
            key={language}
            type="button"
            role="tab"
            id={`snippet-tab-${language}`}
            aria-selected={shown === language}
            aria-controls="snippet-panel"
            onClick={() => setShown(language)}
          >
            {language}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="snippet-panel" aria-labelledby={`snippet-tab-${shown}`} data-language={shown}>
        <p>
          <code>{snippet.install}</code>
        </p>
        <pre>{snippet.code}</pre>
        <CopyButton text={snippet.code} label={`Copy ${shown} snippet`} />
      </div>
    </details>
  );
}
