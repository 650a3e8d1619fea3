import type { Node, Tree } from 'web-tree-sitter';
import type { CodeLanguage } from '../../documents/classify';

/** The broker families recognised in code. */
export type BrokerFamily = 'kafka' | 'rabbitmq' | 'sqs' | 'nats' | 'redis-streams' | 'celery' | 'bullmq';

export type MessagingRole = 'producer' | 'consumer';

/** A producer or consumer found in one file (nodes of that file's tree). */
export interface Endpoint {
  role: MessagingRole;
  broker: BrokerFamily;
  /** The client library or framework (kafkajs, pika, Spring @RabbitListener, ...). */
  library: string;
  /** Topic, queue, stream, subject or task names written as literals (or constants); empty when unresolved. */
  topics: string[];
  /** Where it is: the call, annotation or decorator. */
  at: Node;
  /** A consumer's message handler when the file defines it (a function, a method, a loop body). */
  handler?: Node;
  /** A consumer whose messages are acknowledged on delivery (noAck/auto_ack true, autoAck true): the node that says so. */
  autoAck?: Node;
}

/** One code file as the recognisers see it: no rule context, so the workspace model can use them too. */
export interface CodeFile {
  kind: CodeLanguage;
  text: string;
  tree: Tree;
}
