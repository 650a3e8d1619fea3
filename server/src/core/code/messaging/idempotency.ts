import type { Report, RuleContext } from '../../rules/types';
import { span } from '../common';
import { messagingOf } from './consumers';
import { callsWithin, DEDUP, isInsert } from './effects';
import type { Endpoint } from './types';

/** Delivered at least once: the broker redelivers what was not acknowledged (not auto-ack, not core NATS, not early-ack Celery). */
function atLeastOnce(e: Endpoint, text: string): boolean {
  if (e.autoAck) return false;
  if (e.library === 'NATS') return false;
  if (e.broker === 'celery') return /acks_late\s*=\s*True|task_acks_late\s*=\s*True/.test(text);
  return true;
}

/**
 * The code part of missing-idempotency-key: a consumer delivered at least once whose handler inserts a row or
 * document with no sign of de-duplication (a message or event id checked, an upsert, ON CONFLICT, a unique key).
 */
export function consumerIdempotency(ctx: RuleContext): Report[] {
  const found = messagingOf(ctx);
  if (!found) return [];
  const out: Report[] = [];
  for (const e of found.endpoints) {
    if (e.role !== 'consumer' || !e.handler || !atLeastOnce(e, ctx.source.text)) continue;
    const calls = callsWithin(found.file, e.handler);
    const insert = calls.find(isInsert);
    if (!insert || DEDUP.test(e.handler.text) || calls.some((c) => DEDUP.test(c.node.text)) || DEDUP.test(insert.node.parent?.text ?? '')) continue;
    const topic = e.topics.length ? e.topics.join(', ') : 'its queue';
    out.push({
      message: `The consumer of ${topic} inserts data (${insert.receiver ? `${insert.receiver.split('\n')[0].slice(0, 30)}.` : ''}${insert.name}()) with no de-duplication key: ${e.broker === 'kafka' ? 'Kafka' : e.library} delivers a message again after a crash or a rebalance, and the redelivery inserts it twice. Record the message or event id (a unique key, an upsert, or a processed-messages table) and skip repeats.`,
      at: span(e.at),
      related: [{ at: span(insert.node), message: 'the insert' }],
    });
  }
  return out;
}
