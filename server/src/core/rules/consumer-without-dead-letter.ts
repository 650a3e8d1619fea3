import { relative } from 'node:path';
import { span } from '../code/common';
import { hasDeadLetter, messagingOf, modelOf, serviceOf } from '../code/messaging/consumers';
import { catchesAll, COUNTS_DELIVERIES, discardCall, requeueCall } from '../code/messaging/redelivery';
import type { Endpoint } from '../code/messaging/types';
import type { Report, Rule } from './types';

const name = (e: Endpoint) => (e.topics.length ? `${e.topics.join(', ')}` : 'its queue');

/**
 * One finding per consumer whose failing messages come back forever: no dead-letter queue or topic and no bound
 * on redelivery. Only where the library's behaviour on failure is known: an explicit requeue (RabbitMQ nack or
 * reject with requeue, JetStream Nak), Spring AMQP listeners (requeue on exception by default), kafkajs handlers
 * that let errors escape, and SQS receive loops (information: the redrive policy may live outside the repository).
 */
export const consumerWithoutDeadLetter: Rule = {
  id: 'consumer-without-dead-letter',
  kinds: ['python', 'typescript', 'javascript', 'go', 'java'],
  defaultSeverity: 'warning',
  title: 'A message consumer has no dead-letter queue and no bound on redelivery',
  description:
    'A message that always fails (a poison message: bad payload, a bug, a missing record) comes back after every failure. Without a dead-letter queue or topic and a bounded number of attempts it is redelivered forever, burning the consumer and, on Kafka, blocking every message behind it in its partition. Route failures to a dead-letter queue after a few attempts (RabbitMQ x-dead-letter-exchange, Spring Kafka DeadLetterPublishingRecoverer, an SQS redrive policy, JetStream MaxDeliver) and alert on it.',
  check(ctx) {
    const found = messagingOf(ctx);
    if (!found) return [];
    const model = modelOf(ctx);
    const service = serviceOf(ctx, model);
    if (hasDeadLetter(ctx, service, model) || COUNTS_DELIVERIES.test(ctx.source.text)) return [];
    const out: Report[] = [];
    const seen = new Set<string>();
    for (const e of found.endpoints) {
      if (e.role !== 'consumer' || e.autoAck) continue;
      const r = judge(ctx.source.path, found.file, e, !!service, service?.sourceDir);
      // One finding per consumer root cause: a second consumer with the same cause in the file is not repeated.
      if (r && !seen.has(r.message)) {
        seen.add(r.message);
        out.push(r);
      }
    }
    return out;
  },
};

function judge(path: string, file: Parameters<typeof requeueCall>[0], e: Endpoint, inService: boolean, dir?: string): Report | undefined {
  const requeue = e.broker === 'rabbitmq' || e.broker === 'nats' ? requeueCall(file, e) : undefined;
  const where = dir ? ` (nor in ${relative(dir, path).includes('/') ? 'the other files of its service' : 'its service'})` : '';
  if (requeue) {
    const how = e.broker === 'nats' ? 'naks a failed message with no MaxDeliver' : 'puts a failed message back on the queue (requeue)';
    return { message: `The consumer of ${name(e)} ${how} and no dead-letter queue is configured${where}: a message that always fails is redelivered forever. Reject it without requeue to a dead-letter ${e.broker === 'nats' ? 'subject after MaxDeliver attempts' : 'exchange (x-dead-letter-exchange) after a few attempts'}.`, at: span(e.at), related: [{ at: span(requeue), message: 'requeued here' }] };
  }
  const discard = discardCall(file, e);
  if (discard) {
    return { message: `The consumer of ${name(e)} settles each message with message.process(), which rejects a failed one without requeue, and no dead-letter exchange is configured in this repository${where}: unless a policy outside it sets one, a message that fails is discarded without a trace. Declare the queue with x-dead-letter-exchange so that rejected messages are kept for inspection or replay.`, at: span(e.at), severity: 'information', related: [{ at: span(discard), message: 'a failure here rejects the message without requeue' }] };
  }
  if (/^Spring (@RabbitListener|listener container)$/.test(e.library) && inService) {
    return { message: `The ${e.library} on ${name(e)} has no dead-letter exchange and no retry limit in its service's code or config: when the listener throws, Spring AMQP requeues the message by default and a message that always fails is redelivered forever. Bound the attempts (spring.rabbitmq.listener.simple.retry.enabled, default-requeue-rejected: false) and declare the queue with x-dead-letter-exchange.`, at: span(e.at) };
  }
  if (e.library === 'kafkajs' && e.handler && !catchesAll(e.handler) && inService) {
    return { message: `The kafkajs consumer of ${name(e)} lets a failing message's error escape its handler and no dead-letter topic is configured: kafkajs does not commit the offset and retries the message, restarting the consumer, so a message that always fails blocks its partition. Catch the error, publish the message to a dead-letter topic after a few attempts, and move on.`, at: span(e.at) };
  }
  if (e.broker === 'sqs' && inService && /deleteMessage|delete_message|DeleteMessage/.test(file.text)) {
    return { message: `The SQS consumer of ${name(e)} deletes only the messages it handles, and no redrive policy is configured in this repository: unless the queue has one outside it, a message that always fails is received again after every visibility timeout until its retention ends. Check the queue has a redrive policy to a dead-letter queue (maxReceiveCount).`, at: span(e.at), severity: 'information' };
  }
  return undefined;
}
