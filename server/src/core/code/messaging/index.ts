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
  /['"](kafkajs|node-rdkafka|kafka-node|amqplib(\/callback_api)?|amqp-connection-manager|@aws-sdk\/client-sqs|aws-sdk(\/clients\/sqs)?|sqs-consumer|nats|@nats-io\/[\w-]+|ioredis|redis|@redis\/client|bullmq|bull)['"]|\.(assertQueue|sendToQueue)\(|^[ \t]*(from|import)[ \t]+(kafka|confluent_kafka|aiokafka|pika|aio_pika|boto3|aioboto3|aiobotocore|nats|redis|aioredis|celery)\b|shared_task|"github\.com\/((Shopify|IBM)\/sarama|segmentio\/kafka-go|twmb\/franz-go|confluentinc\/confluent-kafka-go|rabbitmq\/amqp091-go|streadway\/amqp|nats-io\/nats\.go|go-redis\/redis|redis\/go-redis|aws\/aws-sdk-go)|\borg\.apache\.kafka\b|springframework\.(kafka|amqp)|\bcom\.rabbitmq\b|services\.sqs|io\.awspring|\bio\.nats\b/m;

/** Producers and consumers of every broker family recognised in one file, in file order. */
export function messagingEndpoints(f: CodeFile): Endpoint[] {
  if (!MESSAGING_MARKER.test(f.text)) return [];
  const all = [...kafkaEndpoints(f), ...rabbitEndpoints(f), ...springEndpoints(f), ...sqsEndpoints(f), ...natsEndpoints(f), ...streamEndpoints(f), ...taskEndpoints(f)];
  return all.sort((a, b) => a.at.startIndex - b.at.startIndex);
}
