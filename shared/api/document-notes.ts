/**
 * What the API description says about schema properties and whole request bodies beyond their
 * types. The schemas live with the domain model (shared/model), which knows
 * nothing of HTTP; the notes are laid onto the generated document here, by component name.
 * A test holds every note to a property that exists, so a rename cannot leave one behind.
 */

const FILTER_NOTES: Record<string, string> = {
  materials:
    'Taxonomy ids (`GET /v1/materials`) or `*` for every material. Matching follows the taxonomy both ways: `rare-earths` hears about `dysprosium`, and `dysprosium` about a rule on all rare earths.',
  hsCodes:
    'HS code prefixes (2 to 10 digits; dots and spaces ignored): a change matches when one of its codes starts with one of these.',
  issuingRegions: 'Who imposes the change: ISO 3166-1 alpha-2 codes, region groups (`EU`, `G7`) or `*`.',
  affectedRegions:
    'The destinations the change applies to: ISO 3166-1 alpha-2 codes, region groups or `*`. Groups are expanded when matching.',
  originRegions: 'Where the goods come from, against the change’s origins: codes, groups or `*`.',
  changeTypes: 'Only these kinds of change; absent: every kind.',
  directions: 'Only changes that tighten, relax or neither; absent: all three.',
  itemTypes:
    'Only changes covering these kinds of item (`goods`, `equipment`, `technology`, `software`, `services`).',
  entities:
    'A watchlist: a change naming one of these companies or people on an end-user or sanctions list matches (names compared after normalisation, similarity at least 0.9, same country when both give one).',
  minSeverity: 'Only changes at least this severe (`low` < `medium` < `high` < `critical`).',
  scopes:
    'The kinds of change heard about: `lanes` (rules on named materials or HS codes), `all-items` (`materials: ["*"]`), `parties` (rules naming entities: end-user and sanctions lists). Default `["lanes","all-items"]`; a watchlist hears about the party rules that name its entities whatever its scopes.',
};

const FILTERS_NOTE =
  'One clause, or a list of 1 to 10 clauses of which any may match (one alert per change; `data.match.clauses` names the clauses that matched). The clauses’ materials, HS codes, watched entities and regions count together toward the limits of one filter.';

const CHANNEL_NOTES: Record<string, string> = {
  webhook:
    'Where signed alerts are POSTed (Standard Webhooks). `https` in production; private and loopback addresses are refused.',
  sms: 'E.164 phone numbers for a short text per alert, sent through Amazon SNS.',
  email: 'Addresses subscribed to the subscription’s own SNS e-mail topic (each confirms once).',
};

const EXAMPLE_FILTERS = {
  materials: ['rare-earths', 'gallium'],
  affectedRegions: ['US', 'EU'],
  changeTypes: ['export-ban', 'licence-requirement', 'suspension'],
  minSeverity: 'medium',
};

interface ComponentNote {
  properties?: Record<string, string>;
  /**
   * Array properties whose items the handler validates one by one (so the route's schema takes
   * anything), with the component that describes each item.
   */
  itemSchemas?: Record<string, string>;
  /** A whole request body that validates and that the service accepts (a test posts each). */
  example?: unknown;
}

