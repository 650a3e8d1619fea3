import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildWorkspaceModel, memoryFs } from '../../../server/src/core/workspace/index';
import { consumesMessages } from '../../../server/src/core/workspace/messaging';

const FILES = {
  '/w/compose.yaml': 'services:\n  orders:\n    build: ./orders\n  mailer:\n    build: ./mailer\n  kafka:\n    image: bitnami/kafka:3.7\n  cache:\n    image: redis:7\n',
  '/w/orders/app.ts': "import { Kafka } from 'kafkajs';\nawait producer.send({ topic: 'order-created', messages });\n",
  '/w/mailer/worker.py': "from kafka import KafkaConsumer\nconsumer = KafkaConsumer('order-created')\nfor m in consumer:\n    send(m)\n",
  '/w/mailer/settings.py': "DEAD_LETTER_TOPIC = 'order-created.DLT'\n",
  '/w/mailer/unused.py': 'import pika\n',
};

describe('messaging in the workspace model', () => {
  it('lists producers and consumers with their topic and broker service, and the dead-letter configuration', async () => {
    const model = await buildWorkspaceModel('/w', { fs: memoryFs(FILES), composeFiles: ['/w/compose.yaml'] });
    assert.deepEqual(
      model.messaging?.map((m) => [m.service, m.role, m.broker, m.library, m.topic, m.brokerService, m.location.range.start.line]),
      [
        ['orders', 'producer', 'kafka', 'kafkajs', 'order-created', 'kafka', 1],
        ['mailer', 'consumer', 'kafka', 'kafka-python', 'order-created', 'kafka', 1],
      ],
    );
    assert.deepEqual(model.deadLetters?.map((d) => [d.service, d.what]), [['mailer', '.DLT']]);
    assert.ok(consumesMessages(model, '/w/mailer/worker.py'));
    assert.ok(!consumesMessages(model, '/w/orders/app.ts'), 'a producer is judged in the worker threads as before');
  });

  it('adds no messaging field to a model whose code has no producer or consumer', async () => {
    const model = await buildWorkspaceModel('/w', { fs: memoryFs({ '/w/compose.yaml': FILES['/w/compose.yaml'], '/w/mailer/unused.py': 'import pika\n' }), composeFiles: ['/w/compose.yaml'] });
    assert.equal(model.messaging, undefined);
    assert.equal(model.deadLetters, undefined);
  });
});
