import type { Node } from 'web-tree-sitter';
import { callsOf, functionOf, loopOver, prop, stringsOf } from './syntax';
import type { CodeFile, Endpoint } from './types';

const MARKER: Record<string, RegExp> = {
  typescript: /['"](@aws-sdk\/client-sqs|aws-sdk|aws-sdk\/clients\/sqs|sqs-consumer)['"]/,
  python: /^[ \t]*(?:import|from)[ \t]+(boto3|aioboto3|aiobotocore)\b/m,
  go: /"github\.com\/aws\/aws-sdk-go(?:-v2)?\/service\/sqs"/,
  java: /\b(software\.amazon\.awssdk\.services\.sqs|com\.amazonaws\.services\.sqs|io\.awspring\.cloud\.sqs)\b/,
};
MARKER.javascript = MARKER.typescript;

/** A queue's name from its URL or name literal (`https://sqs.../123/orders` -> orders). */
function queueName(f: CodeFile, n: Node | undefined): string[] {
  return stringsOf(f, n).map((u) => u.split('/').pop()!).filter(Boolean);
}

const sqs = (role: Endpoint['role'], library: string, at: Node, topics: string[], handler?: Node): Endpoint => ({ role, broker: 'sqs', library, topics, at, ...(handler ? { handler } : {}) });

/** SQS receive loops and sends (AWS SDK v2/v3 for JS, sqs-consumer, boto3, the Go and Java SDKs). */
export function sqsEndpoints(f: CodeFile): Endpoint[] {
  if (!MARKER[f.kind].test(f.text)) return [];
  const out: Endpoint[] = [];
  for (const c of callsOf(f)) {
    const name = c.isNew ? (c.node.childForFieldName('constructor')?.text ?? c.node.childForFieldName('type')?.text ?? '') : c.name;
    const opts = c.args[0];
    if (f.kind === 'typescript' || f.kind === 'javascript') {
      if (/^(ReceiveMessageCommand|receiveMessage)$/.test(name) && opts?.type === 'object') out.push(sqs('consumer', 'aws-sdk', c.node, queueName(f, prop(opts, 'QueueUrl')), loopOver(f, c.node)));
      else if (/^(SendMessageCommand|SendMessageBatchCommand|sendMessage|sendMessageBatch)$/.test(name) && opts?.type === 'object') out.push(sqs('producer', 'aws-sdk', c.node, queueName(f, prop(opts, 'QueueUrl'))));
      else if (name === 'create' && c.receiver?.text === 'Consumer' && opts?.type === 'object') out.push(sqs('consumer', 'sqs-consumer', c.node, queueName(f, prop(opts, 'queueUrl')), functionOf(f, prop(opts, 'handleMessage') ?? prop(opts, 'handleMessageBatch'))));
    } else if (f.kind === 'python') {
      if (c.name === 'receive_message' && c.kw.has('QueueUrl')) out.push(sqs('consumer', 'boto3', c.node, queueName(f, c.kw.get('QueueUrl')), loopOver(f, c.node)));
      else if (/^(send_message|send_message_batch)$/.test(c.name) && c.kw.has('QueueUrl')) out.push(sqs('producer', 'boto3', c.node, queueName(f, c.kw.get('QueueUrl'))));
    } else if (f.kind === 'go') {
      const input = c.args[1];
      if (c.name === 'ReceiveMessage' && input) out.push(sqs('consumer', 'aws-sdk-go', c.node, queueName(f, prop(input, 'QueueUrl')), loopOver(f, c.node)));
      else if (/^(SendMessage|SendMessageBatch)$/.test(c.name) && input) out.push(sqs('producer', 'aws-sdk-go', c.node, queueName(f, prop(input, 'QueueUrl'))));
    } else if (f.kind === 'java') {
      if (c.name === 'receiveMessage' && c.args.length === 1) out.push(sqs('consumer', 'aws-sdk-java', c.node, [], loopOver(f, c.node)));
      else if (c.name === 'sendMessage' && c.args.length >= 1) out.push(sqs('producer', 'aws-sdk-java', c.node, []));
    }
  }
  if (f.kind === 'java') {
    for (const a of f.tree.rootNode.descendantsOfType(['annotation'])) {
      if (a?.childForFieldName('name')?.text !== 'SqsListener') continue;
      const value = a.childForFieldName('arguments')?.namedChildren.find((n) => n?.type !== 'element_value_pair') ?? undefined;
      out.push(sqs('consumer', 'Spring @SqsListener', a, queueName(f, value), a.parent?.parent ?? undefined));
    }
  }
  return out;
}
