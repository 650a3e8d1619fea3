import { messagingEndpoints, MESSAGING_MARKER } from '../code/messaging/index';
import { classify, CODE_LANGUAGES, type CodeLanguage } from '../documents/classify';
import { generatedReason } from '../documents/skip';
import { grammarOf, parseCode } from '../documents/treeSitter';
import { LineIndex } from '../text/lineIndex';
import type { BrokerFamily, DatastoreKind, DeadLetterEvidence, Edge, Location, MessagingEndpoint, ServiceNode, WorkspaceModel } from './model';

/** What one file of a service folder says about messaging: its endpoints and its dead-letter configuration. */
export interface FileMessaging {
  endpoints: Omit<MessagingEndpoint, 'service' | 'brokerService'>[];
  deadLetters: Omit<DeadLetterEvidence, 'service'>[];
}

/**
 * Dead-letter queues and topics, redrive policies and bounded redelivery, as code or config writes them
 * (RabbitMQ queue arguments and policies, Spring Kafka recoverers, Spring AMQP retry, SQS, JetStream, quorum queues).
 */
export const DEAD_LETTER =
  /x-dead-letter-exchange|dead-letter-exchange|deadLetterExchange|dead_letter_exchange|DeadLetterPublishingRecoverer|RedrivePolicy|redrive_?policy|deadLetterTargetArn|deadLetterQueue|dead_letter_queue|DeadLetterQueue|x-delivery-limit|\bMaxDeliver\b|max_deliver|maxDeliver|default-requeue-rejected["']?\s*[:=]\s*["']?false|defaultRequeueRejected["']?\s*[:=]\s*false|setDefaultRequeueRejected\(\s*false|AmqpRejectAndDontRequeueException|RejectAndDontRequeueRecoverer|RepublishMessageRecoverer|RetryInterceptorBuilder|retry\.enabled\s*[:=]\s*true|retry:\s*\r?\n\s+enabled:\s*true|\.DLT\b|[-_.]dlq\b/gi;

const MAX_EVIDENCE_PER_FILE = 3;

/** Reads one file: endpoints when it names a messaging library (parsed once, cached by the caller), dead-letter configuration always. */
export async function scanMessaging(path: string, text: string): Promise<FileMessaging> {
  let lines: LineIndex | undefined;
  const loc = (start: number, end: number): Location => ({ path, start, end, range: (lines ??= new LineIndex(text)).rangeOf(start, end) });
  const deadLetters = [...text.matchAll(DEAD_LETTER)].slice(0, MAX_EVIDENCE_PER_FILE).map((m) => ({ what: m[0].split(/\s*[\r\n]/)[0], location: loc(m.index!, m.index! + m[0].length) }));
  const kind = classify(path, text);
  if (!kind || !CODE_LANGUAGES.includes(kind as CodeLanguage) || !MESSAGING_MARKER.test(text) || generatedReason(path, text)) return { endpoints: [], deadLetters };
  const tree = await parseCode(grammarOf(kind as CodeLanguage, path), text);
  try {
    const endpoints = messagingEndpoints({ kind: kind as CodeLanguage, text, tree }).flatMap((e) =>
      (e.topics.length ? e.topics : [undefined]).map((topic) => ({ role: e.role, broker: e.broker, library: e.library, ...(topic ? { topic } : {}), location: loc(e.at.startIndex, e.at.endIndex) })),
    );
    return { endpoints, deadLetters };
  } finally {
    tree.delete();
  }
}

/** The datastore kinds a broker family runs on (Celery on RabbitMQ or Redis, BullMQ on Redis). */
const KINDS: Record<BrokerFamily, DatastoreKind[]> = { kafka: ['kafka'], rabbitmq: ['rabbitmq'], nats: ['nats'], 'redis-streams': ['redis'], bullmq: ['redis'], celery: ['rabbitmq', 'redis'], sqs: [] };

/** The broker's datastore service: the one of its kind the service connects to, else the only one of its kind. */
function brokerOf(service: ServiceNode, broker: BrokerFamily, services: ServiceNode[], edges: Edge[]): string | undefined {
  const kinds = KINDS[broker];
  const candidates = services.filter((s) => s.datastore && kinds.includes(s.datastore.kind));
  const connected = candidates.filter((c) => edges.some((e) => e.from === service.id && e.to === c.id));
  if (connected.length === 1) return connected[0].id;
  const sameProject = candidates.filter((c) => c.project === service.project);
  return sameProject.length === 1 ? sameProject[0].id : candidates.length === 1 ? candidates[0].id : undefined;
}

/** Adds each service's endpoints and dead-letter evidence to the model (only when there are some). */
export function attachMessaging(model: WorkspaceModel, byService: Map<ServiceNode, FileMessaging[]>): void {
  const messaging: MessagingEndpoint[] = [];
  const deadLetters: DeadLetterEvidence[] = [];
  for (const [s, files] of byService) {
    for (const f of files) {
      for (const e of f.endpoints) {
        const brokerService = brokerOf(s, e.broker, model.services, model.edges);
        messaging.push({ service: s.id, ...e, ...(brokerService ? { brokerService } : {}) });
      }
      for (const d of f.deadLetters) deadLetters.push({ service: s.id, ...d });
    }
  }
  if (messaging.length) model.messaging = messaging;
  if (deadLetters.length) model.deadLetters = deadLetters;
}

/** Whether the model lists a message consumer in this file (its rules read the service's other files). */
export function consumesMessages(model: WorkspaceModel, path: string): boolean {
  return !!model.messaging?.some((m) => m.role === 'consumer' && m.location.path === path);
}
