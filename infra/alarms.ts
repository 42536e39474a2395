import { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { type Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { AlertsFunction } from './function.js';

export interface OperationalAlarmsProps {
  /** Where alarms (and their return to OK) are published. */
  readonly topic: ITopic;
  /** One error alarm each. */
  readonly functions: readonly AlertsFunction[];
  /** Queues that should stay empty: one depth alarm each. */
  readonly deadLetterQueues: Readonly<Record<string, IQueue>>;
  /** Alarms on the API's 5xx answers when given. */
  readonly httpApi?: HttpApi;
}

/**
 * What an operator must hear about: any function error, anything in a dead-letter queue, and the
 * API answering 5xx. Each alarm notifies `topic` when it fires and again when it clears.
 *
 * @example
 * new OperationalAlarms(this, 'Alarms', { topic, functions: [api, matcher], deadLetterQueues: { Deliveries: dlq } });
 */
export class OperationalAlarms extends Construct {
  public readonly alarms: Alarm[] = [];

  public constructor(scope: Construct, id: string, props: OperationalAlarmsProps) {
    super(scope, id);

    for (const fn of props.functions) {
      this.add(
        fn.fn
          .metricErrors({ period: Duration.minutes(5), statistic: 'Sum' })
          .createAlarm(this, `${fn.node.id}Errors`, {
            alarmDescription: `The ${fn.node.id} function failed (an unhandled error or a timeout)`,
            threshold: 1,
            evaluationPeriods: 1,
            comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
            treatMissingData: TreatMissingData.NOT_BREACHING,
          }),
        props.topic,
      );
    }

    for (const [name, queue] of Object.entries(props.deadLetterQueues)) {
      this.add(
        queue
          .metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' })
          .createAlarm(this, `${name}Depth`, {
            alarmDescription: `Messages are waiting in the ${name} dead-letter queue: work was given up on and needs a look`,
            threshold: 1,
            evaluationPeriods: 1,
            comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
            treatMissingData: TreatMissingData.NOT_BREACHING,
          }),
        props.topic,
      );
    }

    if (props.httpApi) {
      this.add(
        props.httpApi
          .metricServerError({ period: Duration.minutes(5), statistic: 'Sum' })
          .createAlarm(this, 'Api5xx', {
            alarmDescription: 'The HTTP API answered 5xx (the API never should)',
            threshold: 1,
            evaluationPeriods: 1,
            comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
            treatMissingData: TreatMissingData.NOT_BREACHING,
          }),
        props.topic,
      );
    }
  }

  private add(alarm: Alarm, topic: ITopic): void {
    const action = new SnsAction(topic);
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
    this.alarms.push(alarm);
  }
}
