// The API as TypeScript types, generated from /openapi.json by `npm run api:generate`: do not edit.

export interface paths {
    "/v1/admin/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The audit trail
         * @description Every admin action and subscription change, newest first: who (key id and scope), what (`action`, target), when, and the record before and after. Filters combine; paged.
         */
        get: operations["listAuditRecords"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/deliveries/dead": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Dead deliveries across all subscribers
         * @description Deliveries that gave up (`dead`) across every subscriber, most recently dead first, each with its subscriber and the reason in its last attempt; paged with `limit` and `cursor`. Administrators only.
         */
        get: operations["adminListDeadDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/deliveries/dead/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Retry dead deliveries in bulk
         * @description Queues up to 100 dead deliveries again (repeated ids count once), each with a fresh retry budget and its same `webhook-id`. Ids that are unknown or not `dead` are skipped and listed with the reason. Administrators only.
         */
        post: operations["adminRetryDeadDeliveries"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/review": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The review queue of imported changes
         * @description Imported changes an importer was unsure of (sent with `reviewStatus: "pending"`): stored, not matched, not alerted and not in the history until approved. Oldest first; `status` lists the approved (`published`) or `rejected` ones instead. Paged. Administrators only.
         */
        get: operations["adminListReviewItems"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/review/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One review item
         * @description One review item: the change as imported, the importer’s confidence and evidence, and, once decided, who decided, when and how. Administrators only.
         */
        get: operations["adminGetReviewItem"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/review/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve and publish a queued change
         * @description Publishes a pending change, with `edits` laid over it first (any policy-change field but `source`, `sourceRef` and `revision`): it is stored, matched and alerted exactly as `POST /v1/policy-changes` would, and audited. The body may be left out to approve unchanged. Edits that make the change invalid answer 422 naming `edits.<field>`. Administrators only.
         */
        post: operations["adminApproveReviewItem"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/review/{id}/reach": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * How far a pending change would go
         * @description How many subscriptions a pending change would reach if approved as proposed, found as the matcher finds them (the subscription index, then each candidate's filters and verdict): check a wildcard or a broad lane before approving. Nothing is written. Administrators only.
         */
        get: operations["adminGetReviewReach"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/review/{id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reject a queued change
         * @description Rejects a pending change with a reason (1-1000 characters); nothing is published and the same revision imported again stays rejected. Audited. Administrators only.
         */
        post: operations["adminRejectReviewItem"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Running metric totals, memory, lanes and circuits (local modes)
         * @description Local modes only: running totals of the metrics the service sends to CloudWatch (alerts, deliveries by channel and outcome, latencies, matcher, imports), the memory of the process and of DynamoDB Local, and the dispatch pool, per-endpoint lanes and open circuits, one object per section. Deployed, the figures are on the CloudWatch dashboard and this answers 404. Administrators only.
         */
        get: operations["adminGetStats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/subscribers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every subscriber, oldest first
         * @description Every subscriber (id, name, creation time), oldest first, paged with `limit` and `cursor`. Administrators only.
         */
        get: operations["adminListSubscribers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/subscribers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One subscriber, with its default profile
         * @description A subscriber by id (name, creation time, default profile). Administrators only.
         */
        get: operations["adminGetSubscriber"];
        put?: never;
        post?: never;
        /**
         * Delete a subscriber with everything it owns
         * @description Deletes a subscriber with everything it owns: its subscriptions (and their e-mail topics) and its API keys. Its unfinished (`pending` or `failed`) deliveries are marked `dead` with the reason `subscriber deleted`; the answer counts what was removed. Audited. Administrators only.
         */
        delete: operations["adminDeleteSubscriber"];
        options?: never;
        head?: never;
        /**
         * Rename a subscriber or set its default profile
         * @description Changes a subscriber's name (1-200 characters, trimmed) or its default profile (`null` removes it; its subscriptions without a profile of their own are judged on it from the next alert); each change is audited. Administrators only.
         */
        patch: operations["adminRenameSubscriber"];
        trace?: never;
    };
    "/v1/admin/subscriptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Subscriptions by subscriber or by material
         * @description Give exactly one of `subscriberId` (that subscriber's subscriptions) or `material` (those whose filters name it, `*` included). Paged; never secrets.
         */
        get: operations["adminListSubscriptions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/subscriptions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Any subscription
         * @description Any subscription, whoever holds it, without its webhook secret.
         */
        get: operations["adminGetSubscription"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change any subscription's filters or status
         * @description Replace the filters, set the status (`active`, `paused`) or the profile (`null` removes it) of any subscription; the change is on the audit trail with the admin's key id. Channels and secrets stay the subscriber's own.
         */
        patch: operations["adminUpdateSubscription"];
        trace?: never;
    };
    "/v1/admin/subscriptions/{id}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Pause any subscription
         * @description A paused subscription holds its deliveries until it is resumed. Pausing a paused one changes nothing.
         */
        post: operations["adminPauseSubscription"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/subscriptions/{id}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resume any subscription
         * @description Deliveries held while it was paused go out. Resuming an active one changes nothing.
         */
        post: operations["adminResumeSubscription"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List API keys
         * @description Every API key, or one subscriber's (`subscriberId`), with scope, name and status; never the key or its hash. Paged. Admin keys only.
         */
        get: operations["listApiKeys"];
        put?: never;
        /**
         * Create an API key
         * @description An `admin` key, an `ingest` key (may only post policy changes), or a second `subscriber` key for a subscriber rotating its key (at most 2 active). The key is in this response only. Admin keys only.
         */
        post: operations["createApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys/{keyId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an API key
         * @description Revokes any key: it answers 401 from the next request on. Revoking a revoked key changes nothing. Admin keys only.
         */
        delete: operations["revokeApiKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/calendars/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A private calendar (iCalendar)
         * @description The calendar a private URL opens, as `text/calendar`: its token is its only credential (no API key). An unknown or revoked token answers 404.
         */
        get: operations["readCalendar"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The delivery log, filtered, across subscriptions
         * @description The delivery log across a subscriber's subscriptions, newest first: each delivery with its attempts (the request sent, the response), the policy change it was about and why it matched. Filters: `status`, `type`, `channel`, `from`/`to` (creation time), `webhookId`. Each subscription is read by its own key range, never by a scan. A subscriber sees its own; an administrator names `subscriberId` or `subscriptionId`. Paged: pass `nextCursor` back as `cursor` with the same filters; a page may hold fewer than `limit` items and still have a next one. Deliveries, with their attempts and the alert they carry, are kept for DELIVERY_RETENTION (90 days by default) after their last attempt, then deleted; a delivery still pending or retrying is kept. An expired delivery answers 404 and is no longer listed or replayable.
         */
        get: operations["listDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/deliveries/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One delivery with every attempt
         * @description One delivery: its channel, status (`pending`, `delivered`, `failed` while retries remain, `dead` after the last), the next attempt if one is scheduled, and every attempt so far. Its subscriber, or an administrator. Deliveries, with their attempts and the alert they carry, are kept for DELIVERY_RETENTION (90 days by default) after their last attempt, then deleted; a delivery still pending or retrying is kept. An expired delivery answers 404 and is no longer listed or replayable.
         */
        get: operations["getDelivery"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/deliveries/{id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send one delivery again now
         * @description Sends the delivery again now, whatever its state, with the same `webhook-id` (receivers deduplicate on it); the retry schedule starts over. At most REPLAY_LIMIT (3) times per delivery and hour: more answers 429 with `Retry-After`. Its subscriber, or an administrator. Deliveries, with their attempts and the alert they carry, are kept for DELIVERY_RETENTION (90 days by default) after their last attempt, then deleted; a delivery still pending or retrying is kept. An expired delivery answers 404 and is no longer listed or replayable. A replay starts a new retention period for the delivery.
         */
        post: operations["retryDelivery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The subscriber's event feed
         * @description The alerts of the subscriptions with `feed: true`, across them, oldest first, for receivers that cannot take webhook calls. Each event is the webhook body with its `id`. `nextCursor` never skips or repeats an event, even while alerts are being written; events are kept for the delivery retention period (DELIVERY_RETENTION, 90 days). Subscriber keys only.
         */
        get: operations["listEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/materials": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The material taxonomy
         * @description Every node of the material taxonomy (elements, groups such as `rare-earths`, products) with its parent, symbol, HS codes, synonyms and ancestors. Filters and policy changes name materials by these ids; a filter on a group hears about everything below it and the reverse. No key needed.
         */
        get: operations["listMaterials"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/materials/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Create or replace a material
         * @description Creates the material or replaces it whole; new `parents` (or the v1 `parent`) move it with everything below it, and matching follows from the next change on. Every edit is on the audit trail. Admin keys only.
         */
        put: operations["putMaterial"];
        post?: never;
        /**
         * Remove a material
         * @description Removes a material that is nobody's parent and that no subscription names (409 says how many do). Admin keys only.
         */
        delete: operations["deleteMaterial"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Who the calling key is
         * @description The key id, its scope and, for a subscriber key, its subscriber: what a client needs to know which actions it may offer. Any key.
         */
        get: operations["getCaller"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List my API keys
         * @description The calling subscriber's keys, active and revoked, without the keys or their hashes.
         */
        get: operations["listOwnApiKeys"];
        put?: never;
        /**
         * Create a second API key
         * @description A second key, to rotate without downtime: create it, move your systems to it, revoke the old one. At most 2 active. The key is in this response only.
         */
        post: operations["createOwnApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/api-keys/{keyId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke one of my API keys
         * @description Revokes one of the caller's keys; never its last active one, so it cannot lock itself out.
         */
        delete: operations["revokeOwnApiKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/calendar": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Whether a calendar URL is active
         * @description Whether the subscriber has a calendar URL, and since when (the URL itself is shown only when issued). Subscriber keys only.
         */
        get: operations["getCalendarState"];
        put?: never;
        /**
         * Get a private calendar URL
         * @description A private iCalendar URL listing the effective dates, expiries and suspension ends of the changes the subscriber’s subscriptions match, as all-day entries; it opens in Google Calendar, Outlook and Apple Calendar. Only a hash of its token is kept, so the URL is shown once; a new one replaces (and revokes) the previous one. Subscriber keys only.
         */
        post: operations["issueCalendarUrl"];
        /**
         * Revoke the calendar URL
         * @description The calendar URL answers 404 from now on. Revoking when there is none changes nothing. Subscriber keys only.
         */
        delete: operations["revokeCalendarUrl"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/subscriber": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The calling subscriber, with its default profile
         * @description The subscriber the calling key belongs to. Subscriber keys only.
         */
        get: operations["getOwnSubscriber"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Set the default profile
         * @description Sets (or, with `null`, removes) the subscriber's default profile: its subscriptions without a profile of their own are judged on it from the next alert. Audited. Subscriber keys only.
         */
        patch: operations["updateOwnSubscriber"];
        trace?: never;
    };
    "/v1/policy-changes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Policy-change history
         * @description The history of policy changes, newest first, narrowed by any of the filters (they combine). Changes awaiting review are not listed. Each carries the matcher's progress on its latest revision: `matching.status` (`pending` or `completed`), `matching.matched` (subscriptions matched) and `matching.alerts` (alerts sent). Paged: pass `nextCursor` back as `cursor`. Any key.
         */
        get: operations["listPolicyChanges"];
        put?: never;
        /**
         * Ingest a policy change
         * @description Stores a revision of a policy change and starts matching it against every subscription; alerts follow within moments. `source` + `sourceRef` identify the change: the same revision again answers 200 with the same id and sends nothing; a higher `revision` is an update (`policy_change.updated`). Material ids, names and region codes are checked against the catalogue. An ingest or admin key.
         */
        post: operations["ingestPolicyChange"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/policy-changes/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One policy change and its matching status
         * @description The latest revision of a policy change with its lifecycle status and its matching status: `pending` while the matcher runs, then `completed` with how many subscriptions matched. Any key.
         */
        get: operations["getPolicyChange"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/policy-changes/{id}/revisions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Revisions of a policy change
         * @description Every stored revision of one policy change, oldest first, as ingested. Any key.
         */
        get: operations["listPolicyChangeRevisions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/policy-changes/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ingest a batch of policy changes
         * @description Ingests up to 100 policy changes in one request, in order, each exactly as `POST /v1/policy-changes` would (published, or queued for review with `reviewStatus: "pending"`). Each item is validated on its own: a bad item is an `error` result with its problem (field names start with `items.<index>`), never a failed batch, and the items before and after it are kept. An item already ingested is a `duplicate` and sends nothing, so a failed batch is simply sent again. An ingest or admin key.
         */
        post: operations["ingestPolicyChangeBatch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/regime": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The regime in force on a lane
         * @description The policy changes in force at `at` (default now) on the lane from `origin` to `destination` for a material, matched with the same rules as subscriptions, with each one's status then. Rules naming parties (end-user and sanctions lists) are listed apart in `partyRules`; `party=` (repeatable) screens names against them. Any key.
         */
        get: operations["getRegime"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/regions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Region codes and groups
         * @description ISO 3166-1 alpha-2 country codes with names, region groups (`EU`, `G7`, …) with their members, and `*` for all countries. No key needed.
         */
        get: operations["listRegions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/regions/groups/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Create or replace a region group
         * @description Creates the region group or replaces its name and members (ISO alpha-2 codes); filters naming the group follow its new members. Admin keys only.
         */
        put: operations["putRegionGroup"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscribers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a subscriber and its first key
         * @description A subscriber is an organisation that holds subscriptions. Its first API key (scope `subscriber`) is in this response only; the service keeps its SHA-256 hash. Admin keys only.
         */
        post: operations["createSubscriber"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscriptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller's subscriptions
         * @description Every subscription of the calling subscriber in one answer (a subscriber holds at most 100 by default), without webhook secrets.
         */
        get: operations["listSubscriptions"];
        put?: never;
        /**
         * Create a subscription
         * @description Filters say which policy changes to hear about; channels say where alerts go (a webhook, SMS numbers, e-mail addresses; at least one). Material ids and region codes are checked against the catalogue (`GET /v1/materials`, `GET /v1/regions`). With a webhook, the response carries its `whsec_` signing secret: this is the only time it is shown. Subscriber keys only.
         */
        post: operations["createSubscription"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscriptions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One subscription
         * @description One of the caller's subscriptions; another subscriber's id answers 404.
         */
        get: operations["getSubscription"];
        put?: never;
        post?: never;
        /**
         * Delete a subscription
         * @description Removes the subscription; deliveries still pending end `dead` with the reason, and nothing more is sent.
         */
        delete: operations["deleteSubscription"];
        options?: never;
        head?: never;
        /**
         * Change a subscription
         * @description Change any of name, filters, channels or status (`active` or `paused`; a paused subscription holds its deliveries until resumed). Fields left out stay as they are; `filters` is replaced as a whole; `null` removes a channel (at least one must remain). A new webhook URL keeps the signing secret; a webhook added afresh gets one, in this response only.
         */
        patch: operations["updateSubscription"];
        trace?: never;
    };
    "/v1/subscriptions/{id}/chat-test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a test message to Slack or Teams
         * @description Posts a sample alert to the subscription's Slack or Teams channel, in that product's format, through the same queue, retries and delivery log as real alerts. The answer is the queued delivery; read it back to see its attempts.
         */
        post: operations["sendChatTest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscriptions/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A subscription's delivery log
         * @description Deliveries newest first, one per alert and channel, each with every attempt (time, status code, latency, error, the request sent with its headers and body, the response headers and body excerpts). Paged: pass `nextCursor` back as `cursor`. Its subscriber, or an administrator for any subscription. Deliveries, with their attempts and the alert they carry, are kept for DELIVERY_RETENTION (90 days by default) after their last attempt, then deleted; a delivery still pending or retrying is kept. An expired delivery answers 404 and is no longer listed or replayable.
         */
        get: operations["listSubscriptionDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscriptions/{id}/digest": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Preview the next digest
         * @description When the subscription's next digest goes out and what it holds so far: the changes gathered since the previous one, each with its events. Without a digest: no `nextAt` and no items.
         */
        get: operations["previewDigest"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscriptions/{id}/recover": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send again every failed delivery since a time
         * @description Every `failed` or `dead` delivery of this subscription created since `since` is queued again with the same `webhook-id` (receivers deduplicate on it), paced rather than as one burst; deliveries already replayed REPLAY_LIMIT (3) times this hour are skipped and counted. Use it after an outage of your receiver, once it is back. One recovery per subscription at a time: another while one is still sending answers 409. Deliveries, with their attempts and the alert they carry, are kept for DELIVERY_RETENTION (90 days by default) after their last attempt, then deleted; a delivery still pending or retrying is kept. An expired delivery answers 404 and is no longer listed or replayable. Recovery reaches back as far as that history does.
         */
        post: operations["recoverDeliveries"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscriptions/{id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate the webhook signing secret
         * @description A new `whsec_` secret signs from now on. The previous one keeps signing beside it (two `v1,` signatures in `webhook-signature`) until `previousSecretsExpireAt`, so receivers can switch without losing a message. The new secret is shown only here.
         */
        post: operations["rotateWebhookSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscriptions/{id}/sms/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Confirm an SMS number with its code
         * @description Confirms a phone number of this subscription with the six-digit code texted to it; only confirmed numbers receive alerts. Five wrong codes void the code (ask for a new one with `sms/resend`). The subscription owner only.
         */
        post: operations["confirmSmsNumber"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscriptions/{id}/sms/resend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Text a new SMS confirmation code
         * @description Texts a new confirmation code to a number of this subscription that is still pending; the previous code stops working. At most 3 codes per number and UTC day: more answers 429 with `Retry-After`. The subscription owner only.
         */
        post: operations["resendSmsCode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscriptions/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a test event to the webhook
         * @description Sends a signed test event through the subscription's webhook, as a real alert would go (same signing, retries and delivery log): `subscription.test` by default, or any event `type`, whose body is then shaped like that event about a stand-in change (source `material-alerts`, sourceRef `test-event`). The answer is the queued delivery; read it back to see its attempts.
         */
        post: operations["sendTestEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscriptions/{id}/webhook/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Disable the webhook by hand
         * @description Stops sending to the webhook (reason `disabled by hand`); new alerts to it end `dead` and other channels carry on. Enable it with `webhook/enable`, then `recover` sends what it missed. Disabling a disabled webhook changes nothing.
         */
        post: operations["disableWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscriptions/{id}/webhook/enable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Enable a disabled webhook again
         * @description A webhook is disabled after it answers 410 Gone or fails without a single success for the configured time (5 days). This enables it again for new alerts; deliveries that failed meanwhile are sent again with `recover`.
         */
        post: operations["enableWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscriptions/{id}/webhook/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The webhook's health
         * @description How the subscription's webhook is doing: success rate of its attempts over the last day and week, its latest failures, the circuit breaker (opened by timeouts and connection failures in a row) and the rate limit (change it with `PATCH {"webhook": {"rateLimit": n}}`). Read from the subscription's own deliveries. Its subscriber, or an administrator.
         */
        get: operations["getWebhookHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscriptions/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Preview filters against the history
         * @description The stored policy changes (latest revisions, newest first) that a subscription with these filters would have been alerted about, each with its applicability verdict for `profile` (by default the subscriber's `defaultProfile`; none: `unknown`). A match the filters' `applicability` setting would hold back is not listed. Filters and profile are checked as a subscription's are. Reads the history index, at most 10000 changes, and lists at most 500. Nothing is stored. Subscriber or admin keys.
         */
        post: operations["previewSubscription"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface webhooks {
    "alerts.digest": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * alerts.digest
         * @description A subscription with a `digest` gets, once per period, the alerts of that period grouped by change: each item is the latest `data` about one change with its `events`. An empty period sends nothing. Signed per Standard Webhooks; answer any 2xx within 15 s.
         */
        post: operations["eventAlertsDigest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "policy_change.effective_soon": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * policy_change.effective_soon
         * @description A matched change takes effect within the configured number of days. Signed per Standard Webhooks; answer any 2xx within 15 s.
         */
        post: operations["eventPolicyChangeEffectiveSoon"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "policy_change.expiring_soon": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * policy_change.expiring_soon
         * @description A matched change expires within the configured number of days. Signed per Standard Webhooks; answer any 2xx within 15 s.
         */
        post: operations["eventPolicyChangeExpiringSoon"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "policy_change.published": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * policy_change.published
         * @description A new policy change matched the subscription. Signed per Standard Webhooks; answer any 2xx within 15 s.
         */
        post: operations["eventPolicyChangePublished"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "policy_change.status_changed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * policy_change.status_changed
         * @description A matched change moved in its lifecycle; `data.statusChange` says how. Signed per Standard Webhooks; answer any 2xx within 15 s.
         */
        post: operations["eventPolicyChangeStatusChanged"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "policy_change.updated": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * policy_change.updated
         * @description A higher revision of a change the subscription matches; `data.changes` lists what differs. Signed per Standard Webhooks; answer any 2xx within 15 s.
         */
        post: operations["eventPolicyChangeUpdated"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "subscription.test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * subscription.test
         * @description Sent on request (`POST /v1/subscriptions/{id}/test`) to check a receiver end to end. Signed per Standard Webhooks; answer any 2xx within 15 s.
         */
        post: operations["eventSubscriptionTest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface components {
    schemas: {
        /**
         * @example {
         *       "filters": {
         *         "materials": [
         *           "gallium",
         *           "germanium"
         *         ],
         *         "affectedRegions": [
         *           "*"
         *         ]
         *       }
         *     }
         */
        AdminSubscriptionPatch: {
            /** @description Replaces the filters as a whole */
            filters?: {
                /** @description The destinations the change applies to: ISO 3166-1 alpha-2 codes, region groups or `*`. Groups are expanded when matching. */
                affectedRegions?: string[];
                /** @enum {string} */
                applicability?: "relevant" | "applies" | "all";
                /** @description Only these kinds of change; absent: every kind. */
                changeTypes?: ("licence-requirement" | "export-ban" | "extraterritorial-control" | "technology-control" | "export-quota" | "export-tax" | "import-tariff" | "trade-investigation" | "end-user-list-addition" | "end-user-list-removal" | "sanctions" | "general-licence" | "verified-end-user" | "suspension" | "critical-mineral-designation" | "other")[];
                /** @description Only changes that tighten, relax or neither; absent: all three. */
                directions?: ("tightening" | "relaxation" | "neutral")[];
                /** @description A watchlist: a change naming one of these companies or people on an end-user or sanctions list matches (names compared after normalisation, similarity at least 0.9, same country when both give one). */
                entities?: {
                    country?: string;
                    name: string;
                }[];
                /** @description HS code prefixes (2 to 10 digits; dots and spaces ignored): a change matches when one of its codes starts with one of these. */
                hsCodes?: string[];
                /** @description Who imposes the change: ISO 3166-1 alpha-2 codes, region groups (`EU`, `G7`) or `*`. */
                issuingRegions?: string[];
                /** @description Only changes covering these kinds of item (`goods`, `equipment`, `technology`, `software`, `services`). */
                itemTypes?: ("goods" | "equipment" | "technology" | "software" | "services")[];
                /** @description Taxonomy ids (`GET /v1/materials`) or `*` for every material. Matching follows the taxonomy both ways: `rare-earths` hears about `dysprosium`, and `dysprosium` about a rule on all rare earths. */
                materials?: ("*" | string)[];
                /**
                 * @description Only changes at least this severe (`low` < `medium` < `high` < `critical`).
                 * @enum {string}
                 */
                minSeverity?: "low" | "medium" | "high" | "critical";
                /** @description Where the goods come from, against the change’s origins: codes, groups or `*`. */
                originRegions?: string[];
                /** @description The kinds of change heard about: `lanes` (rules on named materials or HS codes), `all-items` (`materials: ["*"]`), `parties` (rules naming entities: end-user and sanctions lists). Default `["lanes","all-items"]`; a watchlist hears about the party rules that name its entities whatever its scopes. */
                scopes?: ("lanes" | "all-items" | "parties")[];
            } | {
                /** @description The destinations the change applies to: ISO 3166-1 alpha-2 codes, region groups or `*`. Groups are expanded when matching. */
                affectedRegions?: string[];
                /** @enum {string} */
                applicability?: "relevant" | "applies" | "all";
                /** @description Only these kinds of change; absent: every kind. */
                changeTypes?: ("licence-requirement" | "export-ban" | "extraterritorial-control" | "technology-control" | "export-quota" | "export-tax" | "import-tariff" | "trade-investigation" | "end-user-list-addition" | "end-user-list-removal" | "sanctions" | "general-licence" | "verified-end-user" | "suspension" | "critical-mineral-designation" | "other")[];
                /** @description Only changes that tighten, relax or neither; absent: all three. */
                directions?: ("tightening" | "relaxation" | "neutral")[];
                /** @description A watchlist: a change naming one of these companies or people on an end-user or sanctions list matches (names compared after normalisation, similarity at least 0.9, same country when both give one). */
                entities?: {
                    country?: string;
                    name: string;
                }[];
                /** @description HS code prefixes (2 to 10 digits; dots and spaces ignored): a change matches when one of its codes starts with one of these. */
                hsCodes?: string[];
                /** @description Who imposes the change: ISO 3166-1 alpha-2 codes, region groups (`EU`, `G7`) or `*`. */
                issuingRegions?: string[];
                /** @description Only changes covering these kinds of item (`goods`, `equipment`, `technology`, `software`, `services`). */
                itemTypes?: ("goods" | "equipment" | "technology" | "software" | "services")[];
                /** @description Taxonomy ids (`GET /v1/materials`) or `*` for every material. Matching follows the taxonomy both ways: `rare-earths` hears about `dysprosium`, and `dysprosium` about a rule on all rare earths. */
                materials?: ("*" | string)[];
                /**
                 * @description Only changes at least this severe (`low` < `medium` < `high` < `critical`).
                 * @enum {string}
                 */
                minSeverity?: "low" | "medium" | "high" | "critical";
                /** @description Where the goods come from, against the change’s origins: codes, groups or `*`. */
                originRegions?: string[];
                /** @description The kinds of change heard about: `lanes` (rules on named materials or HS codes), `all-items` (`materials: ["*"]`), `parties` (rules naming entities: end-user and sanctions lists). Default `["lanes","all-items"]`; a watchlist hears about the party rules that name its entities whatever its scopes. */
                scopes?: ("lanes" | "all-items" | "parties")[];
            }[];
            profile?: {
                endUses?: ("civilian" | "military" | "advanced-semiconductors" | "weapons-of-mass-destruction" | "humanitarian")[];
                licences?: {
                    issuer: string;
                    /** @enum {string} */
                    type: "individual" | "general";
                }[];
                reExports?: boolean;
                verifiedEndUser?: string[];
            } | null;
            /**
             * @description `paused` holds deliveries
             * @enum {string}
             */
            status?: "active" | "paused";
        };
        ApiKey: {
            createdAt: string;
            keyId: string;
            name?: string;
            revokedAt?: string;
            /** @enum {string} */
            scope: "admin" | "ingest" | "subscriber";
            /** @enum {string} */
            status: "active" | "revoked";
            subscriberId?: string;
        };
        ApiKeyCreated: {
            /** @description The key, shown only here; stored only as a SHA-256 hash */
            apiKey: string;
            createdAt: string;
            keyId: string;
            name?: string;
            /** @enum {string} */
            scope: "admin" | "ingest" | "subscriber";
            subscriberId?: string;
        };
        /**
         * @example {
         *       "scope": "ingest",
         *       "name": "Federal Register importer"
         *     }
         */
        ApiKeyInput: {
            /** @description A label for people */
            name?: string;
            /** @enum {string} */
            scope: "admin" | "ingest" | "subscriber";
            /** @description Required for subscriber keys, absent for the others */
            subscriberId?: string;
        };
        ApiKeyPage: {
            items: components["schemas"]["ApiKey"][];
            nextCursor?: string;
        };
        /** @description Webhooks: the request this attempt sent; no secret is ever kept */
        AttemptRequest: {
            /** @description The body sent, the exact signed bytes, cut to its first 16 KB (`bodyTruncated`); absent where it is not read (replies to a retry or a test) or once the alert has expired */
            body?: string;
            /** @description The size of the whole body sent, in bytes */
            bodyBytes?: number;
            /**
             * @description Set when `body` is only its start
             * @enum {boolean}
             */
            bodyTruncated?: true;
            /** @description The headers sent: `content-type`, `webhook-id`, `webhook-timestamp`, `webhook-signature` (an HMAC, not the secret), `user-agent` */
            headers: {
                [key: string]: string;
            };
        };
        AuditPage: {
            items: components["schemas"]["AuditRecord"][];
            nextCursor?: string;
        };
        AuditRecord: {
            /** @description What happened, as `noun.verb`: `subscription.updated`, `api-key.revoked`, … */
            action: string;
            /** @description The key that acted (`bootstrap-admin` for the configured admin key; `system` for the service) */
            actor: {
                keyId: string;
                /** @enum {string} */
                scope: "admin" | "ingest" | "subscriber" | "system";
                subscriberId?: string;
            };
            /** @description The record after the change, secrets removed */
            after?: unknown;
            at: string;
            /** @description The record before the change, secrets removed */
            before?: unknown;
            id: string;
            requestId?: string;
            subscriberId?: string;
            target: {
                id: string;
                type: string;
            };
        };
        CalendarState: {
            active: boolean;
            /** @description When the current URL was issued */
            createdAt?: string;
        };
        CalendarUrl: {
            /** @description The private calendar URL, shown once: anyone who has it can read the calendar until it is revoked */
            url: string;
        };
        Caller: {
            /** @description The calling key (`bootstrap-admin` for the configured admin key) */
            keyId: string;
            /** @enum {string} */
            scope: "admin" | "ingest" | "subscriber";
            /** @description For subscriber keys: whose key it is */
            subscriberId?: string;
        };
        /**
         * @example {
         *       "channel": "slack"
         *     }
         */
        ChatTestInput: {
            /**
             * @description The chat channel to post the test message to
             * @enum {string}
             */
            channel: "slack" | "teams";
        };
        DeadDeliveryPage: {
            items: (components["schemas"]["Delivery"] & {
                subscriberId: string;
            })[];
            nextCursor?: string;
        };
        DeadDeliveryRetried: {
            retried: string[];
            skipped: {
                deliveryId: string;
                reason: string;
            }[];
        };
        /**
         * @example {
         *       "deliveryIds": [
         *         "01JGZ7Q2M4W6N8P0R2T4V6X8Z0"
         *       ]
         *     }
         */
        DeadDeliveryRetry: {
            /** @description Up to 100 ids of `dead` deliveries (`GET /v1/admin/deliveries/dead`); others are skipped with the reason */
            deliveryIds: string[];
        };
        /** @description The policy change the delivery was about, as its alert carried it */
        DeliveredChange: {
            changeType?: string;
            id: string;
            severity?: string;
            title: string;
            url?: string;
        };
        Delivery: {
            /** @description One alert per policy-change revision, subscription and event type, never two */
            alertId: string;
            /** @description Whether the change applies to the subscription's profile, as the alert said (`data.applicability`) */
            applicability?: {
                reasons: {
                    condition: {
                        /** @enum {string} */
                        effect: "restricts" | "exempts" | "requires";
                        text?: string;
                        /** @enum {string} */
                        type: "end-use";
                        values: ("civilian" | "military" | "advanced-semiconductors" | "weapons-of-mass-destruction" | "humanitarian")[];
                    } | {
                        /** @enum {string} */
                        effect: "restricts" | "exempts" | "requires";
                        text?: string;
                        /** @enum {string} */
                        type: "end-user";
                        values: ("military-end-user" | "listed-party")[];
                    } | {
                        /** @enum {string} */
                        effect: "restricts" | "exempts" | "requires";
                        text?: string;
                        /** @enum {string} */
                        type: "verified-end-user";
                    } | {
                        /** @enum {string} */
                        effect: "restricts" | "exempts" | "requires";
                        text?: string;
                        /** @enum {string} */
                        type: "licence";
                        values: ("individual" | "general")[];
                    } | {
                        /** @enum {string} */
                        effect: "restricts" | "exempts" | "requires";
                        text?: string;
                        /** @enum {string} */
                        type: "licence-policy";
                        values: ("presumption-of-denial" | "case-by-case" | "presumption-of-approval")[];
                    } | {
                        /** @enum {string} */
                        effect: "restricts" | "exempts" | "requires";
                        percent: number;
                        text?: string;
                        /** @enum {string} */
                        type: "de-minimis";
                    } | {
                        /** @enum {string} */
                        effect: "restricts" | "exempts" | "requires";
                        text?: string;
                        /** @enum {string} */
                        type: "foreign-direct-product";
                    } | {
                        /** @enum {string} */
                        effect: "restricts" | "exempts" | "requires";
                        percent: number;
                        text?: string;
                        /** @enum {string} */
                        type: "affiliates";
                    } | {
                        /** @enum {string} */
                        effect: "restricts" | "exempts" | "requires";
                        /** @enum {string} */
                        operator: ">=" | "<=" | ">" | "<";
                        parameter: string;
                        text?: string;
                        /** @enum {string} */
                        type: "parameter";
                        unit?: string;
                        value: number;
                    } | {
                        /** @enum {string} */
                        effect: "restricts" | "exempts" | "requires";
                        holders?: {
                            name: string;
                            quantity: number;
                        }[];
                        period: string;
                        quantity: number;
                        text?: string;
                        /** @enum {string} */
                        type: "quota";
                        /** @enum {string} */
                        unit: "t" | "kg";
                    } | {
                        /** @enum {string} */
                        effect: "restricts" | "exempts" | "requires";
                        percent: number;
                        text?: string;
                        /** @enum {string} */
                        type: "export-tax";
                    } | {
                        currency: string;
                        /** @enum {string} */
                        effect: "restricts" | "exempts" | "requires";
                        text?: string;
                        /** @enum {string} */
                        type: "minimum-price";
                        /** @enum {string} */
                        unit: "t" | "kg";
                        value: number;
                    } | {
                        /** @enum {string} */
                        effect: "restricts" | "exempts" | "requires";
                        text: string;
                        /** @enum {string} */
                        type: "other";
                    };
                    /** @enum {string} */
                    profileField?: "endUses" | "verifiedEndUser" | "reExports" | "licences";
                    /** @enum {string} */
                    result: "applies" | "does-not-apply" | "applies-if" | "unknown" | "reported";
                    text: string;
                }[];
                requires: ({
                    /** @enum {string} */
                    effect: "restricts" | "exempts" | "requires";
                    text?: string;
                    /** @enum {string} */
                    type: "end-use";
                    values: ("civilian" | "military" | "advanced-semiconductors" | "weapons-of-mass-destruction" | "humanitarian")[];
                } | {
                    /** @enum {string} */
                    effect: "restricts" | "exempts" | "requires";
                    text?: string;
                    /** @enum {string} */
                    type: "end-user";
                    values: ("military-end-user" | "listed-party")[];
                } | {
                    /** @enum {string} */
                    effect: "restricts" | "exempts" | "requires";
                    text?: string;
                    /** @enum {string} */
                    type: "verified-end-user";
                } | {
                    /** @enum {string} */
                    effect: "restricts" | "exempts" | "requires";
                    text?: string;
                    /** @enum {string} */
                    type: "licence";
                    values: ("individual" | "general")[];
                } | {
                    /** @enum {string} */
                    effect: "restricts" | "exempts" | "requires";
                    text?: string;
                    /** @enum {string} */
                    type: "licence-policy";
                    values: ("presumption-of-denial" | "case-by-case" | "presumption-of-approval")[];
                } | {
                    /** @enum {string} */
                    effect: "restricts" | "exempts" | "requires";
                    percent: number;
                    text?: string;
                    /** @enum {string} */
                    type: "de-minimis";
                } | {
                    /** @enum {string} */
                    effect: "restricts" | "exempts" | "requires";
                    text?: string;
                    /** @enum {string} */
                    type: "foreign-direct-product";
                } | {
                    /** @enum {string} */
                    effect: "restricts" | "exempts" | "requires";
                    percent: number;
                    text?: string;
                    /** @enum {string} */
                    type: "affiliates";
                } | {
                    /** @enum {string} */
                    effect: "restricts" | "exempts" | "requires";
                    /** @enum {string} */
                    operator: ">=" | "<=" | ">" | "<";
                    parameter: string;
                    text?: string;
                    /** @enum {string} */
                    type: "parameter";
                    unit?: string;
                    value: number;
                } | {
                    /** @enum {string} */
                    effect: "restricts" | "exempts" | "requires";
                    holders?: {
                        name: string;
                        quantity: number;
                    }[];
                    period: string;
                    quantity: number;
                    text?: string;
                    /** @enum {string} */
                    type: "quota";
                    /** @enum {string} */
                    unit: "t" | "kg";
                } | {
                    /** @enum {string} */
                    effect: "restricts" | "exempts" | "requires";
                    percent: number;
                    text?: string;
                    /** @enum {string} */
                    type: "export-tax";
                } | {
                    currency: string;
                    /** @enum {string} */
                    effect: "restricts" | "exempts" | "requires";
                    text?: string;
                    /** @enum {string} */
                    type: "minimum-price";
                    /** @enum {string} */
                    unit: "t" | "kg";
                    value: number;
                } | {
                    /** @enum {string} */
                    effect: "restricts" | "exempts" | "requires";
                    text: string;
                    /** @enum {string} */
                    type: "other";
                })[];
                /** @enum {string} */
                verdict: "applies" | "does-not-apply" | "applies-if" | "unknown";
            };
            /** @description Every attempt: time, status code, latency, error and the start of the response body */
            attempts: {
                at: string;
                /** @description Held back this long by the endpoint's open circuit */
                circuitWaitMs?: number;
                durationMs: number;
                error?: string;
                /** @description The start of the receiver's response body (at most 1024 bytes) */
                excerpt?: string;
                /** @description Waited this long for its turn under the endpoint's rate limit */
                rateLimitWaitMs?: number;
                request?: components["schemas"]["AttemptRequest"];
                /** @description The receiver's response headers, as far as 512 bytes hold them (cookies left out) */
                responseHeaders?: {
                    [key: string]: string;
                };
                /** @description SMS: the numbers this attempt reached */
                served?: string[];
                statusCode?: number;
            }[];
            /** @enum {string} */
            channel: "webhook" | "sms" | "email" | "slack" | "teams" | "digest";
            createdAt: string;
            /** @description Why no further attempt will be made */
            deadReason?: string;
            /** @description Waiting for the endpoint's circuit to close; no attempt is spent meanwhile */
            heldBy?: {
                /** @enum {string} */
                reason: "circuit-open";
                since: string;
                until: string;
            };
            id: string;
            /** @description When the next retry is due, while one is */
            nextAttemptAt?: string;
            policyChangeId: string;
            revision: number;
            /**
             * @description `pending` until an attempt succeeds (`delivered`); `failed` between retries; `dead` after the last or when it cannot be sent
             * @enum {string}
             */
            status: "pending" | "delivered" | "failed" | "dead";
            subscriptionId: string;
            /**
             * @description The event, e.g. `policy_change.published` or `subscription.test`
             * @enum {string}
             */
            type: "policy_change.published" | "policy_change.updated" | "policy_change.effective_soon" | "policy_change.expiring_soon" | "policy_change.status_changed" | "subscription.test" | "alerts.digest";
            updatedAt: string;
            /** @description The `webhook-id` header: the same on every attempt and retry, for receivers to deduplicate */
            webhookId: string;
        };
        DeliveryLogEntry: components["schemas"]["Delivery"] & {
            /** @description Why the change matched the subscription, as the alert said (`data.match`) */
            match?: {
                [key: string]: unknown;
            };
            policyChange?: components["schemas"]["DeliveredChange"];
        };
        DeliveryLogPage: {
            items: components["schemas"]["DeliveryLogEntry"][];
            nextCursor?: string;
        };
        DeliveryPage: {
            items: components["schemas"]["Delivery"][];
            nextCursor?: string;
        };
        DigestEvent: {
            data: {
                alertId: string;
                items: ({
                    applicability?: {
                        reasons: {
                            condition: {
                                /** @enum {string} */
                                effect: "restricts" | "exempts" | "requires";
                                text?: string;
                                /** @enum {string} */
                                type: "end-use";
                                values: ("civilian" | "military" | "advanced-semiconductors" | "weapons-of-mass-destruction" | "humanitarian")[];
                            } | {
                                /** @enum {string} */
                                effect: "restricts" | "exempts" | "requires";
                                text?: string;
                                /** @enum {string} */
                                type: "end-user";
                                values: ("military-end-user" | "listed-party")[];
                            } | {
                                /** @enum {string} */
                                effect: "restricts" | "exempts" | "requires";
                                text?: string;
                                /** @enum {string} */
                                type: "verified-end-user";
                            } | {
                                /** @enum {string} */
                                effect: "restricts" | "exempts" | "requires";
                                text?: string;
                                /** @enum {string} */
                                type: "licence";
                                values: ("individual" | "general")[];
                            } | {
                                /** @enum {string} */
                                effect: "restricts" | "exempts" | "requires";
                                text?: string;
                                /** @enum {string} */
                                type: "licence-policy";
                                values: ("presumption-of-denial" | "case-by-case" | "presumption-of-approval")[];
                            } | {
                                /** @enum {string} */
                                effect: "restricts" | "exempts" | "requires";
                                percent: number;
                                text?: string;
                                /** @enum {string} */
                                type: "de-minimis";
                            } | {
                                /** @enum {string} */
                                effect: "restricts" | "exempts" | "requires";
                                text?: string;
                                /** @enum {string} */
                                type: "foreign-direct-product";
                            } | {
                                /** @enum {string} */
                                effect: "restricts" | "exempts" | "requires";
                                percent: number;
                                text?: string;
                                /** @enum {string} */
                                type: "affiliates";
                            } | {
                                /** @enum {string} */
                                effect: "restricts" | "exempts" | "requires";
                                /** @enum {string} */
                                operator: ">=" | "<=" | ">" | "<";
                                parameter: string;
                                text?: string;
                                /** @enum {string} */
                                type: "parameter";
                                unit?: string;
                                value: number;
                            } | {
                                /** @enum {string} */
                                effect: "restricts" | "exempts" | "requires";
                                holders?: {
                                    name: string;
                                    quantity: number;
                                }[];
                                period: string;
                                quantity: number;
                                text?: string;
                                /** @enum {string} */
                                type: "quota";
                                /** @enum {string} */
                                unit: "t" | "kg";
                            } | {
                                /** @enum {string} */
                                effect: "restricts" | "exempts" | "requires";
                                percent: number;
                                text?: string;
                                /** @enum {string} */
                                type: "export-tax";
                            } | {
                                currency: string;
                                /** @enum {string} */
                                effect: "restricts" | "exempts" | "requires";
                                text?: string;
                                /** @enum {string} */
                                type: "minimum-price";
                                /** @enum {string} */
                                unit: "t" | "kg";
                                value: number;
                            } | {
                                /** @enum {string} */
                                effect: "restricts" | "exempts" | "requires";
                                text: string;
                                /** @enum {string} */
                                type: "other";
                            };
                            /** @enum {string} */
                            profileField?: "endUses" | "verifiedEndUser" | "reExports" | "licences";
                            /** @enum {string} */
                            result: "applies" | "does-not-apply" | "applies-if" | "unknown" | "reported";
                            text: string;
                        }[];
                        requires: ({
                            /** @enum {string} */
                            effect: "restricts" | "exempts" | "requires";
                            text?: string;
                            /** @enum {string} */
                            type: "end-use";
                            values: ("civilian" | "military" | "advanced-semiconductors" | "weapons-of-mass-destruction" | "humanitarian")[];
                        } | {
                            /** @enum {string} */
                            effect: "restricts" | "exempts" | "requires";
                            text?: string;
                            /** @enum {string} */
                            type: "end-user";
                            values: ("military-end-user" | "listed-party")[];
                        } | {
                            /** @enum {string} */
                            effect: "restricts" | "exempts" | "requires";
                            text?: string;
                            /** @enum {string} */
                            type: "verified-end-user";
                        } | {
                            /** @enum {string} */
                            effect: "restricts" | "exempts" | "requires";
                            text?: string;
                            /** @enum {string} */
                            type: "licence";
                            values: ("individual" | "general")[];
                        } | {
                            /** @enum {string} */
                            effect: "restricts" | "exempts" | "requires";
                            text?: string;
                            /** @enum {string} */
                            type: "licence-policy";
                            values: ("presumption-of-denial" | "case-by-case" | "presumption-of-approval")[];
                        } | {
                            /** @enum {string} */
                            effect: "restricts" | "exempts" | "requires";
                            percent: number;
                            text?: string;
                            /** @enum {string} */
                            type: "de-minimis";
                        } | {
                            /** @enum {string} */
                            effect: "restricts" | "exempts" | "requires";
                            text?: string;
                            /** @enum {string} */
                            type: "foreign-direct-product";
                        } | {
                            /** @enum {string} */
                            effect: "restricts" | "exempts" | "requires";
                            percent: number;
                            text?: string;
                            /** @enum {string} */
                            type: "affiliates";
                        } | {
                            /** @enum {string} */
                            effect: "restricts" | "exempts" | "requires";
                            /** @enum {string} */
                            operator: ">=" | "<=" | ">" | "<";
                            parameter: string;
                            text?: string;
                            /** @enum {string} */
                            type: "parameter";
                            unit?: string;
                            value: number;
                        } | {
                            /** @enum {string} */
                            effect: "restricts" | "exempts" | "requires";
                            holders?: {
                                name: string;
                                quantity: number;
                            }[];
                            period: string;
                            quantity: number;
                            text?: string;
                            /** @enum {string} */
                            type: "quota";
                            /** @enum {string} */
                            unit: "t" | "kg";
                        } | {
                            /** @enum {string} */
                            effect: "restricts" | "exempts" | "requires";
                            percent: number;
                            text?: string;
                            /** @enum {string} */
                            type: "export-tax";
                        } | {
                            currency: string;
                            /** @enum {string} */
                            effect: "restricts" | "exempts" | "requires";
                            text?: string;
                            /** @enum {string} */
                            type: "minimum-price";
                            /** @enum {string} */
                            unit: "t" | "kg";
                            value: number;
                        } | {
                            /** @enum {string} */
                            effect: "restricts" | "exempts" | "requires";
                            text: string;
                            /** @enum {string} */
                            type: "other";
                        })[];
                        /** @enum {string} */
                        verdict: "applies" | "does-not-apply" | "applies-if" | "unknown";
                    };
                    events: {
                        alertId: string;
                        statusChange?: {
                            from: string;
                            to: string;
                        };
                        timestamp: string;
                        type: string;
                    }[];
                    policyChange: components["schemas"]["PolicyChange"];
                } & {
                    [key: string]: unknown;
                })[];
                period: {
                    /** @enum {string} */
                    frequency: "daily" | "weekly";
                    from?: string;
                    timeZone: string;
                    until: string;
                };
                subscriptionId: string;
            };
            /** @description The digest's creation time, ISO 8601 */
            timestamp: string;
            /** @enum {string} */
            type: "alerts.digest";
        };
        DigestPreview: {
            /** @description The end of the previous digest's period; absent before the first */
            from?: string;
            items: {
                events: {
                    timestamp: string;
                    type: string;
                }[];
                policyChangeId: string;
                title: string;
            }[];
            /** @description The scheduled instant of the next digest (it leaves a few minutes after); absent without a digest */
            nextAt?: string;
        };
        EndpointHealth: {
            /** @description `open`: deliveries wait (their retries untouched) until `probeAt`; `half-open`: the probe is due; `closed`: sending */
            circuit: {
                failures?: number;
                openedAt?: string;
                probeAt?: string;
                /** @enum {string} */
                state: "closed" | "open" | "half-open";
            };
            /** @description Attempts in the last 24 hours */
            day: {
                attempts: number;
                failed: number;
                /** @description Attempts answered 2xx */
                succeeded: number;
                /** @description succeeded / attempts, 0 to 1; absent without attempts */
                successRate?: number;
            };
            disabledReason?: string;
            failingSince?: string;
            lastSuccessAt?: string;
            /**
             * @description More deliveries were made than were read (1000): the rates are of the newest
             * @enum {boolean}
             */
            partial?: true;
            /** @description Deliveries per second at most (`webhook.rateLimit`) */
            rateLimit: number;
            recentFailures: {
                at: string;
                deliveryId: string;
                error?: string;
                statusCode?: number;
            }[];
            /** @enum {string} */
            status: "enabled" | "disabled";
            url: string;
            /** @description Attempts in the last 7 days */
            week: {
                attempts: number;
                failed: number;
                /** @description Attempts answered 2xx */
                succeeded: number;
                /** @description succeeded / attempts, 0 to 1; absent without attempts */
                successRate?: number;
            };
        };
        FeedEvent: {
            /** @description As in the webhook body */
            data: {
                [key: string]: unknown;
            };
            /** @description The alert’s `webhook-id`: the same dedupe key a webhook receiver gets */
            id: string;
            timestamp: string;
            type: string;
        };
        FeedPage: {
            items: components["schemas"]["FeedEvent"][];
            /** @description Where to continue: pass it as `after` next time (also when `items` is empty) */
            nextCursor: string;
        };
        /** @description API Gateway's answer when the whole service is over its request rate (on AWS only) */
        GatewayThrottle: {
            /** @example Too Many Requests */
            message: string;
        };
        /** @description Why the change matched the subscription (`data.match`) */
        Match: {
            affectedRegions?: string[];
            clauses?: number[];
            /** @enum {boolean} */
            earlierAlert?: true;
            entities?: {
                listed: string;
                score: number;
                watched: string;
            }[];
            hsCodes?: string[];
            issuingRegion?: string;
            materials: {
                change: string;
                filter: string;
            }[];
            originRegions?: string[];
        };
        Matching: {
            /** @description Alerts sent about it: the matches the applicability setting admits, and earlier recipients */
            alerts?: number;
            completedAt?: string;
            /** @description Subscriptions the revision matched (as `matchedSubscriptions`) */
            matched?: number;
            matchedSubscriptions: number;
            /** @enum {string} */
            status: "pending" | "completed";
        };
        Material: {
            /** @description Every group above it, nearest first */
            ancestors: string[];
            /** @description HS codes, 4 to 10 digits without dots */
            hsCodes: string[];
            id: string;
            kind: string;
            name: string;
            /** @description Version 1: its first parent */
            parent?: string;
            /** @description The groups it belongs to */
            parents: string[];
            symbol?: string;
            synonyms: string[];
        };
        /**
         * @example {
         *       "name": "Scandium",
         *       "parents": [
         *         "rare-earths"
         *       ],
         *       "kind": "element",
         *       "symbol": "Sc",
         *       "hsCodes": [
         *         "280530"
         *       ],
         *       "synonyms": [
         *         "钪"
         *       ]
         *     }
         */
        MaterialInput: {
            /**
             * @description HS codes, 4 to 10 digits (dots and spaces are removed)
             * @default []
             */
            hsCodes: string[];
            /**
             * @description `group` for nodes that stand for others (`rare-earths`)
             * @enum {string}
             */
            kind: "group" | "element" | "material" | "product";
            name: string;
            /** @description Version 1: a single parent, the same as `parents: [parent]` */
            parent?: string;
            /** @description The groups it belongs to (several allowed); new parents move it with everything below it */
            parents?: string[];
            symbol?: string;
            /**
             * @description Other names people search for, in any language (`镝`)
             * @default []
             */
            synonyms: string[];
        };
        MaterialList: {
            items: components["schemas"]["Material"][];
        };
        /**
         * @example {
         *       "name": "rotation 2026-01"
         *     }
         */
        OwnApiKeyInput: {
            /** @description A label for people */
            name?: string;
        };
        /**
         * @example {
         *       "defaultProfile": {
         *         "endUses": [
         *           "civilian"
         *         ],
         *         "verifiedEndUser": [
         *           "CN"
         *         ],
         *         "reExports": false
         *       }
         *     }
         */
        OwnSubscriberPatch: {
            /** @description `null` removes it */
            defaultProfile: {
                endUses?: ("civilian" | "military" | "advanced-semiconductors" | "weapons-of-mass-destruction" | "humanitarian")[];
                licences?: {
                    issuer: string;
                    /** @enum {string} */
                    type: "individual" | "general";
                }[];
                reExports?: boolean;
                verifiedEndUser?: string[];
            } | null;
        };
        PolicyChange: {
            affectedRegions: string[];
            /** @enum {string} */
            changeType: "licence-requirement" | "export-ban" | "extraterritorial-control" | "technology-control" | "export-quota" | "export-tax" | "import-tariff" | "trade-investigation" | "end-user-list-addition" | "end-user-list-removal" | "sanctions" | "general-licence" | "verified-end-user" | "suspension" | "critical-mineral-designation" | "other";
            conditions?: ({
                /** @enum {string} */
                effect: "restricts" | "exempts" | "requires";
                text?: string;
                /** @enum {string} */
                type: "end-use";
                values: ("civilian" | "military" | "advanced-semiconductors" | "weapons-of-mass-destruction" | "humanitarian")[];
            } | {
                /** @enum {string} */
                effect: "restricts" | "exempts" | "requires";
                text?: string;
                /** @enum {string} */
                type: "end-user";
                values: ("military-end-user" | "listed-party")[];
            } | {
                /** @enum {string} */
                effect: "restricts" | "exempts" | "requires";
                text?: string;
                /** @enum {string} */
                type: "verified-end-user";
            } | {
                /** @enum {string} */
                effect: "restricts" | "exempts" | "requires";
                text?: string;
                /** @enum {string} */
                type: "licence";
                values: ("individual" | "general")[];
            } | {
                /** @enum {string} */
                effect: "restricts" | "exempts" | "requires";
                text?: string;
                /** @enum {string} */
                type: "licence-policy";
                values: ("presumption-of-denial" | "case-by-case" | "presumption-of-approval")[];
            } | {
                /** @enum {string} */
                effect: "restricts" | "exempts" | "requires";
                percent: number;
                text?: string;
                /** @enum {string} */
                type: "de-minimis";
            } | {
                /** @enum {string} */
                effect: "restricts" | "exempts" | "requires";
                text?: string;
                /** @enum {string} */
                type: "foreign-direct-product";
            } | {
                /** @enum {string} */
                effect: "restricts" | "exempts" | "requires";
                percent: number;
                text?: string;
                /** @enum {string} */
                type: "affiliates";
            } | {
                /** @enum {string} */
                effect: "restricts" | "exempts" | "requires";
                /** @enum {string} */
                operator: ">=" | "<=" | ">" | "<";
                parameter: string;
                text?: string;
                /** @enum {string} */
                type: "parameter";
                unit?: string;
                value: number;
            } | {
                /** @enum {string} */
                effect: "restricts" | "exempts" | "requires";
                holders?: {
                    name: string;
                    quantity: number;
                }[];
                period: string;
                quantity: number;
                text?: string;
                /** @enum {string} */
                type: "quota";
                /** @enum {string} */
                unit: "t" | "kg";
            } | {
                /** @enum {string} */
                effect: "restricts" | "exempts" | "requires";
                percent: number;
                text?: string;
                /** @enum {string} */
                type: "export-tax";
            } | {
                currency: string;
                /** @enum {string} */
                effect: "restricts" | "exempts" | "requires";
                text?: string;
                /** @enum {string} */
                type: "minimum-price";
                /** @enum {string} */
                unit: "t" | "kg";
                value: number;
            } | {
                /** @enum {string} */
                effect: "restricts" | "exempts" | "requires";
                text: string;
                /** @enum {string} */
                type: "other";
            })[];
            confidence?: number;
            controlCodes?: string[];
            /** @enum {string} */
            direction: "tightening" | "relaxation" | "neutral";
            effectiveAt?: string;
            entities?: {
                aliases?: string[];
                country?: string;
                list?: string;
                name: string;
            }[];
            evidence?: string[];
            expiresAt?: string;
            hsCodes?: string[];
            /** @description The same for every revision of one source + sourceRef */
            id: string;
            /** @description When this revision was stored */
            ingestedAt: string;
            issuingRegion: string;
            itemTypes: ("goods" | "equipment" | "technology" | "software" | "services")[];
            /** @description `pending` while the matcher runs; `completed` with how many subscriptions matched this revision */
            matching?: components["schemas"]["Matching"];
            materials: string[];
            originRegions: string[];
            publishedAt?: string;
            relatedChanges?: {
                policyChangeId?: string;
                /** @enum {string} */
                relation: "suspends" | "resumes" | "amends" | "supersedes" | "revokes" | "extends";
                source?: string;
                sourceRef?: string;
            }[];
            /** @enum {string} */
            reviewStatus?: "published" | "pending";
            revision: number;
            /** @enum {string} */
            severity: "low" | "medium" | "high" | "critical";
            source: string;
            sourceRef: string;
            /**
             * @description Its lifecycle now: `announced`, `in-force`, `suspended`, `expired`, `revoked` or `superseded`, kept current from its dates and relations
             * @enum {string}
             */
            status?: "announced" | "in-force" | "suspended" | "expired" | "revoked" | "superseded";
            /** @description Every status it has had, with when and what caused each */
            statusHistory?: {
                causedBy?: string;
                from: string;
                /** @enum {string} */
                status: "announced" | "in-force" | "suspended" | "expired" | "revoked" | "superseded";
                until?: string;
            }[];
            summary?: string;
            textOriginal?: string;
            title: string;
            titleOriginal?: string;
            /** Format: uri */
            url?: string;
        };
        PolicyChangeAccepted: {
            /**
             * @description The change, the same for every revision
             * @example pc_3f9a0c2e5b7d4e1f8a6c9b0d2e4f6a8c
             */
            id: string;
            /** @enum {string} */
            reviewStatus?: "published" | "pending" | "rejected";
            revision: number;
        };
        /**
         * @example {
         *       "items": [
         *         {
         *           "source": "us-bis",
         *           "sourceRef": "BIS-2024-29329",
         *           "title": "Gallium and germanium items: licence requirement for exports to China",
         *           "issuingRegion": "US",
         *           "affectedRegions": [
         *             "CN"
         *           ],
         *           "materials": [
         *             "gallium",
         *             "germanium"
         *           ],
         *           "changeType": "licence-requirement",
         *           "direction": "tightening",
         *           "severity": "high",
         *           "effectiveAt": "2024-12-02T00:00:00Z"
         *         },
         *         {
         *           "source": "federal-register",
         *           "sourceRef": "2024-27333",
         *           "title": "Antimony trisulfide: notice of an antidumping investigation",
         *           "issuingRegion": "US",
         *           "affectedRegions": [
         *             "US"
         *           ],
         *           "originRegions": [
         *             "CN"
         *           ],
         *           "materials": [
         *             "antimony"
         *           ],
         *           "changeType": "trade-investigation",
         *           "severity": "low",
         *           "reviewStatus": "pending",
         *           "confidence": 0.55,
         *           "evidence": [
         *             "title names antimony",
         *             "agency: International Trade Administration"
         *           ]
         *         }
         *       ]
         *     }
         */
        PolicyChangeBatch: {
            /** @description Policy changes as `POST /v1/policy-changes` takes them, 1 to 100; each is validated and ingested on its own */
            items: components["schemas"]["PolicyChangeInput"][];
        };
        PolicyChangeBatchResults: {
            results: ({
                id: string;
                index: number;
                reviewStatus?: string;
                revision: number;
                /** @enum {string} */
                status: "created";
            } | {
                id: string;
                index: number;
                reviewStatus?: string;
                revision: number;
                /** @enum {string} */
                status: "duplicate";
            } | {
                index: number;
                problem: {
                    detail: string;
                    errors?: {
                        field: string;
                        message: string;
                        values?: string[];
                    }[];
                    status: number;
                    type: string;
                };
                /** @enum {string} */
                status: "error";
            })[];
        };
        /**
         * @example {
         *       "source": "cn-mofcom",
         *       "sourceRef": "general-licences-rare-earths",
         *       "title": "General licences for rare-earth exports to verified civilian end users",
         *       "issuingRegion": "CN",
         *       "affectedRegions": [
         *         "*"
         *       ],
         *       "materials": [
         *         "rare-earths"
         *       ],
         *       "changeType": "general-licence",
         *       "direction": "relaxation",
         *       "severity": "medium",
         *       "conditions": [
         *         {
         *           "type": "verified-end-user",
         *           "effect": "requires"
         *         },
         *         {
         *           "type": "end-use",
         *           "effect": "restricts",
         *           "values": [
         *             "civilian"
         *           ]
         *         }
         *       ]
         *     }
         */
        PolicyChangeInput: {
            /** @description The destinations it applies to, or `*` for all */
            affectedRegions: string[];
            /** @enum {string} */
            changeType: "licence-requirement" | "export-ban" | "extraterritorial-control" | "technology-control" | "export-quota" | "export-tax" | "import-tariff" | "trade-investigation" | "end-user-list-addition" | "end-user-list-removal" | "sanctions" | "general-licence" | "verified-end-user" | "suspension" | "critical-mineral-designation" | "other";
            /** @description Typed conditions, at most 50: `{"type","effect",...}` where `effect` is `restricts` (the rule bites only where it holds), `exempts` (what it names is taken out) or `requires` (a relief is available only where it holds; not on a tightening). A v2 kebab-case string is still accepted and stored as the object it stands for; an unknown one as `{"type":"other","text":…}` */
            conditions?: (string | {
                /** @enum {string} */
                effect?: "restricts" | "exempts" | "requires";
                text?: string;
                /** @enum {string} */
                type: "end-use";
                values: ("civilian" | "military" | "advanced-semiconductors" | "weapons-of-mass-destruction" | "humanitarian")[];
            } | {
                /** @enum {string} */
                effect?: "restricts" | "exempts" | "requires";
                text?: string;
                /** @enum {string} */
                type: "end-user";
                values: ("military-end-user" | "listed-party")[];
            } | {
                /** @enum {string} */
                effect?: "restricts" | "exempts" | "requires";
                text?: string;
                /** @enum {string} */
                type: "verified-end-user";
            } | {
                /** @enum {string} */
                effect?: "restricts" | "exempts" | "requires";
                text?: string;
                /** @enum {string} */
                type: "licence";
                values: ("individual" | "general")[];
            } | {
                /** @enum {string} */
                effect?: "restricts" | "exempts" | "requires";
                text?: string;
                /** @enum {string} */
                type: "licence-policy";
                values: ("presumption-of-denial" | "case-by-case" | "presumption-of-approval")[];
            } | {
                /** @enum {string} */
                effect?: "restricts" | "exempts" | "requires";
                percent: number;
                text?: string;
                /** @enum {string} */
                type: "de-minimis";
            } | {
                /** @enum {string} */
                effect?: "restricts" | "exempts" | "requires";
                text?: string;
                /** @enum {string} */
                type: "foreign-direct-product";
            } | {
                /** @enum {string} */
                effect?: "restricts" | "exempts" | "requires";
                percent: number;
                text?: string;
                /** @enum {string} */
                type: "affiliates";
            } | {
                /** @enum {string} */
                effect?: "restricts" | "exempts" | "requires";
                /** @enum {string} */
                operator: ">=" | "<=" | ">" | "<";
                parameter: string;
                text?: string;
                /** @enum {string} */
                type: "parameter";
                unit?: string;
                value: number;
            } | {
                /** @enum {string} */
                effect?: "restricts" | "exempts" | "requires";
                holders?: {
                    name: string;
                    quantity: number;
                }[];
                period: string;
                quantity: number;
                text?: string;
                /** @enum {string} */
                type: "quota";
                /** @enum {string} */
                unit: "t" | "kg";
            } | {
                /** @enum {string} */
                effect?: "restricts" | "exempts" | "requires";
                percent: number;
                text?: string;
                /** @enum {string} */
                type: "export-tax";
            } | {
                currency: string;
                /** @enum {string} */
                effect?: "restricts" | "exempts" | "requires";
                text?: string;
                /** @enum {string} */
                type: "minimum-price";
                /** @enum {string} */
                unit: "t" | "kg";
                value: number;
            } | {
                /** @enum {string} */
                effect?: "restricts" | "exempts" | "requires";
                text: string;
                /** @enum {string} */
                type: "other";
            })[];
            confidence?: number;
            controlCodes?: string[];
            /**
             * @description Whether it makes exports harder (`tightening`) or easier (`relaxation`)
             * @enum {string}
             */
            direction?: "tightening" | "relaxation" | "neutral";
            /** @description When it takes effect; subscribers get `policy_change.effective_soon` some days before */
            effectiveAt?: string;
            /** @description Companies or people it lists (end-user lists, sanctions): at most 1,000, with at most 32,768 characters of names and aliases in all, whose words begin at most 1,000 distinct four-letter blocks; a longer list goes in several changes */
            entities?: {
                aliases?: string[];
                country?: string;
                list?: string;
                name: string;
            }[];
            evidence?: string[];
            /** @description When it ends (a one-year suspension); subscribers get `policy_change.expiring_soon` before */
            expiresAt?: string;
            /** @description HS codes, 2 to 10 digits; dots and spaces are ignored */
            hsCodes?: string[];
            /** @description Who imposes it: an ISO 3166-1 alpha-2 code or a region group */
            issuingRegion: string;
            /** @description What kind of item it covers; default `goods` */
            itemTypes?: ("goods" | "equipment" | "technology" | "software" | "services")[];
            /** @description Taxonomy ids, names or synonyms (`aluminum`, `稀土`; stored as ids), `*` for all items, or empty when `entities` names who it is about */
            materials: string[];
            /** @description Where the goods come from; omitted: the issuing region for export-side change types, `*` for the others */
            originRegions?: string[];
            publishedAt?: string;
            /** @description How it relates to earlier changes (`suspends`, `resumes`, `amends`, `supersedes`, `revokes`, `extends`), by id or by source + sourceRef; a target sent later gets its `policyChangeId` when it arrives. A `suspension` must name at least one `suspends` (or `extends`) target: a suspension of exports is an `export-ban` */
            relatedChanges?: {
                policyChangeId?: string;
                /** @enum {string} */
                relation: "suspends" | "resumes" | "amends" | "supersedes" | "revokes" | "extends";
                source?: string;
                sourceRef?: string;
            }[];
            /** @enum {string} */
            reviewStatus?: "published" | "pending";
            /**
             * @description Starts at 1; a higher revision of the same source + sourceRef is an update (`policy_change.updated`)
             * @default 1
             */
            revision: number;
            /** @enum {string} */
            severity: "low" | "medium" | "high" | "critical";
            /** @description Who published it, as a short id (`cn-mofcom`, `us-bis`); with `sourceRef` the idempotency key */
            source: string;
            /** @description The publisher’s own reference for the change, unique within `source` */
            sourceRef: string;
            summary?: string;
            textOriginal?: string;
            title: string;
            titleOriginal?: string;
            /** Format: uri */
            url?: string;
        };
        PolicyChangePage: {
            items: components["schemas"]["PolicyChange"][];
            nextCursor?: string;
        };
        PolicyChangeRevisions: {
            items: {
                affectedRegions?: string[];
                /** @enum {string} */
                changeType?: "licence-requirement" | "export-ban" | "extraterritorial-control" | "technology-control" | "export-quota" | "export-tax" | "import-tariff" | "trade-investigation" | "end-user-list-addition" | "end-user-list-removal" | "sanctions" | "general-licence" | "verified-end-user" | "suspension" | "critical-mineral-designation" | "other";
                conditions?: ({
                    /** @enum {string} */
                    effect: "restricts" | "exempts" | "requires";
                    text?: string;
                    /** @enum {string} */
                    type: "end-use";
                    values: ("civilian" | "military" | "advanced-semiconductors" | "weapons-of-mass-destruction" | "humanitarian")[];
                } | {
                    /** @enum {string} */
                    effect: "restricts" | "exempts" | "requires";
                    text?: string;
                    /** @enum {string} */
                    type: "end-user";
                    values: ("military-end-user" | "listed-party")[];
                } | {
                    /** @enum {string} */
                    effect: "restricts" | "exempts" | "requires";
                    text?: string;
                    /** @enum {string} */
                    type: "verified-end-user";
                } | {
                    /** @enum {string} */
                    effect: "restricts" | "exempts" | "requires";
                    text?: string;
                    /** @enum {string} */
                    type: "licence";
                    values: ("individual" | "general")[];
                } | {
                    /** @enum {string} */
                    effect: "restricts" | "exempts" | "requires";
                    text?: string;
                    /** @enum {string} */
                    type: "licence-policy";
                    values: ("presumption-of-denial" | "case-by-case" | "presumption-of-approval")[];
                } | {
                    /** @enum {string} */
                    effect: "restricts" | "exempts" | "requires";
                    percent: number;
                    text?: string;
                    /** @enum {string} */
                    type: "de-minimis";
                } | {
                    /** @enum {string} */
                    effect: "restricts" | "exempts" | "requires";
                    text?: string;
                    /** @enum {string} */
                    type: "foreign-direct-product";
                } | {
                    /** @enum {string} */
                    effect: "restricts" | "exempts" | "requires";
                    percent: number;
                    text?: string;
                    /** @enum {string} */
                    type: "affiliates";
                } | {
                    /** @enum {string} */
                    effect: "restricts" | "exempts" | "requires";
                    /** @enum {string} */
                    operator: ">=" | "<=" | ">" | "<";
                    parameter: string;
                    text?: string;
                    /** @enum {string} */
                    type: "parameter";
                    unit?: string;
                    value: number;
                } | {
                    /** @enum {string} */
                    effect: "restricts" | "exempts" | "requires";
                    holders?: {
                        name: string;
                        quantity: number;
                    }[];
                    period: string;
                    quantity: number;
                    text?: string;
                    /** @enum {string} */
                    type: "quota";
                    /** @enum {string} */
                    unit: "t" | "kg";
                } | {
                    /** @enum {string} */
                    effect: "restricts" | "exempts" | "requires";
                    percent: number;
                    text?: string;
                    /** @enum {string} */
                    type: "export-tax";
                } | {
                    currency: string;
                    /** @enum {string} */
                    effect: "restricts" | "exempts" | "requires";
                    text?: string;
                    /** @enum {string} */
                    type: "minimum-price";
                    /** @enum {string} */
                    unit: "t" | "kg";
                    value: number;
                } | {
                    /** @enum {string} */
                    effect: "restricts" | "exempts" | "requires";
                    text: string;
                    /** @enum {string} */
                    type: "other";
                })[];
                confidence?: number;
                controlCodes?: string[];
                /** @enum {string} */
                direction?: "tightening" | "relaxation" | "neutral";
                effectiveAt?: string;
                entities?: {
                    aliases?: string[];
                    country?: string;
                    list?: string;
                    name: string;
                }[];
                evidence?: string[];
                expiresAt?: string;
                hsCodes?: string[];
                id?: string;
                ingestedAt?: string;
                issuingRegion?: string;
                itemTypes?: ("goods" | "equipment" | "technology" | "software" | "services")[];
                matching?: components["schemas"]["Matching"];
                materials?: string[];
                originRegions?: string[];
                publishedAt?: string;
                relatedChanges?: {
                    policyChangeId?: string;
                    /** @enum {string} */
                    relation: "suspends" | "resumes" | "amends" | "supersedes" | "revokes" | "extends";
                    source?: string;
                    sourceRef?: string;
                }[];
                /** @enum {string} */
                reviewStatus?: "published" | "pending";
                revision?: number;
                /** @enum {string} */
                severity?: "low" | "medium" | "high" | "critical";
                source?: string;
                sourceRef?: string;
                /** @enum {string} */
                status?: "announced" | "in-force" | "suspended" | "expired" | "revoked" | "superseded";
                statusHistory?: {
                    causedBy?: string;
                    from: string;
                    /** @enum {string} */
                    status: "announced" | "in-force" | "suspended" | "expired" | "revoked" | "superseded";
                    until?: string;
                }[];
                summary?: string;
                textOriginal?: string;
                title?: string;
                titleOriginal?: string;
                /** Format: uri */
                url?: string;
            }[];
        };
        Problem: {
            /** @description What went wrong this time, for people */
            detail: string;
            /** @description For validation problems: each offending field by its JSON path, with the offending values */
            errors?: {
                field: string;
                message: string;
                values?: string[];
            }[];
            instance?: string;
            /** @description The `x-request-id` of the request, to find it in the service’s logs */
            requestId?: string;
            status: number;
            title: string;
            /** @description A stable URI naming the kind of problem; branch on this, not on `detail` */
            type: string;
        };
        Recovered: {
            deliveryIds: string[];
            /** @description How many deliveries were queued again */
            recovered: number;
            /** @description Deliveries left out: replayed as often as allowed this hour */
            skipped: number;
        };
        /**
         * @example {
         *       "since": "2026-01-05T08:00:00Z"
         *     }
         */
        RecoverInput: {
            /**
             * Format: date-time
             * @description ISO 8601 with an offset; deliveries created at or after this time are sent again
             * @example 2026-01-05T08:00:00Z
             */
            since: string;
        };
        Regime: {
            at: string;
            /** @description Lane and all-items rules in force then */
            items: {
                policyChange: components["schemas"]["PolicyChange"];
                since: string;
                /** @enum {string} */
                status: "announced" | "in-force" | "suspended" | "expired" | "revoked" | "superseded";
                until?: string;
            }[];
            /** @description Rules naming parties (end-user and sanctions lists) that cover the lane, in force or suspended then (`status`); a rule naming no material covers every item */
            partyRules: {
                policyChange: components["schemas"]["PolicyChange"];
                since: string;
                /** @enum {string} */
                status: "announced" | "in-force" | "suspended" | "expired" | "revoked" | "superseded";
                until?: string;
            }[];
            /** @description With `party=`: each party against the listed names of `partyRules` */
            screening?: {
                matches: {
                    listed: string;
                    policyChangeId: string;
                    score: number;
                    /** @enum {string} */
                    status: "announced" | "in-force" | "suspended" | "expired" | "revoked" | "superseded";
                }[];
                party: string;
            }[];
            /** @description Lane and all-items rules suspended then (they come back when the suspension ends) */
            suspended: {
                policyChange: components["schemas"]["PolicyChange"];
                since: string;
                /** @enum {string} */
                status: "announced" | "in-force" | "suspended" | "expired" | "revoked" | "superseded";
                until?: string;
            }[];
        };
        RegionGroup: {
            id: string;
            members: string[];
            name: string;
        };
        /**
         * @example {
         *       "name": "Five Eyes",
         *       "members": [
         *         "AU",
         *         "CA",
         *         "GB",
         *         "NZ",
         *         "US"
         *       ]
         *     }
         */
        RegionGroupInput: {
            /** @description ISO 3166-1 alpha-2 codes, in any case (stored upper-case) */
            members: string[];
            name: string;
        };
        Regions: {
            countries: {
                /** @description Other English names, for search (`China`, `USA`) */
                aliases?: string[];
                code: string;
                name: string;
            }[];
            groups: {
                id: string;
                members: string[];
                name: string;
            }[];
            /** @enum {string} */
            wildcard: "*";
        };
        /** @description The key that queued or decided the item */
        ReviewActor: {
            keyId: string;
            scope: string;
        } & {
            [key: string]: unknown;
        };
        /**
         * @example {
         *       "edits": {
         *         "title": "Antimony trisulfide from China: antidumping investigation",
         *         "severity": "medium"
         *       }
         *     }
         */
        ReviewApproval: {
            /** @description Policy-change fields to replace before publishing (a correction of the importer’s tagging): `title`, `severity`, `materials`, …; not `source`, `sourceRef` or `revision` */
            edits?: {
                [key: string]: unknown;
            };
        };
        ReviewApproved: {
            item: components["schemas"]["ReviewItem"];
            policyChangeId: string;
            revision: number;
        };
        ReviewItem: {
            /** @description The change as imported (materials as taxonomy ids), without its review fields */
            change: components["schemas"]["PolicyChangeInput"];
            /** @description The importer's confidence in its tagging, 0 to 1 */
            confidence?: number;
            /** @description When it was approved or rejected */
            decidedAt?: string;
            decidedBy?: components["schemas"]["ReviewActor"];
            /** @description Fields the reviewer corrected on approval; `change` then shows the values as approved */
            edited?: string[];
            /** @description What the importer matched, for the reviewer: terms, agencies, CFR parts */
            evidence?: string[];
            /** @description The review item; the change gets its own `pc_…` id when approved */
            id: string;
            /** @description The published change, once approved */
            policyChangeId?: string;
            /** @description When the importer sent it */
            queuedAt: string;
            queuedBy: components["schemas"]["ReviewActor"];
            /** @description Why it was rejected */
            reason?: string;
            /**
             * @description `pending` until an administrator approves (`published`) or rejects (`rejected`) it
             * @enum {string}
             */
            reviewStatus: "published" | "pending" | "rejected";
            revision: number;
            /** @description The importer’s source (`federal-register`, `screening-list`, …) */
            source: string;
            /** @description The publisher’s reference; with `source` and `revision` it identifies the queued revision */
            sourceRef: string;
        };
        ReviewPage: {
            items: components["schemas"]["ReviewItem"][];
            nextCursor?: string;
        };
        ReviewReach: {
            /** @description Of those, how many would be sent an alert (their applicability setting) */
            alerts: number;
            /** @description Subscription index items read for the estimate */
            itemsRead: number;
            /** @description Active subscriptions whose filters match the change as proposed */
            matched: number;
            /**
             * @description `all-items` for `materials: ["*"]`, `parties` for a change naming entities, else `lanes`
             * @enum {string}
             */
            scope: "lanes" | "all-items" | "parties";
        };
        /**
         * @example {
         *       "reason": "A domestic trade-remedy notice: no export measure on a catalogue material"
         *     }
         */
        ReviewRejection: {
            /** @description Why it is not published, for the audit trail (1-1000 characters) */
            reason: string;
        };
        RotatedSecret: {
            /** @description Until then the previous secret signs too; absent when there was none */
            previousSecretsExpireAt?: string;
            /** @description The new whsec_ secret, shown only here */
            secret: string;
            subscriptionId: string;
        };
        /**
         * @example {
         *       "phoneNumber": "+4915112345678",
         *       "code": "482913"
         *     }
         */
        SmsConfirmInput: {
            /** @description The six digits texted to that number; five wrong tries void it */
            code: string;
            /** @description One of the subscription’s `sms` numbers, E.164 */
            phoneNumber: string;
        };
        /**
         * @example {
         *       "phoneNumber": "+4915112345678"
         *     }
         */
        SmsResendInput: {
            /** @description One of the subscription’s `sms` numbers that is still `pending`, E.164 */
            phoneNumber: string;
        };
        Stats: {
            [key: string]: unknown;
        };
        Subscriber: {
            createdAt: string;
            /** @description What its subscriptions without a profile of their own are judged on */
            defaultProfile?: {
                endUses?: ("civilian" | "military" | "advanced-semiconductors" | "weapons-of-mass-destruction" | "humanitarian")[];
                licences?: {
                    issuer: string;
                    /** @enum {string} */
                    type: "individual" | "general";
                }[];
                reExports?: boolean;
                verifiedEndUser?: string[];
            };
            id: string;
            name: string;
        };
        SubscriberCreated: {
            /** @description The first API key, shown only here */
            apiKey: string;
            createdAt: string;
            id: string;
            /** @description The id of the first API key (to revoke it later) */
            keyId: string;
            name: string;
        };
        SubscriberDeleted: {
            deliveriesMarkedDead: number;
            id: string;
            keysDeleted: number;
            subscriptionsDeleted: number;
        };
        /**
         * @example {
         *       "name": "Magnetwerk GmbH"
         *     }
         */
        SubscriberInput: {
            /** @description The organisation, for people */
            name: string;
        };
        SubscriberPage: {
            items: components["schemas"]["Subscriber"][];
            nextCursor?: string;
        };
        /**
         * @example {
         *       "name": "Magnetwerk GmbH & Co. KG"
         *     }
         */
        SubscriberRename: {
            /** @description The profile of its subscriptions that have none; `null` removes it */
            defaultProfile?: {
                endUses?: ("civilian" | "military" | "advanced-semiconductors" | "weapons-of-mass-destruction" | "humanitarian")[];
                licences?: {
                    issuer: string;
                    /** @enum {string} */
                    type: "individual" | "general";
                }[];
                reExports?: boolean;
                verifiedEndUser?: string[];
            } | null;
            /** @description For people: shown in the console and the audit trail (1-200 characters, trimmed) */
            name?: string;
        };
        Subscription: {
            createdAt: string;
            /** @description When set, the webhook and e-mail channels get one `alerts.digest` per period instead of each alert */
            digest?: {
                /** @enum {string} */
                frequency: "daily" | "weekly";
                hour: number;
                timeZone: string;
                /** @enum {string} */
                weekday?: "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday";
            };
            /** @description Addresses subscribed to the subscription’s own SNS e-mail topic (each confirms once). */
            email?: string[];
            /**
             * @description Its alerts are kept for the event feed (`GET /v1/events`)
             * @enum {boolean}
             */
            feed?: true;
            /** @description One clause, or a list of 1 to 10 clauses of which any may match (one alert per change; `data.match.clauses` names the clauses that matched). The clauses’ materials, HS codes, watched entities and regions count together toward the limits of one filter. */
            filters: {
                /** @description The destinations the change applies to: ISO 3166-1 alpha-2 codes, region groups or `*`. Groups are expanded when matching. */
                affectedRegions?: string[];
                /** @enum {string} */
                applicability?: "relevant" | "applies" | "all";
                /** @description Only these kinds of change; absent: every kind. */
                changeTypes?: ("licence-requirement" | "export-ban" | "extraterritorial-control" | "technology-control" | "export-quota" | "export-tax" | "import-tariff" | "trade-investigation" | "end-user-list-addition" | "end-user-list-removal" | "sanctions" | "general-licence" | "verified-end-user" | "suspension" | "critical-mineral-designation" | "other")[];
                /** @description Only changes that tighten, relax or neither; absent: all three. */
                directions?: ("tightening" | "relaxation" | "neutral")[];
                /** @description A watchlist: a change naming one of these companies or people on an end-user or sanctions list matches (names compared after normalisation, similarity at least 0.9, same country when both give one). */
                entities?: {
                    country?: string;
                    name: string;
                }[];
                /** @description HS code prefixes (2 to 10 digits; dots and spaces ignored): a change matches when one of its codes starts with one of these. */
                hsCodes?: string[];
                /** @description Who imposes the change: ISO 3166-1 alpha-2 codes, region groups (`EU`, `G7`) or `*`. */
                issuingRegions?: string[];
                /** @description Only changes covering these kinds of item (`goods`, `equipment`, `technology`, `software`, `services`). */
                itemTypes?: ("goods" | "equipment" | "technology" | "software" | "services")[];
                /** @description Taxonomy ids (`GET /v1/materials`) or `*` for every material. Matching follows the taxonomy both ways: `rare-earths` hears about `dysprosium`, and `dysprosium` about a rule on all rare earths. */
                materials?: ("*" | string)[];
                /**
                 * @description Only changes at least this severe (`low` < `medium` < `high` < `critical`).
                 * @enum {string}
                 */
                minSeverity?: "low" | "medium" | "high" | "critical";
                /** @description Where the goods come from, against the change’s origins: codes, groups or `*`. */
                originRegions?: string[];
                /** @description The kinds of change heard about: `lanes` (rules on named materials or HS codes), `all-items` (`materials: ["*"]`), `parties` (rules naming entities: end-user and sanctions lists). Default `["lanes","all-items"]`; a watchlist hears about the party rules that name its entities whatever its scopes. */
                scopes?: ("lanes" | "all-items" | "parties")[];
            } | {
                /** @description The destinations the change applies to: ISO 3166-1 alpha-2 codes, region groups or `*`. Groups are expanded when matching. */
                affectedRegions?: string[];
                /** @enum {string} */
                applicability?: "relevant" | "applies" | "all";
                /** @description Only these kinds of change; absent: every kind. */
                changeTypes?: ("licence-requirement" | "export-ban" | "extraterritorial-control" | "technology-control" | "export-quota" | "export-tax" | "import-tariff" | "trade-investigation" | "end-user-list-addition" | "end-user-list-removal" | "sanctions" | "general-licence" | "verified-end-user" | "suspension" | "critical-mineral-designation" | "other")[];
                /** @description Only changes that tighten, relax or neither; absent: all three. */
                directions?: ("tightening" | "relaxation" | "neutral")[];
                /** @description A watchlist: a change naming one of these companies or people on an end-user or sanctions list matches (names compared after normalisation, similarity at least 0.9, same country when both give one). */
                entities?: {
                    country?: string;
                    name: string;
                }[];
                /** @description HS code prefixes (2 to 10 digits; dots and spaces ignored): a change matches when one of its codes starts with one of these. */
                hsCodes?: string[];
                /** @description Who imposes the change: ISO 3166-1 alpha-2 codes, region groups (`EU`, `G7`) or `*`. */
                issuingRegions?: string[];
                /** @description Only changes covering these kinds of item (`goods`, `equipment`, `technology`, `software`, `services`). */
                itemTypes?: ("goods" | "equipment" | "technology" | "software" | "services")[];
                /** @description Taxonomy ids (`GET /v1/materials`) or `*` for every material. Matching follows the taxonomy both ways: `rare-earths` hears about `dysprosium`, and `dysprosium` about a rule on all rare earths. */
                materials?: ("*" | string)[];
                /**
                 * @description Only changes at least this severe (`low` < `medium` < `high` < `critical`).
                 * @enum {string}
                 */
                minSeverity?: "low" | "medium" | "high" | "critical";
                /** @description Where the goods come from, against the change’s origins: codes, groups or `*`. */
                originRegions?: string[];
                /** @description The kinds of change heard about: `lanes` (rules on named materials or HS codes), `all-items` (`materials: ["*"]`), `parties` (rules naming entities: end-user and sanctions lists). Default `["lanes","all-items"]`; a watchlist hears about the party rules that name its entities whatever its scopes. */
                scopes?: ("lanes" | "all-items" | "parties")[];
            }[];
            id: string;
            name: string;
            /** @description What applicability is judged on; absent: the subscriber's default profile, if any */
            profile?: {
                endUses?: ("civilian" | "military" | "advanced-semiconductors" | "weapons-of-mass-destruction" | "humanitarian")[];
                licences?: {
                    issuer: string;
                    /** @enum {string} */
                    type: "individual" | "general";
                }[];
                reExports?: boolean;
                verifiedEndUser?: string[];
            };
            slack?: {
                /** Format: uri */
                url: string;
            };
            /** @description E.164 phone numbers for a short text per alert, sent through Amazon SNS. */
            sms?: string[];
            /** @description Per number: `pending` until the code texted to it is confirmed (POST …/sms/confirm); only confirmed numbers receive alerts */
            smsStatus?: {
                [key: string]: "pending" | "confirmed";
            };
            /**
             * @description `active`; `paused` by its subscriber or an administrator (deliveries are held); `disabled` by the service
             * @enum {string}
             */
            status: "active" | "paused" | "disabled";
            subscriberId: string;
            teams?: {
                /** Format: uri */
                url: string;
            };
            updatedAt: string;
            /** @description Increases with every change; concurrent writers get 409 instead of losing an edit */
            version: number;
            /** @description Where signed alerts are POSTed (Standard Webhooks). `https` in production; private and loopback addresses are refused. */
            webhook?: {
                /** @description Set while the endpoint stopped answering: deliveries wait (their retries untouched) until one probe gets an answer */
                circuit?: {
                    failures: number;
                    openedAt: string;
                    probeAt: string;
                    /** @enum {string} */
                    state: "open";
                };
                disabledReason?: string;
                failingSince?: string;
                lastSuccessAt?: string;
                /** @description Deliveries per second, at most */
                rateLimit?: number;
                /** @description Only in the response that created the secret */
                secret?: string;
                /** @enum {string} */
                status: "enabled" | "disabled";
                url: string;
            };
        };
        /**
         * @example {
         *       "name": "Rare earths and gallium into the US and EU",
         *       "filters": {
         *         "materials": [
         *           "rare-earths",
         *           "gallium"
         *         ],
         *         "affectedRegions": [
         *           "US",
         *           "EU"
         *         ],
         *         "changeTypes": [
         *           "export-ban",
         *           "licence-requirement",
         *           "suspension"
         *         ],
         *         "minSeverity": "medium"
         *       },
         *       "webhook": {
         *         "url": "https://hooks.example.com/material-alerts"
         *       },
         *       "email": [
         *         "compliance@example.com"
         *       ]
         *     }
         */
        SubscriptionInput: {
            digest?: {
                /** @enum {string} */
                frequency: "daily" | "weekly";
                hour: number;
                timeZone: string;
                /** @enum {string} */
                weekday?: "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday";
            };
            /** @description Addresses subscribed to the subscription’s own SNS e-mail topic (each confirms once). */
            email?: string[];
            feed?: boolean;
            /** @description One clause, or a list of 1 to 10 clauses of which any may match (one alert per change; `data.match.clauses` names the clauses that matched). The clauses’ materials, HS codes, watched entities and regions count together toward the limits of one filter. */
            filters: {
                /** @description The destinations the change applies to: ISO 3166-1 alpha-2 codes, region groups or `*`. Groups are expanded when matching. */
                affectedRegions?: string[];
                /** @enum {string} */
                applicability?: "relevant" | "applies" | "all";
                /** @description Only these kinds of change; absent: every kind. */
                changeTypes?: ("licence-requirement" | "export-ban" | "extraterritorial-control" | "technology-control" | "export-quota" | "export-tax" | "import-tariff" | "trade-investigation" | "end-user-list-addition" | "end-user-list-removal" | "sanctions" | "general-licence" | "verified-end-user" | "suspension" | "critical-mineral-designation" | "other")[];
                /** @description Only changes that tighten, relax or neither; absent: all three. */
                directions?: ("tightening" | "relaxation" | "neutral")[];
                /** @description A watchlist: a change naming one of these companies or people on an end-user or sanctions list matches (names compared after normalisation, similarity at least 0.9, same country when both give one). */
                entities?: {
                    country?: string;
                    name: string;
                }[];
                /** @description HS code prefixes (2 to 10 digits; dots and spaces ignored): a change matches when one of its codes starts with one of these. */
                hsCodes?: string[];
                /** @description Who imposes the change: ISO 3166-1 alpha-2 codes, region groups (`EU`, `G7`) or `*`. */
                issuingRegions?: string[];
                /** @description Only changes covering these kinds of item (`goods`, `equipment`, `technology`, `software`, `services`). */
                itemTypes?: ("goods" | "equipment" | "technology" | "software" | "services")[];
                /** @description Taxonomy ids (`GET /v1/materials`) or `*` for every material. Matching follows the taxonomy both ways: `rare-earths` hears about `dysprosium`, and `dysprosium` about a rule on all rare earths. */
                materials?: ("*" | string)[];
                /**
                 * @description Only changes at least this severe (`low` < `medium` < `high` < `critical`).
                 * @enum {string}
                 */
                minSeverity?: "low" | "medium" | "high" | "critical";
                /** @description Where the goods come from, against the change’s origins: codes, groups or `*`. */
                originRegions?: string[];
                /** @description The kinds of change heard about: `lanes` (rules on named materials or HS codes), `all-items` (`materials: ["*"]`), `parties` (rules naming entities: end-user and sanctions lists). Default `["lanes","all-items"]`; a watchlist hears about the party rules that name its entities whatever its scopes. */
                scopes?: ("lanes" | "all-items" | "parties")[];
            } | {
                /** @description The destinations the change applies to: ISO 3166-1 alpha-2 codes, region groups or `*`. Groups are expanded when matching. */
                affectedRegions?: string[];
                /** @enum {string} */
                applicability?: "relevant" | "applies" | "all";
                /** @description Only these kinds of change; absent: every kind. */
                changeTypes?: ("licence-requirement" | "export-ban" | "extraterritorial-control" | "technology-control" | "export-quota" | "export-tax" | "import-tariff" | "trade-investigation" | "end-user-list-addition" | "end-user-list-removal" | "sanctions" | "general-licence" | "verified-end-user" | "suspension" | "critical-mineral-designation" | "other")[];
                /** @description Only changes that tighten, relax or neither; absent: all three. */
                directions?: ("tightening" | "relaxation" | "neutral")[];
                /** @description A watchlist: a change naming one of these companies or people on an end-user or sanctions list matches (names compared after normalisation, similarity at least 0.9, same country when both give one). */
                entities?: {
                    country?: string;
                    name: string;
                }[];
                /** @description HS code prefixes (2 to 10 digits; dots and spaces ignored): a change matches when one of its codes starts with one of these. */
                hsCodes?: string[];
                /** @description Who imposes the change: ISO 3166-1 alpha-2 codes, region groups (`EU`, `G7`) or `*`. */
                issuingRegions?: string[];
                /** @description Only changes covering these kinds of item (`goods`, `equipment`, `technology`, `software`, `services`). */
                itemTypes?: ("goods" | "equipment" | "technology" | "software" | "services")[];
                /** @description Taxonomy ids (`GET /v1/materials`) or `*` for every material. Matching follows the taxonomy both ways: `rare-earths` hears about `dysprosium`, and `dysprosium` about a rule on all rare earths. */
                materials?: ("*" | string)[];
                /**
                 * @description Only changes at least this severe (`low` < `medium` < `high` < `critical`).
                 * @enum {string}
                 */
                minSeverity?: "low" | "medium" | "high" | "critical";
                /** @description Where the goods come from, against the change’s origins: codes, groups or `*`. */
                originRegions?: string[];
                /** @description The kinds of change heard about: `lanes` (rules on named materials or HS codes), `all-items` (`materials: ["*"]`), `parties` (rules naming entities: end-user and sanctions lists). Default `["lanes","all-items"]`; a watchlist hears about the party rules that name its entities whatever its scopes. */
                scopes?: ("lanes" | "all-items" | "parties")[];
            }[];
            /** @description For people: shown in the console and in alerts */
            name: string;
            profile?: {
                endUses?: ("civilian" | "military" | "advanced-semiconductors" | "weapons-of-mass-destruction" | "humanitarian")[];
                licences?: {
                    issuer: string;
                    /** @enum {string} */
                    type: "individual" | "general";
                }[];
                reExports?: boolean;
                verifiedEndUser?: string[];
            };
            slack?: {
                /** Format: uri */
                url: string;
            };
            /** @description E.164 phone numbers for a short text per alert, sent through Amazon SNS. */
            sms?: string[];
            teams?: {
                /** Format: uri */
                url: string;
            };
            /** @description Where signed alerts are POSTed (Standard Webhooks). `https` in production; private and loopback addresses are refused. */
            webhook?: {
                rateLimit?: number;
                /** Format: uri */
                url: string;
            };
        };
        SubscriptionList: {
            items: components["schemas"]["Subscription"][];
        };
        SubscriptionPage: {
            items: components["schemas"]["Subscription"][];
            nextCursor?: string;
        };
        /**
         * @example {
         *       "filters": {
         *         "materials": [
         *           "rare-earths",
         *           "gallium"
         *         ],
         *         "affectedRegions": [
         *           "US",
         *           "EU"
         *         ],
         *         "changeTypes": [
         *           "export-ban",
         *           "licence-requirement",
         *           "suspension"
         *         ],
         *         "minSeverity": "high"
         *       },
         *       "status": "active"
         *     }
         */
        SubscriptionPatch: {
            digest?: {
                /** @enum {string} */
                frequency: "daily" | "weekly";
                hour: number;
                timeZone: string;
                /** @enum {string} */
                weekday?: "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday";
            } | null;
            /** @description Addresses subscribed to the subscription’s own SNS e-mail topic (each confirms once). */
            email?: string[] | null;
            feed?: boolean | null;
            /** @description Replaces the filters as a whole */
            filters?: {
                /** @description The destinations the change applies to: ISO 3166-1 alpha-2 codes, region groups or `*`. Groups are expanded when matching. */
                affectedRegions?: string[];
                /** @enum {string} */
                applicability?: "relevant" | "applies" | "all";
                /** @description Only these kinds of change; absent: every kind. */
                changeTypes?: ("licence-requirement" | "export-ban" | "extraterritorial-control" | "technology-control" | "export-quota" | "export-tax" | "import-tariff" | "trade-investigation" | "end-user-list-addition" | "end-user-list-removal" | "sanctions" | "general-licence" | "verified-end-user" | "suspension" | "critical-mineral-designation" | "other")[];
                /** @description Only changes that tighten, relax or neither; absent: all three. */
                directions?: ("tightening" | "relaxation" | "neutral")[];
                /** @description A watchlist: a change naming one of these companies or people on an end-user or sanctions list matches (names compared after normalisation, similarity at least 0.9, same country when both give one). */
                entities?: {
                    country?: string;
                    name: string;
                }[];
                /** @description HS code prefixes (2 to 10 digits; dots and spaces ignored): a change matches when one of its codes starts with one of these. */
                hsCodes?: string[];
                /** @description Who imposes the change: ISO 3166-1 alpha-2 codes, region groups (`EU`, `G7`) or `*`. */
                issuingRegions?: string[];
                /** @description Only changes covering these kinds of item (`goods`, `equipment`, `technology`, `software`, `services`). */
                itemTypes?: ("goods" | "equipment" | "technology" | "software" | "services")[];
                /** @description Taxonomy ids (`GET /v1/materials`) or `*` for every material. Matching follows the taxonomy both ways: `rare-earths` hears about `dysprosium`, and `dysprosium` about a rule on all rare earths. */
                materials?: ("*" | string)[];
                /**
                 * @description Only changes at least this severe (`low` < `medium` < `high` < `critical`).
                 * @enum {string}
                 */
                minSeverity?: "low" | "medium" | "high" | "critical";
                /** @description Where the goods come from, against the change’s origins: codes, groups or `*`. */
                originRegions?: string[];
                /** @description The kinds of change heard about: `lanes` (rules on named materials or HS codes), `all-items` (`materials: ["*"]`), `parties` (rules naming entities: end-user and sanctions lists). Default `["lanes","all-items"]`; a watchlist hears about the party rules that name its entities whatever its scopes. */
                scopes?: ("lanes" | "all-items" | "parties")[];
            } | {
                /** @description The destinations the change applies to: ISO 3166-1 alpha-2 codes, region groups or `*`. Groups are expanded when matching. */
                affectedRegions?: string[];
                /** @enum {string} */
                applicability?: "relevant" | "applies" | "all";
                /** @description Only these kinds of change; absent: every kind. */
                changeTypes?: ("licence-requirement" | "export-ban" | "extraterritorial-control" | "technology-control" | "export-quota" | "export-tax" | "import-tariff" | "trade-investigation" | "end-user-list-addition" | "end-user-list-removal" | "sanctions" | "general-licence" | "verified-end-user" | "suspension" | "critical-mineral-designation" | "other")[];
                /** @description Only changes that tighten, relax or neither; absent: all three. */
                directions?: ("tightening" | "relaxation" | "neutral")[];
                /** @description A watchlist: a change naming one of these companies or people on an end-user or sanctions list matches (names compared after normalisation, similarity at least 0.9, same country when both give one). */
                entities?: {
                    country?: string;
                    name: string;
                }[];
                /** @description HS code prefixes (2 to 10 digits; dots and spaces ignored): a change matches when one of its codes starts with one of these. */
                hsCodes?: string[];
                /** @description Who imposes the change: ISO 3166-1 alpha-2 codes, region groups (`EU`, `G7`) or `*`. */
                issuingRegions?: string[];
                /** @description Only changes covering these kinds of item (`goods`, `equipment`, `technology`, `software`, `services`). */
                itemTypes?: ("goods" | "equipment" | "technology" | "software" | "services")[];
                /** @description Taxonomy ids (`GET /v1/materials`) or `*` for every material. Matching follows the taxonomy both ways: `rare-earths` hears about `dysprosium`, and `dysprosium` about a rule on all rare earths. */
                materials?: ("*" | string)[];
                /**
                 * @description Only changes at least this severe (`low` < `medium` < `high` < `critical`).
                 * @enum {string}
                 */
                minSeverity?: "low" | "medium" | "high" | "critical";
                /** @description Where the goods come from, against the change’s origins: codes, groups or `*`. */
                originRegions?: string[];
                /** @description The kinds of change heard about: `lanes` (rules on named materials or HS codes), `all-items` (`materials: ["*"]`), `parties` (rules naming entities: end-user and sanctions lists). Default `["lanes","all-items"]`; a watchlist hears about the party rules that name its entities whatever its scopes. */
                scopes?: ("lanes" | "all-items" | "parties")[];
            }[];
            name?: string;
            profile?: {
                endUses?: ("civilian" | "military" | "advanced-semiconductors" | "weapons-of-mass-destruction" | "humanitarian")[];
                licences?: {
                    issuer: string;
                    /** @enum {string} */
                    type: "individual" | "general";
                }[];
                reExports?: boolean;
                verifiedEndUser?: string[];
            } | null;
            slack?: {
                /** Format: uri */
                url: string;
            } | null;
            /** @description E.164 phone numbers for a short text per alert, sent through Amazon SNS. */
            sms?: string[] | null;
            /**
             * @description `paused` holds deliveries until `active` again
             * @enum {string}
             */
            status?: "active" | "paused";
            teams?: {
                /** Format: uri */
                url: string;
            } | null;
            /** @description Where signed alerts are POSTed (Standard Webhooks). `https` in production; private and loopback addresses are refused. */
            webhook?: {
                rateLimit?: number;
                /** Format: uri */
                url?: string;
            } | null;
        };
        SubscriptionPreview: {
            items: {
                applicability: {
                    reasons: {
                        condition: {
                            /** @enum {string} */
                            effect: "restricts" | "exempts" | "requires";
                            text?: string;
                            /** @enum {string} */
                            type: "end-use";
                            values: ("civilian" | "military" | "advanced-semiconductors" | "weapons-of-mass-destruction" | "humanitarian")[];
                        } | {
                            /** @enum {string} */
                            effect: "restricts" | "exempts" | "requires";
                            text?: string;
                            /** @enum {string} */
                            type: "end-user";
                            values: ("military-end-user" | "listed-party")[];
                        } | {
                            /** @enum {string} */
                            effect: "restricts" | "exempts" | "requires";
                            text?: string;
                            /** @enum {string} */
                            type: "verified-end-user";
                        } | {
                            /** @enum {string} */
                            effect: "restricts" | "exempts" | "requires";
                            text?: string;
                            /** @enum {string} */
                            type: "licence";
                            values: ("individual" | "general")[];
                        } | {
                            /** @enum {string} */
                            effect: "restricts" | "exempts" | "requires";
                            text?: string;
                            /** @enum {string} */
                            type: "licence-policy";
                            values: ("presumption-of-denial" | "case-by-case" | "presumption-of-approval")[];
                        } | {
                            /** @enum {string} */
                            effect: "restricts" | "exempts" | "requires";
                            percent: number;
                            text?: string;
                            /** @enum {string} */
                            type: "de-minimis";
                        } | {
                            /** @enum {string} */
                            effect: "restricts" | "exempts" | "requires";
                            text?: string;
                            /** @enum {string} */
                            type: "foreign-direct-product";
                        } | {
                            /** @enum {string} */
                            effect: "restricts" | "exempts" | "requires";
                            percent: number;
                            text?: string;
                            /** @enum {string} */
                            type: "affiliates";
                        } | {
                            /** @enum {string} */
                            effect: "restricts" | "exempts" | "requires";
                            /** @enum {string} */
                            operator: ">=" | "<=" | ">" | "<";
                            parameter: string;
                            text?: string;
                            /** @enum {string} */
                            type: "parameter";
                            unit?: string;
                            value: number;
                        } | {
                            /** @enum {string} */
                            effect: "restricts" | "exempts" | "requires";
                            holders?: {
                                name: string;
                                quantity: number;
                            }[];
                            period: string;
                            quantity: number;
                            text?: string;
                            /** @enum {string} */
                            type: "quota";
                            /** @enum {string} */
                            unit: "t" | "kg";
                        } | {
                            /** @enum {string} */
                            effect: "restricts" | "exempts" | "requires";
                            percent: number;
                            text?: string;
                            /** @enum {string} */
                            type: "export-tax";
                        } | {
                            currency: string;
                            /** @enum {string} */
                            effect: "restricts" | "exempts" | "requires";
                            text?: string;
                            /** @enum {string} */
                            type: "minimum-price";
                            /** @enum {string} */
                            unit: "t" | "kg";
                            value: number;
                        } | {
                            /** @enum {string} */
                            effect: "restricts" | "exempts" | "requires";
                            text: string;
                            /** @enum {string} */
                            type: "other";
                        };
                        /** @enum {string} */
                        profileField?: "endUses" | "verifiedEndUser" | "reExports" | "licences";
                        /** @enum {string} */
                        result: "applies" | "does-not-apply" | "applies-if" | "unknown" | "reported";
                        text: string;
                    }[];
                    requires: ({
                        /** @enum {string} */
                        effect: "restricts" | "exempts" | "requires";
                        text?: string;
                        /** @enum {string} */
                        type: "end-use";
                        values: ("civilian" | "military" | "advanced-semiconductors" | "weapons-of-mass-destruction" | "humanitarian")[];
                    } | {
                        /** @enum {string} */
                        effect: "restricts" | "exempts" | "requires";
                        text?: string;
                        /** @enum {string} */
                        type: "end-user";
                        values: ("military-end-user" | "listed-party")[];
                    } | {
                        /** @enum {string} */
                        effect: "restricts" | "exempts" | "requires";
                        text?: string;
                        /** @enum {string} */
                        type: "verified-end-user";
                    } | {
                        /** @enum {string} */
                        effect: "restricts" | "exempts" | "requires";
                        text?: string;
                        /** @enum {string} */
                        type: "licence";
                        values: ("individual" | "general")[];
                    } | {
                        /** @enum {string} */
                        effect: "restricts" | "exempts" | "requires";
                        text?: string;
                        /** @enum {string} */
                        type: "licence-policy";
                        values: ("presumption-of-denial" | "case-by-case" | "presumption-of-approval")[];
                    } | {
                        /** @enum {string} */
                        effect: "restricts" | "exempts" | "requires";
                        percent: number;
                        text?: string;
                        /** @enum {string} */
                        type: "de-minimis";
                    } | {
                        /** @enum {string} */
                        effect: "restricts" | "exempts" | "requires";
                        text?: string;
                        /** @enum {string} */
                        type: "foreign-direct-product";
                    } | {
                        /** @enum {string} */
                        effect: "restricts" | "exempts" | "requires";
                        percent: number;
                        text?: string;
                        /** @enum {string} */
                        type: "affiliates";
                    } | {
                        /** @enum {string} */
                        effect: "restricts" | "exempts" | "requires";
                        /** @enum {string} */
                        operator: ">=" | "<=" | ">" | "<";
                        parameter: string;
                        text?: string;
                        /** @enum {string} */
                        type: "parameter";
                        unit?: string;
                        value: number;
                    } | {
                        /** @enum {string} */
                        effect: "restricts" | "exempts" | "requires";
                        holders?: {
                            name: string;
                            quantity: number;
                        }[];
                        period: string;
                        quantity: number;
                        text?: string;
                        /** @enum {string} */
                        type: "quota";
                        /** @enum {string} */
                        unit: "t" | "kg";
                    } | {
                        /** @enum {string} */
                        effect: "restricts" | "exempts" | "requires";
                        percent: number;
                        text?: string;
                        /** @enum {string} */
                        type: "export-tax";
                    } | {
                        currency: string;
                        /** @enum {string} */
                        effect: "restricts" | "exempts" | "requires";
                        text?: string;
                        /** @enum {string} */
                        type: "minimum-price";
                        /** @enum {string} */
                        unit: "t" | "kg";
                        value: number;
                    } | {
                        /** @enum {string} */
                        effect: "restricts" | "exempts" | "requires";
                        text: string;
                        /** @enum {string} */
                        type: "other";
                    })[];
                    /** @enum {string} */
                    verdict: "applies" | "does-not-apply" | "applies-if" | "unknown";
                };
                policyChange: components["schemas"]["PolicyChange"];
            }[];
        };
        /**
         * @example {
         *       "filters": {
         *         "materials": [
         *           "gallium"
         *         ],
         *         "affectedRegions": [
         *           "US"
         *         ]
         *       },
         *       "profile": {
         *         "endUses": [
         *           "civilian"
         *         ]
         *       }
         *     }
         */
        SubscriptionPreviewInput: {
            /** @description One clause, or a list of 1 to 10 clauses of which any may match (one alert per change; `data.match.clauses` names the clauses that matched). The clauses’ materials, HS codes, watched entities and regions count together toward the limits of one filter. */
            filters: {
                /** @description The destinations the change applies to: ISO 3166-1 alpha-2 codes, region groups or `*`. Groups are expanded when matching. */
                affectedRegions?: string[];
                /** @enum {string} */
                applicability?: "relevant" | "applies" | "all";
                /** @description Only these kinds of change; absent: every kind. */
                changeTypes?: ("licence-requirement" | "export-ban" | "extraterritorial-control" | "technology-control" | "export-quota" | "export-tax" | "import-tariff" | "trade-investigation" | "end-user-list-addition" | "end-user-list-removal" | "sanctions" | "general-licence" | "verified-end-user" | "suspension" | "critical-mineral-designation" | "other")[];
                /** @description Only changes that tighten, relax or neither; absent: all three. */
                directions?: ("tightening" | "relaxation" | "neutral")[];
                /** @description A watchlist: a change naming one of these companies or people on an end-user or sanctions list matches (names compared after normalisation, similarity at least 0.9, same country when both give one). */
                entities?: {
                    country?: string;
                    name: string;
                }[];
                /** @description HS code prefixes (2 to 10 digits; dots and spaces ignored): a change matches when one of its codes starts with one of these. */
                hsCodes?: string[];
                /** @description Who imposes the change: ISO 3166-1 alpha-2 codes, region groups (`EU`, `G7`) or `*`. */
                issuingRegions?: string[];
                /** @description Only changes covering these kinds of item (`goods`, `equipment`, `technology`, `software`, `services`). */
                itemTypes?: ("goods" | "equipment" | "technology" | "software" | "services")[];
                /** @description Taxonomy ids (`GET /v1/materials`) or `*` for every material. Matching follows the taxonomy both ways: `rare-earths` hears about `dysprosium`, and `dysprosium` about a rule on all rare earths. */
                materials?: ("*" | string)[];
                /**
                 * @description Only changes at least this severe (`low` < `medium` < `high` < `critical`).
                 * @enum {string}
                 */
                minSeverity?: "low" | "medium" | "high" | "critical";
                /** @description Where the goods come from, against the change’s origins: codes, groups or `*`. */
                originRegions?: string[];
                /** @description The kinds of change heard about: `lanes` (rules on named materials or HS codes), `all-items` (`materials: ["*"]`), `parties` (rules naming entities: end-user and sanctions lists). Default `["lanes","all-items"]`; a watchlist hears about the party rules that name its entities whatever its scopes. */
                scopes?: ("lanes" | "all-items" | "parties")[];
            } | {
                /** @description The destinations the change applies to: ISO 3166-1 alpha-2 codes, region groups or `*`. Groups are expanded when matching. */
                affectedRegions?: string[];
                /** @enum {string} */
                applicability?: "relevant" | "applies" | "all";
                /** @description Only these kinds of change; absent: every kind. */
                changeTypes?: ("licence-requirement" | "export-ban" | "extraterritorial-control" | "technology-control" | "export-quota" | "export-tax" | "import-tariff" | "trade-investigation" | "end-user-list-addition" | "end-user-list-removal" | "sanctions" | "general-licence" | "verified-end-user" | "suspension" | "critical-mineral-designation" | "other")[];
                /** @description Only changes that tighten, relax or neither; absent: all three. */
                directions?: ("tightening" | "relaxation" | "neutral")[];
                /** @description A watchlist: a change naming one of these companies or people on an end-user or sanctions list matches (names compared after normalisation, similarity at least 0.9, same country when both give one). */
                entities?: {
                    country?: string;
                    name: string;
                }[];
                /** @description HS code prefixes (2 to 10 digits; dots and spaces ignored): a change matches when one of its codes starts with one of these. */
                hsCodes?: string[];
                /** @description Who imposes the change: ISO 3166-1 alpha-2 codes, region groups (`EU`, `G7`) or `*`. */
                issuingRegions?: string[];
                /** @description Only changes covering these kinds of item (`goods`, `equipment`, `technology`, `software`, `services`). */
                itemTypes?: ("goods" | "equipment" | "technology" | "software" | "services")[];
                /** @description Taxonomy ids (`GET /v1/materials`) or `*` for every material. Matching follows the taxonomy both ways: `rare-earths` hears about `dysprosium`, and `dysprosium` about a rule on all rare earths. */
                materials?: ("*" | string)[];
                /**
                 * @description Only changes at least this severe (`low` < `medium` < `high` < `critical`).
                 * @enum {string}
                 */
                minSeverity?: "low" | "medium" | "high" | "critical";
                /** @description Where the goods come from, against the change’s origins: codes, groups or `*`. */
                originRegions?: string[];
                /** @description The kinds of change heard about: `lanes` (rules on named materials or HS codes), `all-items` (`materials: ["*"]`), `parties` (rules naming entities: end-user and sanctions lists). Default `["lanes","all-items"]`; a watchlist hears about the party rules that name its entities whatever its scopes. */
                scopes?: ("lanes" | "all-items" | "parties")[];
            }[];
            /** @description The profile verdicts are judged on; by default the calling subscriber's `defaultProfile` */
            profile?: {
                endUses?: ("civilian" | "military" | "advanced-semiconductors" | "weapons-of-mass-destruction" | "humanitarian")[];
                licences?: {
                    issuer: string;
                    /** @enum {string} */
                    type: "individual" | "general";
                }[];
                reExports?: boolean;
                verifiedEndUser?: string[];
            };
        };
        /**
         * @example {
         *       "type": "policy_change.published"
         *     }
         */
        TestEventInput: {
            /**
             * @description The event to send; `subscription.test` when absent. A digest is previewed with `GET /v1/subscriptions/{id}/digest` instead.
             * @enum {string}
             */
            type?: "policy_change.published" | "policy_change.updated" | "policy_change.effective_soon" | "policy_change.expiring_soon" | "policy_change.status_changed" | "subscription.test";
        };
        WebhookEvent: {
            data: {
                alertId: string;
                applicability?: {
                    reasons: {
                        condition: {
                            /** @enum {string} */
                            effect: "restricts" | "exempts" | "requires";
                            text?: string;
                            /** @enum {string} */
                            type: "end-use";
                            values: ("civilian" | "military" | "advanced-semiconductors" | "weapons-of-mass-destruction" | "humanitarian")[];
                        } | {
                            /** @enum {string} */
                            effect: "restricts" | "exempts" | "requires";
                            text?: string;
                            /** @enum {string} */
                            type: "end-user";
                            values: ("military-end-user" | "listed-party")[];
                        } | {
                            /** @enum {string} */
                            effect: "restricts" | "exempts" | "requires";
                            text?: string;
                            /** @enum {string} */
                            type: "verified-end-user";
                        } | {
                            /** @enum {string} */
                            effect: "restricts" | "exempts" | "requires";
                            text?: string;
                            /** @enum {string} */
                            type: "licence";
                            values: ("individual" | "general")[];
                        } | {
                            /** @enum {string} */
                            effect: "restricts" | "exempts" | "requires";
                            text?: string;
                            /** @enum {string} */
                            type: "licence-policy";
                            values: ("presumption-of-denial" | "case-by-case" | "presumption-of-approval")[];
                        } | {
                            /** @enum {string} */
                            effect: "restricts" | "exempts" | "requires";
                            percent: number;
                            text?: string;
                            /** @enum {string} */
                            type: "de-minimis";
                        } | {
                            /** @enum {string} */
                            effect: "restricts" | "exempts" | "requires";
                            text?: string;
                            /** @enum {string} */
                            type: "foreign-direct-product";
                        } | {
                            /** @enum {string} */
                            effect: "restricts" | "exempts" | "requires";
                            percent: number;
                            text?: string;
                            /** @enum {string} */
                            type: "affiliates";
                        } | {
                            /** @enum {string} */
                            effect: "restricts" | "exempts" | "requires";
                            /** @enum {string} */
                            operator: ">=" | "<=" | ">" | "<";
                            parameter: string;
                            text?: string;
                            /** @enum {string} */
                            type: "parameter";
                            unit?: string;
                            value: number;
                        } | {
                            /** @enum {string} */
                            effect: "restricts" | "exempts" | "requires";
                            holders?: {
                                name: string;
                                quantity: number;
                            }[];
                            period: string;
                            quantity: number;
                            text?: string;
                            /** @enum {string} */
                            type: "quota";
                            /** @enum {string} */
                            unit: "t" | "kg";
                        } | {
                            /** @enum {string} */
                            effect: "restricts" | "exempts" | "requires";
                            percent: number;
                            text?: string;
                            /** @enum {string} */
                            type: "export-tax";
                        } | {
                            currency: string;
                            /** @enum {string} */
                            effect: "restricts" | "exempts" | "requires";
                            text?: string;
                            /** @enum {string} */
                            type: "minimum-price";
                            /** @enum {string} */
                            unit: "t" | "kg";
                            value: number;
                        } | {
                            /** @enum {string} */
                            effect: "restricts" | "exempts" | "requires";
                            text: string;
                            /** @enum {string} */
                            type: "other";
                        };
                        /** @enum {string} */
                        profileField?: "endUses" | "verifiedEndUser" | "reExports" | "licences";
                        /** @enum {string} */
                        result: "applies" | "does-not-apply" | "applies-if" | "unknown" | "reported";
                        text: string;
                    }[];
                    requires: ({
                        /** @enum {string} */
                        effect: "restricts" | "exempts" | "requires";
                        text?: string;
                        /** @enum {string} */
                        type: "end-use";
                        values: ("civilian" | "military" | "advanced-semiconductors" | "weapons-of-mass-destruction" | "humanitarian")[];
                    } | {
                        /** @enum {string} */
                        effect: "restricts" | "exempts" | "requires";
                        text?: string;
                        /** @enum {string} */
                        type: "end-user";
                        values: ("military-end-user" | "listed-party")[];
                    } | {
                        /** @enum {string} */
                        effect: "restricts" | "exempts" | "requires";
                        text?: string;
                        /** @enum {string} */
                        type: "verified-end-user";
                    } | {
                        /** @enum {string} */
                        effect: "restricts" | "exempts" | "requires";
                        text?: string;
                        /** @enum {string} */
                        type: "licence";
                        values: ("individual" | "general")[];
                    } | {
                        /** @enum {string} */
                        effect: "restricts" | "exempts" | "requires";
                        text?: string;
                        /** @enum {string} */
                        type: "licence-policy";
                        values: ("presumption-of-denial" | "case-by-case" | "presumption-of-approval")[];
                    } | {
                        /** @enum {string} */
                        effect: "restricts" | "exempts" | "requires";
                        percent: number;
                        text?: string;
                        /** @enum {string} */
                        type: "de-minimis";
                    } | {
                        /** @enum {string} */
                        effect: "restricts" | "exempts" | "requires";
                        text?: string;
                        /** @enum {string} */
                        type: "foreign-direct-product";
                    } | {
                        /** @enum {string} */
                        effect: "restricts" | "exempts" | "requires";
                        percent: number;
                        text?: string;
                        /** @enum {string} */
                        type: "affiliates";
                    } | {
                        /** @enum {string} */
                        effect: "restricts" | "exempts" | "requires";
                        /** @enum {string} */
                        operator: ">=" | "<=" | ">" | "<";
                        parameter: string;
                        text?: string;
                        /** @enum {string} */
                        type: "parameter";
                        unit?: string;
                        value: number;
                    } | {
                        /** @enum {string} */
                        effect: "restricts" | "exempts" | "requires";
                        holders?: {
                            name: string;
                            quantity: number;
                        }[];
                        period: string;
                        quantity: number;
                        text?: string;
                        /** @enum {string} */
                        type: "quota";
                        /** @enum {string} */
                        unit: "t" | "kg";
                    } | {
                        /** @enum {string} */
                        effect: "restricts" | "exempts" | "requires";
                        percent: number;
                        text?: string;
                        /** @enum {string} */
                        type: "export-tax";
                    } | {
                        currency: string;
                        /** @enum {string} */
                        effect: "restricts" | "exempts" | "requires";
                        text?: string;
                        /** @enum {string} */
                        type: "minimum-price";
                        /** @enum {string} */
                        unit: "t" | "kg";
                        value: number;
                    } | {
                        /** @enum {string} */
                        effect: "restricts" | "exempts" | "requires";
                        text: string;
                        /** @enum {string} */
                        type: "other";
                    })[];
                    /** @enum {string} */
                    verdict: "applies" | "does-not-apply" | "applies-if" | "unknown";
                };
                /** @description `policy_change.updated`: what differs from the previous revision */
                changes?: {
                    field: string;
                    from?: unknown;
                    to?: unknown;
                }[];
                match: components["schemas"]["Match"];
                policyChange: components["schemas"]["PolicyChange"];
                relatedChanges?: {
                    policyChangeId?: string;
                    relation: string;
                    source?: string;
                    sourceRef?: string;
                    /** @enum {string} */
                    status?: "announced" | "in-force" | "suspended" | "expired" | "revoked" | "superseded";
                    title?: string;
                }[];
                resumes?: {
                    id: string;
                    title: string;
                }[];
                /** @description `policy_change.status_changed`: the transition and its cause */
                statusChange?: {
                    at: string;
                    causedBy?: {
                        id: string;
                        title: string;
                    };
                    /** @enum {string} */
                    from: "announced" | "in-force" | "suspended" | "expired" | "revoked" | "superseded";
                    /** @enum {string} */
                    to: "announced" | "in-force" | "suspended" | "expired" | "revoked" | "superseded";
                };
                subscriptionId: string;
            };
            /** @description The alert's creation time, ISO 8601 */
            timestamp: string;
            /** @enum {string} */
            type: "policy_change.published" | "policy_change.updated" | "policy_change.effective_soon" | "policy_change.expiring_soon" | "policy_change.status_changed" | "subscription.test";
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listAuditRecords: {
        parameters: {
            query?: {
                action?: string;
                /** @description A key id, bootstrap-admin or system */
                actor?: string;
                cursor?: string;
                /** @description Inclusive */
                from?: string;
                limit?: number;
                /** @description type:id (subscription:sub_…, material:dysprosium, region-group:EU) or a prefixed id */
                target?: string;
                /** @description Inclusive */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Audit records */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditPage"];
                };
            };
            /** @description No API key, or a key that is unknown or revoked (`WWW-Authenticate: Bearer`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key is valid but its scope may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request does not validate: `errors` lists each offending field (`field`, `message`, `values`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: this API key is over its rate, or too many unrecognised keys came from this address or from all callers (a problem document; `Retry-After` says how many seconds to wait), or the whole service is */
            429: {
                headers: {
                    /** @description Seconds to wait before calling again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayThrottle"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    adminListDeadDeliveries: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Dead deliveries, each with its subscriber and reason */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeadDeliveryPage"];
                };
            };
            /** @description No API key, or a key that is unknown or revoked (`WWW-Authenticate: Bearer`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key is valid but its scope may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request does not validate: `errors` lists each offending field (`field`, `message`, `values`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: this API key is over its rate, or too many unrecognised keys came from this address or from all callers (a problem document; `Retry-After` says how many seconds to wait), or the whole service is */
            429: {
                headers: {
                    /** @description Seconds to wait before calling again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayThrottle"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    adminRetryDeadDeliveries: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DeadDeliveryRetry"];
            };
        };
        responses: {
            /** @description Which were queued again, and which were skipped and why */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeadDeliveryRetried"];
                };
            };
            /** @description The body is not valid JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or a key that is unknown or revoked (`WWW-Authenticate: Bearer`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key is valid but its scope may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 256 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not `application/json` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request does not validate: `errors` lists each offending field (`field`, `message`, `values`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: this API key is over its rate, or too many unrecognised keys came from this address or from all callers (a problem document; `Retry-After` says how many seconds to wait), or the whole service is */
            429: {
                headers: {
                    /** @description Seconds to wait before calling again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayThrottle"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    adminListReviewItems: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
                /** @description Which items: `pending` (the queue), `published` (approved) or `rejected` */
                status?: "published" | "pending" | "rejected";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of review items; follow nextCursor for more */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReviewPage"];
                };
            };
            /** @description No API key, or a key that is unknown or revoked (`WWW-Authenticate: Bearer`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key is valid but its scope may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request does not validate: `errors` lists each offending field (`field`, `message`, `values`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: this API key is over its rate, or too many unrecognised keys came from this address or from all callers (a problem document; `Retry-After` says how many seconds to wait), or the whole service is */
            429: {
                headers: {
                    /** @description Seconds to wait before calling again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayThrottle"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    adminGetReviewItem: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A review item (`rv_…`), as listed by `GET /v1/admin/review` */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The item */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReviewItem"];
                };
            };
            /** @description No API key, or a key that is unknown or revoked (`WWW-Authenticate: Bearer`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key is valid but its scope may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such review item */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request does not validate: `errors` lists each offending field (`field`, `message`, `values`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: this API key is over its rate, or too many unrecognised keys came from this address or from all callers (a problem document; `Retry-After` says how many seconds to wait), or the whole service is */
            429: {
                headers: {
                    /** @description Seconds to wait before calling again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayThrottle"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    adminApproveReviewItem: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A review item (`rv_…`), as listed by `GET /v1/admin/review` */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ReviewApproval"];
            };
        };
        responses: {
            /** @description Published: the policy change id and revision, and the decided item */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReviewApproved"];
                };
            };
            /** @description The body is not valid JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or a key that is unknown or revoked (`WWW-Authenticate: Bearer`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key is valid but its scope may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such review item */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Already approved or rejected (`review-decided`); reading the item says how, when and by whom; or this revision was meanwhile ingested directly with other content, or a higher one was (`revision-content-mismatch`, `stale-revision`) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 256 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not `application/json` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request does not validate: `errors` lists each offending field (`field`, `message`, `values`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: this API key is over its rate, or too many unrecognised keys came from this address or from all callers (a problem document; `Retry-After` says how many seconds to wait), or the whole service is */
            429: {
                headers: {
                    /** @description Seconds to wait before calling again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayThrottle"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    adminGetReviewReach: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The subscriptions it would reach */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReviewReach"];
                };
            };
            /** @description No API key, or a key that is unknown or revoked (`WWW-Authenticate: Bearer`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key is valid but its scope may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such review item */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Already approved or rejected */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request does not validate: `errors` lists each offending field (`field`, `message`, `values`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: this API key is over its rate, or too many unrecognised keys came from this address or from all callers (a problem document; `Retry-After` says how many seconds to wait), or the whole service is */
            429: {
                headers: {
                    /** @description Seconds to wait before calling again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayThrottle"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    adminRejectReviewItem: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A review item (`rv_…`), as listed by `GET /v1/admin/review` */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReviewRejection"];
            };
        };
        responses: {
            /** @description Rejected: the decided item */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReviewItem"];
                };
            };
            /** @description The body is not valid JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or a key that is unknown or revoked (`WWW-Authenticate: Bearer`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key is valid but its scope may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such review item */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Already approved or rejected (`review-decided`); reading the item says how, when and by whom */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 256 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not `application/json` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request does not validate: `errors` lists each offending field (`field`, `message`, `values`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: this API key is over its rate, or too many unrecognised keys came from this address or from all callers (a problem document; `Retry-After` says how many seconds to wait), or the whole service is */
            429: {
                headers: {
                    /** @description Seconds to wait before calling again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayThrottle"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    adminGetStats: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One object per section: `metrics`; in local mode also `process` (memory, uptime), `dynamodbLocal` (engine memory, when started by the process) and `dispatch` (pool, lanes, open circuits, last recovery, sweeps) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Stats"];
                };
            };
            /** @description No API key, or a key that is unknown or revoked (`WWW-Authenticate: Bearer`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key is valid but its scope may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Deployed: the figures are in CloudWatch */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: this API key is over its rate, or too many unrecognised keys came from this address or from all callers (a problem document; `Retry-After` says how many seconds to wait), or the whole service is */
            429: {
                headers: {
                    /** @description Seconds to wait before calling again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayThrottle"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    adminListSubscribers: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Subscribers */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SubscriberPage"];
                };
            };
            /** @description No API key, or a key that is unknown or revoked (`WWW-Authenticate: Bearer`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key is valid but its scope may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request does not validate: `errors` lists each offending field (`field`, `message`, `values`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: this API key is over its rate, or too many unrecognised keys came from this address or from all callers (a problem document; `Retry-After` says how many seconds to wait), or the whole service is */
            429: {
                headers: {
                    /** @description Seconds to wait before calling again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayThrottle"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    adminGetSubscriber: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The subscriber */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Subscriber"];
                };
            };
            /** @description No API key, or a key that is unknown or revoked (`WWW-Authenticate: Bearer`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key is valid but its scope may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such subscriber */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request does not validate: `errors` lists each offending field (`field`, `message`, `values`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: this API key is over its rate, or too many unrecognised keys came from this address or from all callers (a problem document; `Retry-After` says how many seconds to wait), or the whole service is */
            429: {
                headers: {
                    /** @description Seconds to wait before calling again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayThrottle"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    adminDeleteSubscriber: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description What was removed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SubscriberDeleted"];
                };
            };
            /** @description No API key, or a key that is unknown or revoked (`WWW-Authenticate: Bearer`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key is valid but its scope may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such subscriber */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request does not validate: `errors` lists each offending field (`field`, `message`, `values`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: this API key is over its rate, or too many unrecognised keys came from this address or from all callers (a problem document; `Retry-After` says how many seconds to wait), or the whole service is */
            429: {
                headers: {
                    /** @description Seconds to wait before calling again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayThrottle"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    adminRenameSubscriber: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SubscriberRename"];
            };
        };
        responses: {
            /** @description The renamed subscriber */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Subscriber"];
                };
            };
            /** @description The body is not valid JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or a key that is unknown or revoked (`WWW-Authenticate: Bearer`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key is valid but its scope may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such subscriber */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 256 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not `application/json` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request does not validate: `errors` lists each offending field (`field`, `message`, `values`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: this API key is over its rate, or too many unrecognised keys came from this address or from all callers (a problem document; `Retry-After` says how many seconds to wait), or the whole service is */
            429: {
                headers: {
                    /** @description Seconds to wait before calling again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayThrottle"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    adminListSubscriptions: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
                /** @description A filter material id, or * */
                material?: "*" | string;
                subscriberId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Subscriptions, without secrets */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SubscriptionPage"];
                };
            };
            /** @description No API key, or a key that is unknown or revoked (`WWW-Authenticate: Bearer`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key is valid but its scope may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request does not validate: `errors` lists each offending field (`field`, `message`, `values`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: this API key is over its rate, or too many unrecognised keys came from this address or from all callers (a problem document; `Retry-After` says how many seconds to wait), or the whole service is */
            429: {
                headers: {
                    /** @description Seconds to wait before calling again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayThrottle"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    adminGetSubscription: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The subscription */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Subscription"];
                };
            };
            /** @description No API key, or a key that is unknown or revoked (`WWW-Authenticate: Bearer`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key is valid but its scope may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such subscription */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request does not validate: `errors` lists each offending field (`field`, `message`, `values`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: this API key is over its rate, or too many unrecognised keys came from this address or from all callers (a problem document; `Retry-After` says how many seconds to wait), or the whole service is */
            429: {
                headers: {
                    /** @description Seconds to wait before calling again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayThrottle"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    adminUpdateSubscription: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AdminSubscriptionPatch"];
            };
        };
        responses: {
            /** @description The updated subscription */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Subscription"];
                };
            };
            /** @description The body is not valid JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or a key that is unknown or revoked (`WWW-Authenticate: Bearer`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key is valid but its scope may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such subscription */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Changed concurrently; read it again */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 256 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not `application/json` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request does not validate: `errors` lists each offending field (`field`, `message`, `values`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: this API key is over its rate, or too many unrecognised keys came from this address or from all callers (a problem document; `Retry-After` says how many seconds to wait), or the whole service is */
            429: {
                headers: {
                    /** @description Seconds to wait before calling again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayThrottle"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    adminPauseSubscription: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The subscription */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Subscription"];
                };
            };
            /** @description No API key, or a key that is unknown or revoked (`WWW-Authenticate: Bearer`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key is valid but its scope may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such subscription */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Changed concurrently; read it again */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request does not validate: `errors` lists each offending field (`field`, `message`, `values`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: this API key is over its rate, or too many unrecognised keys came from this address or from all callers (a problem document; `Retry-After` says how many seconds to wait), or the whole service is */
            429: {
                headers: {
                    /** @description Seconds to wait before calling again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayThrottle"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    adminResumeSubscription: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The subscription */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Subscription"];
                };
            };
            /** @description No API key, or a key that is unknown or revoked (`WWW-Authenticate: Bearer`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key is valid but its scope may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such subscription */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Changed concurrently; read it again */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request does not validate: `errors` lists each offending field (`field`, `message`, `values`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: this API key is over its rate, or too many unrecognised keys came from this address or from all callers (a problem document; `Retry-After` says how many seconds to wait), or the whole service is */
            429: {
                headers: {
                    /** @description Seconds to wait before calling again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayThrottle"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listApiKeys: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
                subscriberId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Keys */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyPage"];
                };
            };
            /** @description No API key, or a key that is unknown or revoked (`WWW-Authenticate: Bearer`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key is valid but its scope may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request does not validate: `errors` lists each offending field (`field`, `message`, `values`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: this API key is over its rate, or too many unrecognised keys came from this address or from all callers (a problem document; `Retry-After` says how many seconds to wait), or the whole service is */
            429: {
                headers: {
                    /** @description Seconds to wait before calling again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayThrottle"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ApiKeyInput"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyCreated"];
                };
            };
            /** @description The body is not valid JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or a key that is unknown or revoked (`WWW-Authenticate: Bearer`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key is valid but its scope may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such subscriber */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The subscriber already has 2 active keys */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 256 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not `application/json` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request does not validate: `errors` lists each offending field (`field`, `message`, `values`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: this API key is over its rate, or too many unrecognised keys came from this address or from all callers (a problem document; `Retry-After` says how many seconds to wait), or the whole service is */
            429: {
                headers: {
                    /** @description Seconds to wait before calling again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayThrottle"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    revokeApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                keyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The revoked key */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKey"];
                };
            };
            /** @description No API key, or a key that is unknown or revoked (`WWW-Authenticate: Bearer`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key is valid but its scope may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such key (for this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The bootstrap admin key is configuration, not a stored key */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request does not validate: `errors` lists each offending field (`field`, `message`, `values`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: this API key is over its rate, or too many unrecognised keys came from this address or from all callers (a problem document; `Retry-After` says how many seconds to wait), or the whole service is */
            429: {
                headers: {
                    /** @description Seconds to wait before calling again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayThrottle"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    readCalendar: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The token, optionally followed by `.ics` */
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The calendar */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/calendar": string;
                };
            };
            /** @description No calendar for this token */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request does not validate: `errors` lists each offending field (`field`, `message`, `values`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: the whole service is over its request rate */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayThrottle"];
                };
            };
        };
    };
    listDeliveries: {
        parameters: {
            query?: {
                /** @description Only this channel */
                channel?: "webhook" | "sms" | "email" | "slack" | "teams" | "digest";
                cursor?: string;
                /** @description Created at or after this time (ISO 8601 with an offset) */
                from?: string;
                limit?: number;
                /** @description Only this status */
                status?: "pending" | "delivered" | "failed" | "dead";
                /** @description Administrators: whose deliveries (or name a `subscriptionId`) */
                subscriberId?: string;
                /** @description One subscription only; without it, every subscription of the subscriber */
                subscriptionId?: string;
                /** @description Created before this time (ISO 8601 with an offset) */
                to?: string;
                /** @description Only this event type */
                type?: "policy_change.published" | "policy_change.updated" | "policy_change.effective_soon" | "policy_change.expiring_soon" | "policy_change.status_changed" | "subscription.test" | "alerts.digest";
                /** @description The `webhook-id` header a receiver saw */
                webhookId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deliveries */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeliveryLogPage"];
                };
            };
            /** @description No API key, or a key that is unknown or revoked (`WWW-Authenticate: Bearer`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key is valid but its scope may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such subscription for this subscriber */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request does not validate: `errors` lists each offending field (`field`, `message`, `values`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: this API key is over its rate, or too many unrecognised keys came from this address or from all callers (a problem document; `Retry-After` says how many seconds to wait), or the whole service is */
            429: {
                headers: {
                    /** @description Seconds to wait before calling again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayThrottle"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The delivery */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Delivery"];
                };
            };
            /** @description No API key, or a key that is unknown or revoked (`WWW-Authenticate: Bearer`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key is valid but its scope may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such delivery for this subscriber, or one past its retention */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request does not validate: `errors` lists each offending field (`field`, `message`, `values`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: this API key is over its rate, or too many unrecognised keys came from this address or from all callers (a problem document; `Retry-After` says how many seconds to wait), or the whole service is */
            429: {
                headers: {
                    /** @description Seconds to wait before calling again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayThrottle"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    retryDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Queued */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Delivery"];
                };
            };
            /** @description No API key, or a key that is unknown or revoked (`WWW-Authenticate: Bearer`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key is valid but its scope may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such delivery for this subscriber, or one past its retention */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request does not validate: `errors` lists each offending field (`field`, `message`, `values`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description This delivery was replayed as often as allowed this hour (REPLAY_LIMIT, 3), or the API key is over its rate; `Retry-After` says when to try again */
            429: {
                headers: {
                    /** @description Seconds until the next replay (or call) is allowed */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listEvents: {
        parameters: {
            query?: {
                /** @description The `nextCursor` of the previous page; absent: from the oldest event kept */
                after?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of events */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FeedPage"];
                };
            };
            /** @description No API key, or a key that is unknown or revoked (`WWW-Authenticate: Bearer`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key is valid but its scope may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request does not validate: `errors` lists each offending field (`field`, `message`, `values`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: this API key is over its rate, or too many unrecognised keys came from this address or from all callers (a problem document; `Retry-After` says how many seconds to wait), or the whole service is */
            429: {
                headers: {
                    /** @description Seconds to wait before calling again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayThrottle"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listMaterials: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every material and group, with its parents (and the first as v1 `parent`) and ancestors */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MaterialList"];
                };
            };
            /** @description Too many requests: the whole service is over its request rate */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayThrottle"];
                };
            };
        };
    };
    putMaterial: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MaterialInput"];
            };
        };
        responses: {
            /** @description Replaced (or unchanged) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Material"];
                };
            };
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Material"];
                };
            };
            /** @description The body is not valid JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or a key that is unknown or revoked (`WWW-Authenticate: Bearer`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key is valid but its scope may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Nothing with this id (for this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Concurrent edits kept conflicting; try again */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 256 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not `application/json` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request does not validate: `errors` lists each offending field (`field`, `message`, `values`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: this API key is over its rate, or too many unrecognised keys came from this address or from all callers (a problem document; `Retry-After` says how many seconds to wait), or the whole service is */
            429: {
                headers: {
                    /** @description Seconds to wait before calling again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayThrottle"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteMaterial: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No API key, or a key that is unknown or revoked (`WWW-Authenticate: Bearer`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key is valid but its scope may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such material */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Still a parent, or named by subscriptions (the detail says how many) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request does not validate: `errors` lists each offending field (`field`, `message`, `values`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: this API key is over its rate, or too many unrecognised keys came from this address or from all callers (a problem document; `Retry-After` says how many seconds to wait), or the whole service is */
            429: {
                headers: {
                    /** @description Seconds to wait before calling again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayThrottle"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getCaller: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The caller */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Caller"];
                };
            };
            /** @description No API key, or a key that is unknown or revoked (`WWW-Authenticate: Bearer`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key is valid but its scope may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: this API key is over its rate, or too many unrecognised keys came from this address or from all callers (a problem document; `Retry-After` says how many seconds to wait), or the whole service is */
            429: {
                headers: {
                    /** @description Seconds to wait before calling again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayThrottle"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listOwnApiKeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Keys */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyPage"];
                };
            };
            /** @description No API key, or a key that is unknown or revoked (`WWW-Authenticate: Bearer`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key is valid but its scope may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: this API key is over its rate, or too many unrecognised keys came from this address or from all callers (a problem document; `Retry-After` says how many seconds to wait), or the whole service is */
            429: {
                headers: {
                    /** @description Seconds to wait before calling again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayThrottle"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createOwnApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["OwnApiKeyInput"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyCreated"];
                };
            };
            /** @description The body is not valid JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or a key that is unknown or revoked (`WWW-Authenticate: Bearer`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key is valid but its scope may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Already 2 active keys: revoke one first */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 256 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not `application/json` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request does not validate: `errors` lists each offending field (`field`, `message`, `values`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: this API key is over its rate, or too many unrecognised keys came from this address or from all callers (a problem document; `Retry-After` says how many seconds to wait), or the whole service is */
            429: {
                headers: {
                    /** @description Seconds to wait before calling again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayThrottle"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    revokeOwnApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                keyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The revoked key */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKey"];
                };
            };
            /** @description No API key, or a key that is unknown or revoked (`WWW-Authenticate: Bearer`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key is valid but its scope may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such key (for this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description This is the last active key */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request does not validate: `errors` lists each offending field (`field`, `message`, `values`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: this API key is over its rate, or too many unrecognised keys came from this address or from all callers (a problem document; `Retry-After` says how many seconds to wait), or the whole service is */
            429: {
                headers: {
                    /** @description Seconds to wait before calling again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayThrottle"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getCalendarState: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The calendar URL’s state */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CalendarState"];
                };
            };
            /** @description No API key, or a key that is unknown or revoked (`WWW-Authenticate: Bearer`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key is valid but its scope may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: this API key is over its rate, or too many unrecognised keys came from this address or from all callers (a problem document; `Retry-After` says how many seconds to wait), or the whole service is */
            429: {
                headers: {
                    /** @description Seconds to wait before calling again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayThrottle"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    issueCalendarUrl: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The new URL */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CalendarUrl"];
                };
            };
            /** @description No API key, or a key that is unknown or revoked (`WWW-Authenticate: Bearer`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key is valid but its scope may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: this API key is over its rate, or too many unrecognised keys came from this address or from all callers (a problem document; `Retry-After` says how many seconds to wait), or the whole service is */
            429: {
                headers: {
                    /** @description Seconds to wait before calling again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayThrottle"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    revokeCalendarUrl: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No API key, or a key that is unknown or revoked (`WWW-Authenticate: Bearer`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key is valid but its scope may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: this API key is over its rate, or too many unrecognised keys came from this address or from all callers (a problem document; `Retry-After` says how many seconds to wait), or the whole service is */
            429: {
                headers: {
                    /** @description Seconds to wait before calling again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayThrottle"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getOwnSubscriber: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The subscriber */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Subscriber"];
                };
            };
            /** @description No API key, or a key that is unknown or revoked (`WWW-Authenticate: Bearer`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not a subscriber key */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: this API key is over its rate, or too many unrecognised keys came from this address or from all callers (a problem document; `Retry-After` says how many seconds to wait), or the whole service is */
            429: {
                headers: {
                    /** @description Seconds to wait before calling again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayThrottle"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateOwnSubscriber: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OwnSubscriberPatch"];
            };
        };
        responses: {
            /** @description The subscriber */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Subscriber"];
                };
            };
            /** @description The body is not valid JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or a key that is unknown or revoked (`WWW-Authenticate: Bearer`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not a subscriber key */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 256 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not `application/json` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request does not validate: `errors` lists each offending field (`field`, `message`, `values`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: this API key is over its rate, or too many unrecognised keys came from this address or from all callers (a problem document; `Retry-After` says how many seconds to wait), or the whole service is */
            429: {
                headers: {
                    /** @description Seconds to wait before calling again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayThrottle"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listPolicyChanges: {
        parameters: {
            query?: {
                /** @description Applies to this destination */
                affectedRegion?: string;
                /** @description Only this type of change */
                changeType?: "licence-requirement" | "export-ban" | "extraterritorial-control" | "technology-control" | "export-quota" | "export-tax" | "import-tariff" | "trade-investigation" | "end-user-list-addition" | "end-user-list-removal" | "sanctions" | "general-licence" | "verified-end-user" | "suspension" | "critical-mineral-designation" | "other";
                cursor?: string;
                /** @description Issued by this country or group */
                issuingRegion?: string;
                limit?: number;
                /** @description A material id, name or synonym; its relatives match too */
                material?: string;
                /** @description Covers goods from this country or group */
                originRegion?: string;
                /** @description Text in the title, summary or sourceRef */
                q?: string;
                /** @description Published on or after this day (YYYY-MM-DD) */
                since?: string;
                /** @description Only changes with this status now */
                status?: "announced" | "in-force" | "suspended" | "expired" | "revoked" | "superseded";
                /** @description Published on or before this day (YYYY-MM-DD) */
                until?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of changes; follow nextCursor for more */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PolicyChangePage"];
                };
            };
            /** @description No API key, or a key that is unknown or revoked (`WWW-Authenticate: Bearer`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key is valid but its scope may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request does not validate: `errors` lists each offending field (`field`, `message`, `values`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: this API key is over its rate, or too many unrecognised keys came from this address or from all callers (a problem document; `Retry-After` says how many seconds to wait), or the whole service is */
            429: {
                headers: {
                    /** @description Seconds to wait before calling again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayThrottle"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ingestPolicyChange: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PolicyChangeInput"];
            };
        };
        responses: {
            /** @description This revision was already ingested; nothing new is sent */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PolicyChangeAccepted"];
                };
            };
            /** @description Stored; matching and delivery follow. `Location` names the change */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PolicyChangeAccepted"];
                };
            };
            /** @description The body is not valid JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or a key that is unknown or revoked (`WWW-Authenticate: Bearer`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key is valid but its scope may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A stale revision, or the same revision with other content */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 256 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not `application/json` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request does not validate: `errors` lists each offending field (`field`, `message`, `values`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: this API key is over its rate, or too many unrecognised keys came from this address or from all callers (a problem document; `Retry-After` says how many seconds to wait), or the whole service is */
            429: {
                headers: {
                    /** @description Seconds to wait before calling again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayThrottle"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getPolicyChange: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The change */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PolicyChange"];
                };
            };
            /** @description No API key, or a key that is unknown or revoked (`WWW-Authenticate: Bearer`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key is valid but its scope may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such change */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request does not validate: `errors` lists each offending field (`field`, `message`, `values`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: this API key is over its rate, or too many unrecognised keys came from this address or from all callers (a problem document; `Retry-After` says how many seconds to wait), or the whole service is */
            429: {
                headers: {
                    /** @description Seconds to wait before calling again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayThrottle"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listPolicyChangeRevisions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The revisions */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PolicyChangeRevisions"];
                };
            };
            /** @description No API key, or a key that is unknown or revoked (`WWW-Authenticate: Bearer`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key is valid but its scope may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such change */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request does not validate: `errors` lists each offending field (`field`, `message`, `values`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: this API key is over its rate, or too many unrecognised keys came from this address or from all callers (a problem document; `Retry-After` says how many seconds to wait), or the whole service is */
            429: {
                headers: {
                    /** @description Seconds to wait before calling again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayThrottle"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ingestPolicyChangeBatch: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PolicyChangeBatch"];
            };
        };
        responses: {
            /** @description Every item was considered: `created`, `duplicate` (already ingested, nothing sent) or `error` with its problem, in the order sent */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PolicyChangeBatchResults"];
                };
            };
            /** @description The body is not valid JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or a key that is unknown or revoked (`WWW-Authenticate: Bearer`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key is valid but its scope may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 256 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not `application/json` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request does not validate: `errors` lists each offending field (`field`, `message`, `values`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: this API key is over its rate, or too many unrecognised keys came from this address or from all callers (a problem document; `Retry-After` says how many seconds to wait), or the whole service is */
            429: {
                headers: {
                    /** @description Seconds to wait before calling again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayThrottle"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getRegime: {
        parameters: {
            query: {
                /** @description The instant (default now) */
                at?: string;
                /** @description Where they go */
                destination?: string;
                /** @description A material id, name or synonym */
                material: string;
                /** @description Where the goods come from */
                origin?: string;
                /** @description A party to screen against the party rules (repeatable, at most 25); adds `screening` */
                party?: string | string[];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description What applies, and what is suspended then */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Regime"];
                };
            };
            /** @description No API key, or a key that is unknown or revoked (`WWW-Authenticate: Bearer`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key is valid but its scope may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request does not validate: `errors` lists each offending field (`field`, `message`, `values`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: this API key is over its rate, or too many unrecognised keys came from this address or from all callers (a problem document; `Retry-After` says how many seconds to wait), or the whole service is */
            429: {
                headers: {
                    /** @description Seconds to wait before calling again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayThrottle"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listRegions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Countries and groups */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Regions"];
                };
            };
            /** @description Too many requests: the whole service is over its request rate */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayThrottle"];
                };
            };
        };
    };
    putRegionGroup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RegionGroupInput"];
            };
        };
        responses: {
            /** @description Replaced (or unchanged) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RegionGroup"];
                };
            };
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RegionGroup"];
                };
            };
            /** @description The body is not valid JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or a key that is unknown or revoked (`WWW-Authenticate: Bearer`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key is valid but its scope may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Nothing with this id (for this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Concurrent edits kept conflicting; try again */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 256 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not `application/json` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request does not validate: `errors` lists each offending field (`field`, `message`, `values`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: this API key is over its rate, or too many unrecognised keys came from this address or from all callers (a problem document; `Retry-After` says how many seconds to wait), or the whole service is */
            429: {
                headers: {
                    /** @description Seconds to wait before calling again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayThrottle"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createSubscriber: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SubscriberInput"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SubscriberCreated"];
                };
            };
            /** @description The body is not valid JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or a key that is unknown or revoked (`WWW-Authenticate: Bearer`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key is valid but its scope may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 256 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not `application/json` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request does not validate: `errors` lists each offending field (`field`, `message`, `values`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: this API key is over its rate, or too many unrecognised keys came from this address or from all callers (a problem document; `Retry-After` says how many seconds to wait), or the whole service is */
            429: {
                headers: {
                    /** @description Seconds to wait before calling again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayThrottle"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listSubscriptions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Subscriptions */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SubscriptionList"];
                };
            };
            /** @description No API key, or a key that is unknown or revoked (`WWW-Authenticate: Bearer`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key is valid but its scope may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: this API key is over its rate, or too many unrecognised keys came from this address or from all callers (a problem document; `Retry-After` says how many seconds to wait), or the whole service is */
            429: {
                headers: {
                    /** @description Seconds to wait before calling again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayThrottle"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createSubscription: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SubscriptionInput"];
            };
        };
        responses: {
            /** @description Created; `Location` names it */
            201: {
                headers: {
                    /** @description The new subscription */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Subscription"];
                };
            };
            /** @description The body is not valid JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or a key that is unknown or revoked (`WWW-Authenticate: Bearer`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key is valid but its scope may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The subscriber already holds the most subscriptions allowed */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 256 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not `application/json` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request does not validate: `errors` lists each offending field (`field`, `message`, `values`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: this API key is over its rate, or too many unrecognised keys came from this address or from all callers (a problem document; `Retry-After` says how many seconds to wait), or the whole service is */
            429: {
                headers: {
                    /** @description Seconds to wait before calling again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayThrottle"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getSubscription: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The subscription */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Subscription"];
                };
            };
            /** @description No API key, or a key that is unknown or revoked (`WWW-Authenticate: Bearer`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key is valid but its scope may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such subscription for this subscriber */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request does not validate: `errors` lists each offending field (`field`, `message`, `values`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: this API key is over its rate, or too many unrecognised keys came from this address or from all callers (a problem document; `Retry-After` says how many seconds to wait), or the whole service is */
            429: {
                headers: {
                    /** @description Seconds to wait before calling again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayThrottle"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteSubscription: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No API key, or a key that is unknown or revoked (`WWW-Authenticate: Bearer`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key is valid but its scope may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such subscription for this subscriber */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request does not validate: `errors` lists each offending field (`field`, `message`, `values`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: this API key is over its rate, or too many unrecognised keys came from this address or from all callers (a problem document; `Retry-After` says how many seconds to wait), or the whole service is */
            429: {
                headers: {
                    /** @description Seconds to wait before calling again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayThrottle"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateSubscription: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SubscriptionPatch"];
            };
        };
        responses: {
            /** @description The updated subscription */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Subscription"];
                };
            };
            /** @description The body is not valid JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or a key that is unknown or revoked (`WWW-Authenticate: Bearer`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key is valid but its scope may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such subscription for this subscriber */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Changed concurrently; read and try again */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 256 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not `application/json` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request does not validate: `errors` lists each offending field (`field`, `message`, `values`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: this API key is over its rate, or too many unrecognised keys came from this address or from all callers (a problem document; `Retry-After` says how many seconds to wait), or the whole service is */
            429: {
                headers: {
                    /** @description Seconds to wait before calling again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayThrottle"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    sendChatTest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChatTestInput"];
            };
        };
        responses: {
            /** @description Queued */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Delivery"];
                };
            };
            /** @description The body is not valid JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or a key that is unknown or revoked (`WWW-Authenticate: Bearer`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key is valid but its scope may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such subscription for this subscriber */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 256 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not `application/json` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The subscription has no such channel */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: this API key is over its rate, or too many unrecognised keys came from this address or from all callers (a problem document; `Retry-After` says how many seconds to wait), or the whole service is */
            429: {
                headers: {
                    /** @description Seconds to wait before calling again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayThrottle"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listSubscriptionDeliveries: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deliveries */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeliveryPage"];
                };
            };
            /** @description No API key, or a key that is unknown or revoked (`WWW-Authenticate: Bearer`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key is valid but its scope may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such subscription for this subscriber */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request does not validate: `errors` lists each offending field (`field`, `message`, `values`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: this API key is over its rate, or too many unrecognised keys came from this address or from all callers (a problem document; `Retry-After` says how many seconds to wait), or the whole service is */
            429: {
                headers: {
                    /** @description Seconds to wait before calling again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayThrottle"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    previewDigest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The next digest as it stands */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DigestPreview"];
                };
            };
            /** @description No API key, or a key that is unknown or revoked (`WWW-Authenticate: Bearer`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key is valid but its scope may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such subscription for this subscriber */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request does not validate: `errors` lists each offending field (`field`, `message`, `values`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: this API key is over its rate, or too many unrecognised keys came from this address or from all callers (a problem document; `Retry-After` says how many seconds to wait), or the whole service is */
            429: {
                headers: {
                    /** @description Seconds to wait before calling again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayThrottle"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    recoverDeliveries: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RecoverInput"];
            };
        };
        responses: {
            /** @description Queued */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Recovered"];
                };
            };
            /** @description The body is not valid JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or a key that is unknown or revoked (`WWW-Authenticate: Bearer`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key is valid but its scope may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such subscription for this subscriber */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Another recovery of this subscription is still sending its deliveries */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 256 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not `application/json` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request does not validate: `errors` lists each offending field (`field`, `message`, `values`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: this API key is over its rate, or too many unrecognised keys came from this address or from all callers (a problem document; `Retry-After` says how many seconds to wait), or the whole service is */
            429: {
                headers: {
                    /** @description Seconds to wait before calling again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayThrottle"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    rotateWebhookSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Rotated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RotatedSecret"];
                };
            };
            /** @description No API key, or a key that is unknown or revoked (`WWW-Authenticate: Bearer`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key is valid but its scope may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such subscription for this subscriber */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Changed concurrently; try again */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request does not validate: `errors` lists each offending field (`field`, `message`, `values`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: this API key is over its rate, or too many unrecognised keys came from this address or from all callers (a problem document; `Retry-After` says how many seconds to wait), or the whole service is */
            429: {
                headers: {
                    /** @description Seconds to wait before calling again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayThrottle"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    confirmSmsNumber: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SmsConfirmInput"];
            };
        };
        responses: {
            /** @description Confirmed: `smsStatus` shows the number as confirmed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Subscription"];
                };
            };
            /** @description The body is not valid JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or a key that is unknown or revoked (`WWW-Authenticate: Bearer`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key is valid but its scope may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such subscription for this subscriber */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Changed concurrently; try again */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 256 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not `application/json` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request does not validate: `errors` lists each offending field (`field`, `message`, `values`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: this API key is over its rate, or too many unrecognised keys came from this address or from all callers (a problem document; `Retry-After` says how many seconds to wait), or the whole service is */
            429: {
                headers: {
                    /** @description Seconds to wait before calling again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayThrottle"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    resendSmsCode: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SmsResendInput"];
            };
        };
        responses: {
            /** @description A new code is on its way; the previous one no longer works */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Subscription"];
                };
            };
            /** @description The body is not valid JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or a key that is unknown or revoked (`WWW-Authenticate: Bearer`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key is valid but its scope may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such subscription for this subscriber */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Changed concurrently; try again */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 256 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not `application/json` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request does not validate: `errors` lists each offending field (`field`, `message`, `values`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The number was sent as many codes today as allowed, or the API key is over its rate; `Retry-After` says when to try again */
            429: {
                headers: {
                    /** @description Seconds until the next code (or call) is allowed */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    sendTestEvent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["TestEventInput"];
            };
        };
        responses: {
            /** @description Queued */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Delivery"];
                };
            };
            /** @description The body is not valid JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or a key that is unknown or revoked (`WWW-Authenticate: Bearer`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key is valid but its scope may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such subscription for this subscriber */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 256 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not `application/json` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request does not validate: `errors` lists each offending field (`field`, `message`, `values`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: this API key is over its rate, or too many unrecognised keys came from this address or from all callers (a problem document; `Retry-After` says how many seconds to wait), or the whole service is */
            429: {
                headers: {
                    /** @description Seconds to wait before calling again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayThrottle"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    disableWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Disabled */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Subscription"];
                };
            };
            /** @description No API key, or a key that is unknown or revoked (`WWW-Authenticate: Bearer`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key is valid but its scope may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such subscription for this subscriber */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Changed concurrently; try again */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The subscription has no webhook */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: this API key is over its rate, or too many unrecognised keys came from this address or from all callers (a problem document; `Retry-After` says how many seconds to wait), or the whole service is */
            429: {
                headers: {
                    /** @description Seconds to wait before calling again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayThrottle"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    enableWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Enabled */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Subscription"];
                };
            };
            /** @description No API key, or a key that is unknown or revoked (`WWW-Authenticate: Bearer`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key is valid but its scope may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such subscription for this subscriber */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Changed concurrently; try again */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request does not validate: `errors` lists each offending field (`field`, `message`, `values`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: this API key is over its rate, or too many unrecognised keys came from this address or from all callers (a problem document; `Retry-After` says how many seconds to wait), or the whole service is */
            429: {
                headers: {
                    /** @description Seconds to wait before calling again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayThrottle"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getWebhookHealth: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Health */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EndpointHealth"];
                };
            };
            /** @description No API key, or a key that is unknown or revoked (`WWW-Authenticate: Bearer`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key is valid but its scope may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such subscription for this subscriber */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The subscription has no webhook */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: this API key is over its rate, or too many unrecognised keys came from this address or from all callers (a problem document; `Retry-After` says how many seconds to wait), or the whole service is */
            429: {
                headers: {
                    /** @description Seconds to wait before calling again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayThrottle"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    previewSubscription: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SubscriptionPreviewInput"];
            };
        };
        responses: {
            /** @description The changes the filters would have matched */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SubscriptionPreview"];
                };
            };
            /** @description The body is not valid JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or a key that is unknown or revoked (`WWW-Authenticate: Bearer`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key is valid but its scope may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than 256 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not `application/json` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request does not validate: `errors` lists each offending field (`field`, `message`, `values`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: this API key is over its rate, or too many unrecognised keys came from this address or from all callers (a problem document; `Retry-After` says how many seconds to wait), or the whole service is */
            429: {
                headers: {
                    /** @description Seconds to wait before calling again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayThrottle"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    eventAlertsDigest: {
        parameters: {
            query?: never;
            header: {
                /** @description Stable across retries: deduplicate on it */
                "webhook-id": string;
                /** @description Space-separated `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, one per live secret */
                "webhook-signature": string;
                /** @description Unix seconds of this attempt */
                "webhook-timestamp": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "type": "alerts.digest",
                 *       "timestamp": "2023-07-04T06:06:05.000Z",
                 *       "data": {
                 *         "alertId": "alrt_7e76cbe11d4734a7c582c17028359568",
                 *         "subscriptionId": "sub_0m8example0subscription000",
                 *         "period": {
                 *           "from": "2023-07-03T06:06:00.000Z",
                 *           "until": "2023-07-04T06:06:00.000Z",
                 *           "frequency": "daily",
                 *           "timeZone": "Europe/Berlin"
                 *         },
                 *         "items": [
                 *           {
                 *             "policyChange": {
                 *               "id": "pc_0m8example0gallium0germanium",
                 *               "title": "China requires export licences for gallium and germanium items",
                 *               "source": "cn-mofcom",
                 *               "sourceRef": "MOFCOM-2023-23",
                 *               "revision": 1,
                 *               "summary": "MOFCOM and the General Administration of Customs (Announcement No. 23 of 2023) place gallium items (metal, gallium nitride, oxide, phosphide, arsenide, indium gallium arsenide, selenide, antimonide, in any form incl. wafers) and germanium items (metal, zone-refined ingots, zinc germanium phosphide, epitaxial substrates, germanium dioxide, germanium tetrachloride) under export licensing from 1 August 2023. Exporters apply to MOFCOM with end-user and end-use certificates.",
                 *               "url": "https://www.mondaq.com/china/export-controls--trade--investment-sanctions/1350848/china-releases-latest-export-control-measures-on-gallium-and-germanium",
                 *               "issuingRegion": "CN",
                 *               "affectedRegions": [
                 *                 "*"
                 *               ],
                 *               "materials": [
                 *                 "gallium",
                 *                 "germanium",
                 *                 "gallium-compounds",
                 *                 "germanium-compounds",
                 *                 "doped-semiconductor-wafers"
                 *               ],
                 *               "hsCodes": [
                 *                 "8112929010",
                 *                 "8112929090",
                 *                 "8112999000",
                 *                 "2825909001",
                 *                 "2853909026",
                 *                 "282560",
                 *                 "285000",
                 *                 "381800"
                 *               ],
                 *               "changeType": "licence-requirement",
                 *               "severity": "high",
                 *               "conditions": [
                 *                 {
                 *                   "type": "licence",
                 *                   "effect": "restricts",
                 *                   "values": [
                 *                     "individual"
                 *                   ],
                 *                   "text": "each export needs a MOFCOM licence, applied for with end-user and end-use certificates"
                 *                 }
                 *               ],
                 *               "publishedAt": "2023-07-03T00:00:00+08:00",
                 *               "effectiveAt": "2023-08-01T00:00:00+08:00",
                 *               "ingestedAt": "2023-07-03T09:12:00.000Z",
                 *               "originRegions": [
                 *                 "CN"
                 *               ],
                 *               "direction": "tightening",
                 *               "itemTypes": [
                 *                 "goods"
                 *               ]
                 *             },
                 *             "applicability": {
                 *               "verdict": "applies",
                 *               "reasons": [
                 *                 {
                 *                   "condition": {
                 *                     "type": "licence",
                 *                     "values": [
                 *                       "individual"
                 *                     ],
                 *                     "text": "each export needs a MOFCOM licence, applied for with end-user and end-use certificates",
                 *                     "effect": "restricts"
                 *                   },
                 *                   "result": "reported",
                 *                   "text": "individual licence required"
                 *                 }
                 *               ],
                 *               "requires": []
                 *             },
                 *             "alertId": "alrt_70535aeb1feeb4d542e99cf83f306e97",
                 *             "subscriptionId": "sub_0m8example0subscription000",
                 *             "match": {
                 *               "materials": [
                 *                 {
                 *                   "change": "gallium",
                 *                   "filter": "gallium"
                 *                 }
                 *               ],
                 *               "issuingRegion": "CN"
                 *             },
                 *             "events": [
                 *               {
                 *                 "alertId": "alrt_70535aeb1feeb4d542e99cf83f306e97",
                 *                 "type": "policy_change.published",
                 *                 "timestamp": "2023-07-03T09:12:05.000Z"
                 *               }
                 *             ]
                 *           }
                 *         ]
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["DigestEvent"];
            };
        };
        responses: {
            /** @description Any 2xx acknowledges the event; anything else is retried */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    eventPolicyChangeEffectiveSoon: {
        parameters: {
            query?: never;
            header: {
                /** @description Stable across retries: deduplicate on it */
                "webhook-id": string;
                /** @description Space-separated `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, one per live secret */
                "webhook-signature": string;
                /** @description Unix seconds of this attempt */
                "webhook-timestamp": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "type": "policy_change.effective_soon",
                 *       "timestamp": "2023-07-03T09:12:05.000Z",
                 *       "data": {
                 *         "alertId": "alrt_b1a7e080380fc2fe9439df4ae00a2e79",
                 *         "subscriptionId": "sub_0m8example0subscription000",
                 *         "match": {
                 *           "materials": [
                 *             {
                 *               "change": "gallium",
                 *               "filter": "gallium"
                 *             }
                 *           ],
                 *           "issuingRegion": "CN"
                 *         },
                 *         "applicability": {
                 *           "verdict": "applies",
                 *           "reasons": [
                 *             {
                 *               "condition": {
                 *                 "type": "licence",
                 *                 "effect": "restricts",
                 *                 "values": [
                 *                   "individual"
                 *                 ],
                 *                 "text": "each export needs a MOFCOM licence, applied for with end-user and end-use certificates"
                 *               },
                 *               "result": "reported",
                 *               "text": "individual licence required"
                 *             }
                 *           ],
                 *           "requires": []
                 *         },
                 *         "policyChange": {
                 *           "source": "cn-mofcom",
                 *           "sourceRef": "MOFCOM-2023-23",
                 *           "revision": 1,
                 *           "title": "China requires export licences for gallium and germanium items",
                 *           "summary": "MOFCOM and the General Administration of Customs (Announcement No. 23 of 2023) place gallium items (metal, gallium nitride, oxide, phosphide, arsenide, indium gallium arsenide, selenide, antimonide, in any form incl. wafers) and germanium items (metal, zone-refined ingots, zinc germanium phosphide, epitaxial substrates, germanium dioxide, germanium tetrachloride) under export licensing from 1 August 2023. Exporters apply to MOFCOM with end-user and end-use certificates.",
                 *           "url": "https://www.mondaq.com/china/export-controls--trade--investment-sanctions/1350848/china-releases-latest-export-control-measures-on-gallium-and-germanium",
                 *           "issuingRegion": "CN",
                 *           "affectedRegions": [
                 *             "*"
                 *           ],
                 *           "materials": [
                 *             "gallium",
                 *             "germanium",
                 *             "gallium-compounds",
                 *             "germanium-compounds",
                 *             "doped-semiconductor-wafers"
                 *           ],
                 *           "hsCodes": [
                 *             "8112929010",
                 *             "8112929090",
                 *             "8112999000",
                 *             "2825909001",
                 *             "2853909026",
                 *             "282560",
                 *             "285000",
                 *             "381800"
                 *           ],
                 *           "changeType": "licence-requirement",
                 *           "severity": "high",
                 *           "conditions": [
                 *             {
                 *               "type": "licence",
                 *               "effect": "restricts",
                 *               "values": [
                 *                 "individual"
                 *               ],
                 *               "text": "each export needs a MOFCOM licence, applied for with end-user and end-use certificates"
                 *             }
                 *           ],
                 *           "publishedAt": "2023-07-03T00:00:00+08:00",
                 *           "effectiveAt": "2023-08-01T00:00:00+08:00",
                 *           "id": "pc_0m8example0gallium0germanium",
                 *           "ingestedAt": "2023-07-03T09:12:00.000Z",
                 *           "originRegions": [
                 *             "CN"
                 *           ],
                 *           "direction": "tightening",
                 *           "itemTypes": [
                 *             "goods"
                 *           ]
                 *         }
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["WebhookEvent"];
            };
        };
        responses: {
            /** @description Any 2xx acknowledges the event; anything else is retried */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    eventPolicyChangeExpiringSoon: {
        parameters: {
            query?: never;
            header: {
                /** @description Stable across retries: deduplicate on it */
                "webhook-id": string;
                /** @description Space-separated `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, one per live secret */
                "webhook-signature": string;
                /** @description Unix seconds of this attempt */
                "webhook-timestamp": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "type": "policy_change.expiring_soon",
                 *       "timestamp": "2023-07-03T09:12:05.000Z",
                 *       "data": {
                 *         "alertId": "alrt_a03a2a8316fd6bc55925351c973ad68b",
                 *         "subscriptionId": "sub_0m8example0subscription000",
                 *         "match": {
                 *           "materials": [
                 *             {
                 *               "change": "gallium",
                 *               "filter": "gallium"
                 *             }
                 *           ],
                 *           "issuingRegion": "CN"
                 *         },
                 *         "applicability": {
                 *           "verdict": "applies",
                 *           "reasons": [
                 *             {
                 *               "condition": {
                 *                 "type": "licence",
                 *                 "effect": "restricts",
                 *                 "values": [
                 *                   "individual"
                 *                 ],
                 *                 "text": "each export needs a MOFCOM licence, applied for with end-user and end-use certificates"
                 *               },
                 *               "result": "reported",
                 *               "text": "individual licence required"
                 *             }
                 *           ],
                 *           "requires": []
                 *         },
                 *         "policyChange": {
                 *           "source": "cn-mofcom",
                 *           "sourceRef": "MOFCOM-2023-23",
                 *           "revision": 1,
                 *           "title": "China requires export licences for gallium and germanium items",
                 *           "summary": "MOFCOM and the General Administration of Customs (Announcement No. 23 of 2023) place gallium items (metal, gallium nitride, oxide, phosphide, arsenide, indium gallium arsenide, selenide, antimonide, in any form incl. wafers) and germanium items (metal, zone-refined ingots, zinc germanium phosphide, epitaxial substrates, germanium dioxide, germanium tetrachloride) under export licensing from 1 August 2023. Exporters apply to MOFCOM with end-user and end-use certificates.",
                 *           "url": "https://www.mondaq.com/china/export-controls--trade--investment-sanctions/1350848/china-releases-latest-export-control-measures-on-gallium-and-germanium",
                 *           "issuingRegion": "CN",
                 *           "affectedRegions": [
                 *             "*"
                 *           ],
                 *           "materials": [
                 *             "gallium",
                 *             "germanium",
                 *             "gallium-compounds",
                 *             "germanium-compounds",
                 *             "doped-semiconductor-wafers"
                 *           ],
                 *           "hsCodes": [
                 *             "8112929010",
                 *             "8112929090",
                 *             "8112999000",
                 *             "2825909001",
                 *             "2853909026",
                 *             "282560",
                 *             "285000",
                 *             "381800"
                 *           ],
                 *           "changeType": "licence-requirement",
                 *           "severity": "high",
                 *           "conditions": [
                 *             {
                 *               "type": "licence",
                 *               "effect": "restricts",
                 *               "values": [
                 *                 "individual"
                 *               ],
                 *               "text": "each export needs a MOFCOM licence, applied for with end-user and end-use certificates"
                 *             }
                 *           ],
                 *           "publishedAt": "2023-07-03T00:00:00+08:00",
                 *           "effectiveAt": "2023-08-01T00:00:00+08:00",
                 *           "id": "pc_0m8example0gallium0germanium",
                 *           "ingestedAt": "2023-07-03T09:12:00.000Z",
                 *           "originRegions": [
                 *             "CN"
                 *           ],
                 *           "direction": "tightening",
                 *           "itemTypes": [
                 *             "goods"
                 *           ]
                 *         }
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["WebhookEvent"];
            };
        };
        responses: {
            /** @description Any 2xx acknowledges the event; anything else is retried */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    eventPolicyChangePublished: {
        parameters: {
            query?: never;
            header: {
                /** @description Stable across retries: deduplicate on it */
                "webhook-id": string;
                /** @description Space-separated `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, one per live secret */
                "webhook-signature": string;
                /** @description Unix seconds of this attempt */
                "webhook-timestamp": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "type": "policy_change.published",
                 *       "timestamp": "2023-07-03T09:12:05.000Z",
                 *       "data": {
                 *         "alertId": "alrt_70535aeb1feeb4d542e99cf83f306e97",
                 *         "subscriptionId": "sub_0m8example0subscription000",
                 *         "match": {
                 *           "materials": [
                 *             {
                 *               "change": "gallium",
                 *               "filter": "gallium"
                 *             }
                 *           ],
                 *           "issuingRegion": "CN"
                 *         },
                 *         "applicability": {
                 *           "verdict": "applies",
                 *           "reasons": [
                 *             {
                 *               "condition": {
                 *                 "type": "licence",
                 *                 "effect": "restricts",
                 *                 "values": [
                 *                   "individual"
                 *                 ],
                 *                 "text": "each export needs a MOFCOM licence, applied for with end-user and end-use certificates"
                 *               },
                 *               "result": "reported",
                 *               "text": "individual licence required"
                 *             }
                 *           ],
                 *           "requires": []
                 *         },
                 *         "policyChange": {
                 *           "source": "cn-mofcom",
                 *           "sourceRef": "MOFCOM-2023-23",
                 *           "revision": 1,
                 *           "title": "China requires export licences for gallium and germanium items",
                 *           "summary": "MOFCOM and the General Administration of Customs (Announcement No. 23 of 2023) place gallium items (metal, gallium nitride, oxide, phosphide, arsenide, indium gallium arsenide, selenide, antimonide, in any form incl. wafers) and germanium items (metal, zone-refined ingots, zinc germanium phosphide, epitaxial substrates, germanium dioxide, germanium tetrachloride) under export licensing from 1 August 2023. Exporters apply to MOFCOM with end-user and end-use certificates.",
                 *           "url": "https://www.mondaq.com/china/export-controls--trade--investment-sanctions/1350848/china-releases-latest-export-control-measures-on-gallium-and-germanium",
                 *           "issuingRegion": "CN",
                 *           "affectedRegions": [
                 *             "*"
                 *           ],
                 *           "materials": [
                 *             "gallium",
                 *             "germanium",
                 *             "gallium-compounds",
                 *             "germanium-compounds",
                 *             "doped-semiconductor-wafers"
                 *           ],
                 *           "hsCodes": [
                 *             "8112929010",
                 *             "8112929090",
                 *             "8112999000",
                 *             "2825909001",
                 *             "2853909026",
                 *             "282560",
                 *             "285000",
                 *             "381800"
                 *           ],
                 *           "changeType": "licence-requirement",
                 *           "severity": "high",
                 *           "conditions": [
                 *             {
                 *               "type": "licence",
                 *               "effect": "restricts",
                 *               "values": [
                 *                 "individual"
                 *               ],
                 *               "text": "each export needs a MOFCOM licence, applied for with end-user and end-use certificates"
                 *             }
                 *           ],
                 *           "publishedAt": "2023-07-03T00:00:00+08:00",
                 *           "effectiveAt": "2023-08-01T00:00:00+08:00",
                 *           "id": "pc_0m8example0gallium0germanium",
                 *           "ingestedAt": "2023-07-03T09:12:00.000Z",
                 *           "originRegions": [
                 *             "CN"
                 *           ],
                 *           "direction": "tightening",
                 *           "itemTypes": [
                 *             "goods"
                 *           ]
                 *         }
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["WebhookEvent"];
            };
        };
        responses: {
            /** @description Any 2xx acknowledges the event; anything else is retried */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    eventPolicyChangeStatusChanged: {
        parameters: {
            query?: never;
            header: {
                /** @description Stable across retries: deduplicate on it */
                "webhook-id": string;
                /** @description Space-separated `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, one per live secret */
                "webhook-signature": string;
                /** @description Unix seconds of this attempt */
                "webhook-timestamp": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "type": "policy_change.status_changed",
                 *       "timestamp": "2023-07-03T09:12:05.000Z",
                 *       "data": {
                 *         "alertId": "alrt_8939388efe8783d4b8d1c69d05b13d2e",
                 *         "subscriptionId": "sub_0m8example0subscription000",
                 *         "match": {
                 *           "materials": [
                 *             {
                 *               "change": "gallium",
                 *               "filter": "gallium"
                 *             }
                 *           ],
                 *           "issuingRegion": "CN"
                 *         },
                 *         "applicability": {
                 *           "verdict": "applies",
                 *           "reasons": [
                 *             {
                 *               "condition": {
                 *                 "type": "licence",
                 *                 "effect": "restricts",
                 *                 "values": [
                 *                   "individual"
                 *                 ],
                 *                 "text": "each export needs a MOFCOM licence, applied for with end-user and end-use certificates"
                 *               },
                 *               "result": "reported",
                 *               "text": "individual licence required"
                 *             }
                 *           ],
                 *           "requires": []
                 *         },
                 *         "policyChange": {
                 *           "source": "cn-mofcom",
                 *           "sourceRef": "MOFCOM-2023-23",
                 *           "revision": 1,
                 *           "title": "China requires export licences for gallium and germanium items",
                 *           "summary": "MOFCOM and the General Administration of Customs (Announcement No. 23 of 2023) place gallium items (metal, gallium nitride, oxide, phosphide, arsenide, indium gallium arsenide, selenide, antimonide, in any form incl. wafers) and germanium items (metal, zone-refined ingots, zinc germanium phosphide, epitaxial substrates, germanium dioxide, germanium tetrachloride) under export licensing from 1 August 2023. Exporters apply to MOFCOM with end-user and end-use certificates.",
                 *           "url": "https://www.mondaq.com/china/export-controls--trade--investment-sanctions/1350848/china-releases-latest-export-control-measures-on-gallium-and-germanium",
                 *           "issuingRegion": "CN",
                 *           "affectedRegions": [
                 *             "*"
                 *           ],
                 *           "materials": [
                 *             "gallium",
                 *             "germanium",
                 *             "gallium-compounds",
                 *             "germanium-compounds",
                 *             "doped-semiconductor-wafers"
                 *           ],
                 *           "hsCodes": [
                 *             "8112929010",
                 *             "8112929090",
                 *             "8112999000",
                 *             "2825909001",
                 *             "2853909026",
                 *             "282560",
                 *             "285000",
                 *             "381800"
                 *           ],
                 *           "changeType": "licence-requirement",
                 *           "severity": "high",
                 *           "conditions": [
                 *             {
                 *               "type": "licence",
                 *               "effect": "restricts",
                 *               "values": [
                 *                 "individual"
                 *               ],
                 *               "text": "each export needs a MOFCOM licence, applied for with end-user and end-use certificates"
                 *             }
                 *           ],
                 *           "publishedAt": "2023-07-03T00:00:00+08:00",
                 *           "effectiveAt": "2023-08-01T00:00:00+08:00",
                 *           "id": "pc_0m8example0gallium0germanium",
                 *           "ingestedAt": "2023-07-03T09:12:00.000Z",
                 *           "originRegions": [
                 *             "CN"
                 *           ],
                 *           "direction": "tightening",
                 *           "itemTypes": [
                 *             "goods"
                 *           ]
                 *         },
                 *         "statusChange": {
                 *           "from": "announced",
                 *           "to": "in-force",
                 *           "at": "2023-07-03T09:12:05.000Z"
                 *         }
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["WebhookEvent"];
            };
        };
        responses: {
            /** @description Any 2xx acknowledges the event; anything else is retried */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    eventPolicyChangeUpdated: {
        parameters: {
            query?: never;
            header: {
                /** @description Stable across retries: deduplicate on it */
                "webhook-id": string;
                /** @description Space-separated `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, one per live secret */
                "webhook-signature": string;
                /** @description Unix seconds of this attempt */
                "webhook-timestamp": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "type": "policy_change.updated",
                 *       "timestamp": "2023-07-03T09:12:05.000Z",
                 *       "data": {
                 *         "alertId": "alrt_2dd5108da0e4543a9ad026c2e8e3e078",
                 *         "subscriptionId": "sub_0m8example0subscription000",
                 *         "match": {
                 *           "materials": [
                 *             {
                 *               "change": "gallium",
                 *               "filter": "gallium"
                 *             }
                 *           ],
                 *           "issuingRegion": "CN"
                 *         },
                 *         "applicability": {
                 *           "verdict": "applies",
                 *           "reasons": [
                 *             {
                 *               "condition": {
                 *                 "type": "licence",
                 *                 "effect": "restricts",
                 *                 "values": [
                 *                   "individual"
                 *                 ],
                 *                 "text": "each export needs a MOFCOM licence, applied for with end-user and end-use certificates"
                 *               },
                 *               "result": "reported",
                 *               "text": "individual licence required"
                 *             }
                 *           ],
                 *           "requires": []
                 *         },
                 *         "policyChange": {
                 *           "source": "cn-mofcom",
                 *           "sourceRef": "MOFCOM-2023-23",
                 *           "revision": 1,
                 *           "title": "China requires export licences for gallium and germanium items",
                 *           "summary": "MOFCOM and the General Administration of Customs (Announcement No. 23 of 2023) place gallium items (metal, gallium nitride, oxide, phosphide, arsenide, indium gallium arsenide, selenide, antimonide, in any form incl. wafers) and germanium items (metal, zone-refined ingots, zinc germanium phosphide, epitaxial substrates, germanium dioxide, germanium tetrachloride) under export licensing from 1 August 2023. Exporters apply to MOFCOM with end-user and end-use certificates.",
                 *           "url": "https://www.mondaq.com/china/export-controls--trade--investment-sanctions/1350848/china-releases-latest-export-control-measures-on-gallium-and-germanium",
                 *           "issuingRegion": "CN",
                 *           "affectedRegions": [
                 *             "*"
                 *           ],
                 *           "materials": [
                 *             "gallium",
                 *             "germanium",
                 *             "gallium-compounds",
                 *             "germanium-compounds",
                 *             "doped-semiconductor-wafers"
                 *           ],
                 *           "hsCodes": [
                 *             "8112929010",
                 *             "8112929090",
                 *             "8112999000",
                 *             "2825909001",
                 *             "2853909026",
                 *             "282560",
                 *             "285000",
                 *             "381800"
                 *           ],
                 *           "changeType": "licence-requirement",
                 *           "severity": "high",
                 *           "conditions": [
                 *             {
                 *               "type": "licence",
                 *               "effect": "restricts",
                 *               "values": [
                 *                 "individual"
                 *               ],
                 *               "text": "each export needs a MOFCOM licence, applied for with end-user and end-use certificates"
                 *             }
                 *           ],
                 *           "publishedAt": "2023-07-03T00:00:00+08:00",
                 *           "effectiveAt": "2023-08-01T00:00:00+08:00",
                 *           "id": "pc_0m8example0gallium0germanium",
                 *           "ingestedAt": "2023-07-03T09:12:00.000Z",
                 *           "originRegions": [
                 *             "CN"
                 *           ],
                 *           "direction": "tightening",
                 *           "itemTypes": [
                 *             "goods"
                 *           ]
                 *         },
                 *         "changes": [
                 *           {
                 *             "field": "severity",
                 *             "from": "medium",
                 *             "to": "high"
                 *           }
                 *         ]
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["WebhookEvent"];
            };
        };
        responses: {
            /** @description Any 2xx acknowledges the event; anything else is retried */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    eventSubscriptionTest: {
        parameters: {
            query?: never;
            header: {
                /** @description Stable across retries: deduplicate on it */
                "webhook-id": string;
                /** @description Space-separated `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, one per live secret */
                "webhook-signature": string;
                /** @description Unix seconds of this attempt */
                "webhook-timestamp": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "type": "subscription.test",
                 *       "timestamp": "2023-07-03T09:12:05.000Z",
                 *       "data": {
                 *         "alertId": "alrt_5af60dbf0dcf857bb1e73b57da8247e5",
                 *         "subscriptionId": "sub_0m8example0subscription000",
                 *         "match": {
                 *           "materials": [
                 *             {
                 *               "change": "gallium",
                 *               "filter": "gallium"
                 *             }
                 *           ],
                 *           "issuingRegion": "CN"
                 *         },
                 *         "policyChange": {
                 *           "source": "cn-mofcom",
                 *           "sourceRef": "MOFCOM-2023-23",
                 *           "revision": 1,
                 *           "title": "China requires export licences for gallium and germanium items",
                 *           "summary": "MOFCOM and the General Administration of Customs (Announcement No. 23 of 2023) place gallium items (metal, gallium nitride, oxide, phosphide, arsenide, indium gallium arsenide, selenide, antimonide, in any form incl. wafers) and germanium items (metal, zone-refined ingots, zinc germanium phosphide, epitaxial substrates, germanium dioxide, germanium tetrachloride) under export licensing from 1 August 2023. Exporters apply to MOFCOM with end-user and end-use certificates.",
                 *           "url": "https://www.mondaq.com/china/export-controls--trade--investment-sanctions/1350848/china-releases-latest-export-control-measures-on-gallium-and-germanium",
                 *           "issuingRegion": "CN",
                 *           "affectedRegions": [
                 *             "*"
                 *           ],
                 *           "materials": [
                 *             "gallium",
                 *             "germanium",
                 *             "gallium-compounds",
                 *             "germanium-compounds",
                 *             "doped-semiconductor-wafers"
                 *           ],
                 *           "hsCodes": [
                 *             "8112929010",
                 *             "8112929090",
                 *             "8112999000",
                 *             "2825909001",
                 *             "2853909026",
                 *             "282560",
                 *             "285000",
                 *             "381800"
                 *           ],
                 *           "changeType": "licence-requirement",
                 *           "severity": "high",
                 *           "conditions": [
                 *             {
                 *               "type": "licence",
                 *               "effect": "restricts",
                 *               "values": [
                 *                 "individual"
                 *               ],
                 *               "text": "each export needs a MOFCOM licence, applied for with end-user and end-use certificates"
                 *             }
                 *           ],
                 *           "publishedAt": "2023-07-03T00:00:00+08:00",
                 *           "effectiveAt": "2023-08-01T00:00:00+08:00",
                 *           "id": "pc_0m8example0gallium0germanium",
                 *           "ingestedAt": "2023-07-03T09:12:00.000Z",
                 *           "originRegions": [
                 *             "CN"
                 *           ],
                 *           "direction": "tightening",
                 *           "itemTypes": [
                 *             "goods"
                 *           ]
                 *         }
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["WebhookEvent"];
            };
        };
        responses: {
            /** @description Any 2xx acknowledges the event; anything else is retried */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
}
