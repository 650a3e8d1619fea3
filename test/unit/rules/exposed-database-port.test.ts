import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findingsOf, lines } from './helpers';
import { runCases, runFixes } from './composeCases';
import { findingsInWorkspace } from './workspaceHelpers';

const RULE = 'exposed-database-port';
const pg = (...ports: string[]) => lines('services:', '  db:', '    image: postgres:16', '    ports:', ...ports.map((p) => `      - ${p}`));

describe(RULE, () => {
  runCases(RULE, [
    { name: 'reports a datastore on the host network once, at network_mode, whether or not it lists ports (compose ignores them)', text: lines('services:', '  kafka:', '    image: apache/kafka:3.7.0', '    network_mode: host', '    ports:', '      - "9092:9092"', '  mongo:', '    image: mongo:7.0', '    network_mode: host'), expect: [/^Kafka datastore 'kafka' runs on the host's network \(network_mode: host\)/, "Mongo datastore 'mongo' runs on the host's network"] },
    { name: 'finds nothing for an application on the host network, or a datastore on a named network', text: lines('services:', '  api:', '    build: .', '    network_mode: host', '  mongo:', '    image: mongo:7.0', '    network_mode: backend'), expect: [] },
    { name: 'reports HOST:CONTAINER, which binds all interfaces', text: pg('"5432:5432"'), expect: ["Postgres datastore 'db' publishes a port on all interfaces:"] },
    { name: 'reports an explicit 0.0.0.0 binding', text: pg('"0.0.0.0:5432:5432"'), expect: ['on all interfaces (0.0.0.0)'] },
    { name: 'reports a container port alone, which publishes a random host port on all interfaces', text: pg('"5432"'), expect: ['on all interfaces'] },
    { name: 'reports a host port from a variable', text: pg('"${DB_PORT:-5432}:5432"'), expect: ['on all interfaces'] },
    { name: 'reports the long syntax without host_ip', text: lines('services:', '  cache:', '    image: valkey/valkey:8', '    ports:', '      - target: 6379', '        published: 6379'), expect: ["Redis datastore 'cache'"] },
    { name: 'reports a datastore that publishes two ports once, naming both', text: lines('services:', '  mq:', '    image: rabbitmq:3.13', '    ports:', '      - "5672:5672"', '      - "15672:15672"'), expect: ["Rabbitmq datastore 'mq' publishes 2 ports (5672:5672, 15672:15672) on all interfaces"] },
    { name: 'reports only the exposed port of a datastore whose other port is bound to 127.0.0.1', text: lines('services:', '  mq:', '    image: rabbitmq:3.13', '    ports:', '      - "127.0.0.1:5672:5672"', '      - "15672:15672"'), expect: ["Rabbitmq datastore 'mq' publishes a port on all interfaces"] },
    { name: 'finds nothing for a port bound to 127.0.0.1', text: pg('"127.0.0.1:5432:5432"'), expect: [] },
    { name: 'reads a host address and ports written as variables with defaults as compose does when they are unset (a loopback default binds the loopback)', text: pg('${HOST_IP:-127.0.0.1}:${PG_PORT:-5432}:5432'), expect: [] },
    { name: 'reports a port whose host address variable defaults to all interfaces', text: pg('${HOST_IP:-0.0.0.0}:${PG_PORT:-5432}:5432'), expect: ["Postgres datastore 'db' publishes a port on all interfaces"] },
    { name: 'finds nothing for the IPv6 loopback', text: pg('"[::1]:5432:5432"'), expect: [] },
    { name: 'finds nothing for an application service that publishes its port', text: lines('services:', '  api:', '    build: .', '    ports:', '      - "8080:8080"'), expect: [] },
    { name: 'finds nothing for a datastore that only uses expose', text: lines('services:', '  db:', '    image: mysql:8', '    expose:', '      - "3306"'), expect: [] },
  ]);
  runFixes(RULE, [
    { name: 'binds HOST:CONTAINER to 127.0.0.1', text: pg('"5432:5432"'), contains: '- "127.0.0.1:5432:5432"' },
    { name: 'replaces 0.0.0.0 with 127.0.0.1', text: pg('0.0.0.0:5432:5432'), contains: '- "127.0.0.1:5432:5432"' },
    { name: 'binds every exposed port of the datastore in one fix', text: pg('"5432:5432"', '"5433:5433"'), contains: lines('      - "127.0.0.1:5432:5432"', '      - "127.0.0.1:5433:5433"') },
    { name: 'keeps the random host port of a container port alone', text: pg('"5432"'), contains: '- "127.0.0.1::5432"' },
    { name: 'adds host_ip to the long syntax', text: lines('services:', '  db:', '    image: mongo:7', '    ports:', '      - target: 27017', '        published: 27017'), contains: lines('      - host_ip: 127.0.0.1', '        target: 27017') },
  ]);

  it('makes a published datastore port of a development setup a hint (an application on the host may use it), and a warning elsewhere', async () => {
    const dev = lines('services:', '  api:', '    build: ./api', '    command: nodemon server.js', '  db:', '    image: postgres:16', '    ports:', '      - "5432:5432"');
    const [hint] = await findingsOf(RULE, 'docker-compose.yml', dev);
    assert.equal(hint.severity, 'hint');
    assert.match(hint.message, /applications run on this machine reach it on 127\.0\.0\.1 too$/);
    const [warning] = await findingsOf(RULE, 'docker-compose.yml', dev.replace('    command: nodemon server.js\n', ''));
    assert.equal(warning.severity, 'warning');
    assert.match(warning.message, /services of this file reach it over the compose network without it, and applications on this machine on 127\.0\.0\.1$/);
  });
});

describe('exposed-database-port in copies of a stack', () => {
  it('reports a datastore published the same way in copies of the stack once, in the first file, naming the copies', async () => {
    const stack = lines('services:', '  mysql:', '    image: mysql:8.0.36', '    ports: ["13306:3306"]', '  redis:', '    image: redis:7.2', '  api:', '    image: acme/api:1.0', '    depends_on: [mysql]');
    const files = { '/w/docker-compose.yml': stack, '/w/jeecg-boot/docker-compose.yml': stack };
    const first = await findingsInWorkspace('exposed-database-port', files, '/w/docker-compose.yml', true);
    assert.equal(first.length, 1);
    assert.match(first[0].message, /on all interfaces \(as does its copy in another compose file of the workspace\)/);
    assert.deepEqual(await findingsInWorkspace('exposed-database-port', files, '/w/jeecg-boot/docker-compose.yml', true), []);
    // Published on another port there: each file's own finding.
    const other = stack.replace('13306:3306', '3306:3306');
    assert.equal((await findingsInWorkspace('exposed-database-port', { ...files, '/w/docker-compose.yml': other }, '/w/jeecg-boot/docker-compose.yml', true)).length, 1);
  });
});