export const COMPONENT_NOTES: Record<string, ComponentNote> = {
  SubscriptionInput: {
    properties: { name: 'For people: shown in the console and in alerts', ...CHANNEL_NOTES },
    example: {
      name: 'Rare earths and gallium into the US and EU',
      filters: EXAMPLE_FILTERS,
      webhook: { url: 'https://hooks.example.com/material-alerts' },
      email: ['compliance@example.com'],
    },
  },
  SubscriptionPatch: {
    properties: {
      ...CHANNEL_NOTES,
      filters: 'Replaces the filters as a whole',
      status: '`paused` holds deliveries until `active` again',
    },
    example: { filters: { ...EXAMPLE_FILTERS, minSeverity: 'high' }, status: 'active' },
  },
  AdminSubscriptionPatch: {
    properties: { filters: 'Replaces the filters as a whole', status: '`paused` holds deliveries' },
    example: { filters: { materials: ['gallium', 'germanium'], affectedRegions: ['*'] } },
  },
  Subscription: {
    properties: {
      ...CHANNEL_NOTES,
      status:
        '`active`; `paused` by its subscriber or an administrator (deliveries are held); `disabled` by the service',
      version: 'Increases with every change; concurrent writers get 409 instead of losing an edit',
    },
  },
  PolicyChangeInput: {
    properties: {
      source: 'Who published it, as a short id (`cn-mofcom`, `us-bis`); with `sourceRef` the idempotency key',
      sourceRef: 'The publisher’s own reference for the change, unique within `source`',
      revision:
        'Starts at 1; a higher revision of the same source + sourceRef is an update (`policy_change.updated`)',
      issuingRegion: 'Who imposes it: an ISO 3166-1 alpha-2 code or a region group',
      affectedRegions: 'The destinations it applies to, or `*` for all',
      materials:
        'Taxonomy ids, names or synonyms (`aluminum`, `稀土`; stored as ids), `*` for all items, or empty when `entities` names who it is about',
      originRegions:
        'Where the goods come from; omitted: the issuing region for export-side change types, `*` for the others',
      itemTypes: 'What kind of item it covers; default `goods`',
      entities:
        'Companies or people it lists (end-user lists, sanctions): at most 1,000, with at most 32,768 characters of names and aliases in all, whose words begin at most 1,000 distinct four-letter blocks; a longer list goes in several changes',
      relatedChanges:
        'How it relates to earlier changes (`suspends`, `resumes`, `amends`, `supersedes`, `revokes`, `extends`), by id or by source + sourceRef; ' +
        'a target sent later gets its `policyChangeId` when it arrives. A `suspension` must name at least one `suspends` (or `extends`) target: a suspension of exports is an `export-ban`',
      hsCodes: 'HS codes, 2 to 10 digits; dots and spaces are ignored',
      direction: 'Whether it makes exports harder (`tightening`) or easier (`relaxation`)',
      conditions:
        'Typed conditions, at most 50: `{"type","effect",...}` where `effect` is `restricts` (the rule bites only where it holds), `exempts` (what it names is taken out) or `requires` (a relief is available only where it holds; not on a tightening). A v2 kebab-case string is still accepted and stored as the object it stands for; an unknown one as `{"type":"other","text":…}`',
      effectiveAt: 'When it takes effect; subscribers get `policy_change.effective_soon` some days before',
      expiresAt: 'When it ends (a one-year suspension); subscribers get `policy_change.expiring_soon` before',
    },
    example: {
      source: 'cn-mofcom',
      sourceRef: 'general-licences-rare-earths',
      title: 'General licences for rare-earth exports to verified civilian end users',
      issuingRegion: 'CN',
      affectedRegions: ['*'],
      materials: ['rare-earths'],
      changeType: 'general-licence',
      direction: 'relaxation',
      severity: 'medium',
      conditions: [
        { type: 'verified-end-user', effect: 'requires' },
        { type: 'end-use', effect: 'restricts', values: ['civilian'] },
      ],
    },
  },
  PolicyChangeBatch: {
    properties: {
      items:
        'Policy changes as `POST /v1/policy-changes` takes them, 1 to 100; each is validated and ingested on its own',
    },
    itemSchemas: { items: 'PolicyChangeInput' },
    example: {
      items: [
        {
          source: 'us-bis',
          sourceRef: 'BIS-2024-29329',
          title: 'Gallium and germanium items: licence requirement for exports to China',
          issuingRegion: 'US',
          affectedRegions: ['CN'],
          materials: ['gallium', 'germanium'],
          changeType: 'licence-requirement',
          direction: 'tightening',
          severity: 'high',
          effectiveAt: '2024-12-02T00:00:00Z',
        },
        {
          source: 'federal-register',
          sourceRef: '2024-27333',
          title: 'Antimony trisulfide: notice of an antidumping investigation',
          issuingRegion: 'US',
          affectedRegions: ['US'],
          originRegions: ['CN'],
          materials: ['antimony'],
          changeType: 'trade-investigation',
          severity: 'low',
          reviewStatus: 'pending',
          confidence: 0.55,
          evidence: ['title names antimony', 'agency: International Trade Administration'],
        },
      ],
    },
  },
  ReviewItem: {
    properties: {
      source: 'The importer’s source (`federal-register`, `screening-list`, …)',
      sourceRef: 'The publisher’s reference; with `source` and `revision` it identifies the queued revision',
      change: 'The change as imported (materials as taxonomy ids), without its review fields',
      queuedAt: 'When the importer sent it',
      decidedAt: 'When it was approved or rejected',
    },
  },
  ReviewApproval: {
    properties: {
      edits:
        'Policy-change fields to replace before publishing (a correction of the importer’s tagging): `title`, `severity`, `materials`, …; not `source`, `sourceRef` or `revision`',
    },
    example: {
      edits: { title: 'Antimony trisulfide from China: antidumping investigation', severity: 'medium' },
    },
  },
  ReviewRejection: {
    properties: { reason: 'Why it is not published, for the audit trail (1-1000 characters)' },
    example: { reason: 'A domestic trade-remedy notice: no export measure on a catalogue material' },
  },
  PolicyChange: {
    properties: {
      id: 'The same for every revision of one source + sourceRef',
      ingestedAt: 'When this revision was stored',
      status:
        'Its lifecycle now: `announced`, `in-force`, `suspended`, `expired`, `revoked` or `superseded`, kept current from its dates and relations',
      statusHistory: 'Every status it has had, with when and what caused each',
      matching:
        '`pending` while the matcher runs; `completed` with how many subscriptions matched this revision',
    },
  },
  Delivery: {
    properties: {
      alertId: 'One alert per policy-change revision, subscription and event type, never two',
      webhookId: 'The `webhook-id` header: the same on every attempt and retry, for receivers to deduplicate',
      type: 'The event, e.g. `policy_change.published` or `subscription.test`',
      status:
        '`pending` until an attempt succeeds (`delivered`); `failed` between retries; `dead` after the last or when it cannot be sent',
      attempts: 'Every attempt: time, status code, latency, error and the start of the response body',
      nextAttemptAt: 'When the next retry is due, while one is',
      deadReason: 'Why no further attempt will be made',
    },
  },
  SmsConfirmInput: {
    properties: {
      phoneNumber: 'One of the subscription’s `sms` numbers, E.164',
      code: 'The six digits texted to that number; five wrong tries void it',
    },
    example: { phoneNumber: '+4915112345678', code: '482913' },
  },
  SmsResendInput: {
    properties: { phoneNumber: 'One of the subscription’s `sms` numbers that is still `pending`, E.164' },
    example: { phoneNumber: '+4915112345678' },
  },
  SubscriberRename: {
    properties: { name: 'For people: shown in the console and the audit trail (1-200 characters, trimmed)' },
    example: { name: 'Magnetwerk GmbH & Co. KG' },
  },
  DeadDeliveryRetry: {
    properties: {
      deliveryIds:
        'Up to 100 ids of `dead` deliveries (`GET /v1/admin/deliveries/dead`); others are skipped with the reason',
    },
    example: { deliveryIds: ['01JGZ7Q2M4W6N8P0R2T4V6X8Z0'] },
  },
  MaterialInput: {
    properties: {
      parents: 'The groups it belongs to (several allowed); new parents move it with everything below it',
      parent: 'Version 1: a single parent, the same as `parents: [parent]`',
      kind: '`group` for nodes that stand for others (`rare-earths`)',
      hsCodes: 'HS codes, 4 to 10 digits (dots and spaces are removed)',
      synonyms: 'Other names people search for, in any language (`镝`)',
    },
    example: {
      name: 'Scandium',
      parents: ['rare-earths'],
      kind: 'element',
      symbol: 'Sc',
      hsCodes: ['280530'],
      synonyms: ['钪'],
    },
  },
  RegionGroupInput: {
    properties: { members: 'ISO 3166-1 alpha-2 codes, in any case (stored upper-case)' },
    example: { name: 'Five Eyes', members: ['AU', 'CA', 'GB', 'NZ', 'US'] },
  },
  Material: {
    properties: {
      parents: 'The groups it belongs to',
      parent: 'Version 1: its first parent',
      ancestors: 'Every group above it, nearest first',
      hsCodes: 'HS codes, 4 to 10 digits without dots',
    },
  },
  AuditRecord: {
    properties: {
      actor: 'The key that acted (`bootstrap-admin` for the configured admin key; `system` for the service)',
      action: 'What happened, as `noun.verb`: `subscription.updated`, `api-key.revoked`, …',
      before: 'The record before the change, secrets removed',
      after: 'The record after the change, secrets removed',
    },
  },
  Problem: {
    properties: {
      type: 'A stable URI naming the kind of problem; branch on this, not on `detail`',
      detail: 'What went wrong this time, for people',
      errors: 'For validation problems: each offending field by its JSON path, with the offending values',
      requestId: 'The `x-request-id` of the request, to find it in the service’s logs',
    },
  },
};

