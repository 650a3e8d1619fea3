import { span } from '../code/common';
import { unsafeAck } from '../code/messaging/acks';
import { messagingOf } from '../code/messaging/consumers';
import type { Report, Rule } from './types';

/** A consumer that acknowledges or commits a message before the work it triggers is done (clear cases only). */
export const unsafeAcknowledgement: Rule = {
  id: 'unsafe-acknowledgement',
  kinds: ['python', 'typescript', 'javascript', 'go', 'java'],
  defaultSeverity: 'warning',
  title: 'A consumer acknowledges a message before its work is done',
  description:
    'The broker forgets a message once it is acknowledged (or its offset committed). A consumer that acknowledges on delivery (noAck, auto_ack, autoAck), commits before its write, or hands the message to a task it does not wait for loses the message when the process crashes or the work fails. Acknowledge after the work is done, and make the work idempotent so a redelivery is harmless.',
  check(ctx) {
    const found = messagingOf(ctx);
    if (!found) return [];
    const out: Report[] = [];
    const seen = new Set<number>();
    for (const e of found.endpoints) {
      const r = unsafeAck(found.file, e);
      if (!r || seen.has(r.at.startIndex)) continue;
      seen.add(r.at.startIndex);
      out.push({ message: r.message, at: span(r.at), related: (r.related ?? []).map((x) => ({ at: span(x.at), message: x.message })) });
    }
    return out;
  },
};
