import {
  CreateTopicCommand,
  DeleteTopicCommand,
  ListSubscriptionsByTopicCommand,
  PublishBatchCommand,
  type PublishBatchCommandInput,
  PublishCommand,
  SNSClient,
  SubscribeCommand,
  UnsubscribeCommand,
} from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach } from 'vitest';
import type { OperatorAttributes } from '../../shared/delivery/notify/notifier.js';
import { EMAIL_TOPIC_PREFIX } from '../../shared/delivery/notify/sns-notifier.js';
import { buildAlert } from '../../shared/matching/build-alert.js';
import type { Alert } from '../../shared/model/delivery.js';
import type { PolicyChange } from '../../shared/model/policy-change.js';

/** SNS stubbed with aws-sdk-client-mock, and the alert the notifier tests send through it. */

export const OPERATOR_TOPIC = 'arn:aws:sns:us-east-1:123456789012:material-alerts-operator';
export const snsMock = mockClient(SNSClient);
export const client = new SNSClient({
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
});

export const change: PolicyChange = {
  id: 'pc_0000000001abcdef0123456789',
  revision: 2,
  source: 'mofcom',
  sourceRef: 'announcement-2024-46',
  title: 'Export ban on gallium, germanium and antimony to the United States',
  issuingRegion: 'CN',
  originRegions: ['CN'],
  affectedRegions: ['US'],
  materials: ['gallium', 'germanium', 'antimony'],
  itemTypes: ['goods'],
  changeType: 'export-ban',
  direction: 'tightening',
  severity: 'critical',
  effectiveAt: '2024-12-03T00:00:00.000Z',
  ingestedAt: '2024-12-03T08:00:00.000Z',
  matching: { status: 'pending', matchedSubscriptions: 0 },
};

export const alert: Alert = buildAlert({
  change,
  subscriptionId: 'sub_0000000001abcdef0123456789',
  subscriberId: 'sbr_0000000001abcdef0123456789',
  type: 'policy_change.updated',
  match: { materials: [{ change: 'gallium', filter: 'minor-metals' }] },
  now: new Date('2024-12-03T08:00:01.000Z'),
});

export const attributes: OperatorAttributes = {
  subscriptionId: alert.subscriptionId,
  materials: change.materials,
  severity: change.severity,
  changeType: change.changeType,
  issuingRegion: change.issuingRegion,
};

export const EMAIL_TOPIC = `arn:aws:sns:us-east-1:123456789012:${EMAIL_TOPIC_PREFIX}${alert.subscriptionId}`;

/** SNS's answer to a PublishBatch: every entry accepted unless its Id is listed in `failed`. */
export function batchAnswer(input: PublishBatchCommandInput, failed: readonly string[] = []) {
  const entries = input.PublishBatchRequestEntries ?? [];
  return {
    Successful: entries
      .filter((entry) => !failed.includes(entry.Id ?? ''))
      .map((entry) => ({ Id: entry.Id, MessageId: `m-${entry.Id}` })),
    Failed: entries
      .filter((entry) => failed.includes(entry.Id ?? ''))
      .map((entry) => ({ Id: entry.Id, Code: 'InternalError', SenderFault: false })),
  };
}

/** Answers every call as SNS would when all goes well, fresh for each test; restored after the file. */
export function stubSnsForEachTest(): void {
  beforeEach(() => {
    snsMock.reset();
    snsMock.on(PublishCommand).resolves({ MessageId: 'msg-1' });
    snsMock.on(PublishBatchCommand).callsFake((input: PublishBatchCommandInput) => batchAnswer(input));
    snsMock.on(CreateTopicCommand).resolves({ TopicArn: EMAIL_TOPIC });
    snsMock.on(ListSubscriptionsByTopicCommand).resolves({ Subscriptions: [] });
    snsMock.on(SubscribeCommand).resolves({ SubscriptionArn: 'pending confirmation' });
    snsMock.on(UnsubscribeCommand).resolves({});
    snsMock.on(DeleteTopicCommand).resolves({});
  });

  afterAll(() => {
    snsMock.restore();
  });
}