type JsonObject = Record<string, unknown>;
const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function describe(schema: JsonObject, notes: Record<string, string>): void {
  const properties = schema.properties;
  if (!isObject(properties)) return;
  for (const [name, description] of Object.entries(notes)) {
    const property = properties[name];
    if (isObject(property) && property.description === undefined) property.description = description;
  }
}

function referItems(schema: JsonObject, itemSchemas: Record<string, string>): void {
  const properties = isObject(schema.properties) ? schema.properties : {};
  for (const [name, component] of Object.entries(itemSchemas)) {
    const property = properties[name];
    if (isObject(property)) property.items = { $ref: `#/components/schemas/${component}` };
  }
}

/** Lays the notes onto a generated document (in place) and returns it. */
export function annotateDocument<T extends object>(document: T): T {
  const components = isObject(document) ? document.components : undefined;
  const schemas = isObject(components) && isObject(components.schemas) ? components.schemas : {};
  for (const [name, note] of Object.entries(COMPONENT_NOTES)) {
    const schema = schemas[name];
    if (!isObject(schema)) continue;
    if (note.properties) describe(schema, note.properties);
    if (note.itemSchemas) referItems(schema, note.itemSchemas);
    if (note.example !== undefined) schema.example = note.example;
  }
  // Filters appear inline wherever a subscription or a patch carries them: one clause, or a list.
  for (const schema of Object.values(schemas)) {
    const filters = isObject(schema) && isObject(schema.properties) ? schema.properties.filters : undefined;
    if (!isObject(filters)) continue;
    const forms = Array.isArray(filters.anyOf) ? filters.anyOf.filter(isObject) : [filters];
    for (const form of forms) describe(isObject(form.items) ? form.items : form, FILTER_NOTES);
    if (forms.length > 1 && filters.description === undefined) filters.description = FILTERS_NOTE;
  }
  return document;
}
