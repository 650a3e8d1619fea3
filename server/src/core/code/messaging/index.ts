import type { CodeFile, Endpoint } from './types';
import { kafkaEndpoints } from './kafka';
import { rabbitEndpoints } from './rabbitmq';
import { springEndpoints } from './spring';
import { sqsEndpoints } from './sqs';
import { natsEndpoints } from './nats';
import { streamEndpoints } from './streams';
import { taskEndpoints } from './tasks';

export type { BrokerFamily, CodeFile, Endpoint, MessagingRole } from './types';

/**
 * A cheap text test: the file names a messaging library or framework (imports, annotations, decorators).
 * Files without it are not parsed for messaging, neither by the model nor by the rules.
 */
export const MESSAGING_MARKER =
  /kafkajs|node-rdkafka|amqplib|\.(assertQueue|sendToQueue)\(|amqp-connection-manager|client-sqs|aws-sdk|sqs-consumer|['"]nats['"]|@nats-io|ioredis|['"]redis['"]|@redis\/client|bullmq|['"]bull['"]|\bkafka\b|confluent_kafka|aiokafka|\bpika\b|aio_pika|boto3|\bnats\b|\bredis\b|celery|shared_task|sarama|kafka-go|franz-go|confluent-kafka-go|amqp091-go|streadway\/amqp|nats\.go|go-redis|aws-sdk-go|org\.apache\.kafka|springframework\.(kafka|amqp)|com\.rabbitmq|services\.sqs|awspring|io\.nats/;

/** Producers and consumers of every broker family recognised in one file, in file order. */
export function messagingEndpoints(f: CodeFile): Endpoint[] {
  if (!MESSAGING_MARKER.test(f.text)) return [];
  const all = [...kafkaEndpoints(f), ...rabbitEndpoints(f), ...springEndpoints(f), ...sqsEndpoints(f), ...natsEndpoints(f), ...streamEndpoints(f), ...taskEndpoints(f)];
  return all.sort((a, b) => a.at.startIndex - b.at.startIndex);
}
