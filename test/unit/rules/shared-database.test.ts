import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findingsOf, lines } from './helpers';
import { findingsInWorkspace } from './workspaceHelpers';

const RULE = 'shared-database';

const inWorkspace = (compose: string, others: Record<string, string> = {}, path = '/w/compose.yaml') => findingsInWorkspace(RULE, { [path]: compose, ...others }, path);

const svc = (name: string, ...body: string[]) => [`  ${name}:`, ...body.map((b) => `    ${b}`)];
const pg = svc('db', 'image: postgres:16');

interface Case {
  name: string;
  text: string;
  expect: { severity: string; message: RegExp; related: number }[];
}

const cases: Case[] = [
  {
    name: 'reports two services whose DATABASE_URLs name the same database',
    text: lines('services:', ...svc('orders', 'build: ./orders', 'environment:', '  DATABASE_URL: postgres://u:p@db:5432/shop'), ...svc('users', 'build: ./users', 'environment:', '  DATABASE_URL: postgres://u:p@db/shop'), ...pg),
    expect: [{ severity: 'warning', message: /^Database 'shop' on postgres datastore 'db' is shared by 'orders' and 'users'/, related: 2 }],
  },
  {
    name: 'reads a PostgreSQL schema of its own per service (Prisma ?schema=) as separate data on a shared server, and one schema for both as shared',
    text: lines('services:', ...svc('orders', 'build: ./orders', 'environment:', '  DATABASE_URL: postgresql://u:p@db:5432/shop?schema=orders'), ...svc('stock', 'build: ./stock', 'environment:', '  DATABASE_URL: postgresql://u:p@db:5432/shop?schema=stock'), ...svc('audit', 'build: ./audit', 'environment:', '  DATABASE_URL: postgresql://u:p@db:5432/ledger?schema=audit'), ...svc('audit2', 'build: ./audit2', 'environment:', '  DATABASE_URL: postgresql://u:p@db:5432/ledger?schema=audit'), ...pg),
    expect: [{ severity: 'warning', message: /^Database 'ledger\.audit' on postgres datastore 'db' is shared by 'audit' and 'audit2'/, related: 2 }],
  },
  {
    name: 'reports services found only through depends_on as sharing the default database',
    text: lines('services:', ...svc('a', 'build: ./a', 'depends_on: [db]'), ...svc('b', 'build: ./b', 'depends_on:', '  db:', '    condition: service_started'), ...pg),
    expect: [{ severity: 'warning', message: /^Database 'postgres' .* shared by 'a' and 'b'/, related: 2 }],
  },
  {
    name: 'reports a host variable with a sibling database name and a JDBC URL naming the same database',
    text: lines('services:', ...svc('a', 'build: ./a', 'environment:', '  - DB_HOST=mysql', '  - DB_NAME=app'), ...svc('b', 'build: ./b', 'environment:', '  SPRING_DATASOURCE_URL: jdbc:mysql://mysql:3306/app'), ...svc('mysql', 'image: bitnami/mysql:8.4')),
    expect: [{ severity: 'warning', message: /^Database 'app' on mysql datastore 'mysql' is shared by 'a' and 'b'/, related: 2 }],
  },
  {
    name: 'reports one server holding each service\'s own database as a shared server (information)',
    text: lines('services:', ...svc('orders', 'build: ./orders', 'environment:', '  DATABASE_URL: postgres://db/orders'), ...svc('users', 'build: ./users', 'environment:', '  DATABASE_URL: postgres://db/users'), ...pg),
    expect: [{ severity: 'information', message: /^Postgres datastore 'db' is a shared server: used by 'orders' \(orders\) and 'users' \(users\)/, related: 2 }],
  },
  {
    name: 'names six users of a shared server and counts the rest',
    text: lines('services:', ...['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].flatMap((n) => svc(n, `build: ./${n}`, 'environment:', `  DATABASE_URL: postgres://db/${n}`)), ...pg),
    expect: [{ severity: 'information', message: /used by 'a' \(a\), 'b' \(b\), 'c' \(c\), 'd' \(d\), 'e' \(e\), 'f' \(f\) and 2 more; separate databases/, related: 8 }],
  },
  {
    name: 'says nothing of a shared server or cache in a development setup, and still reports a shared database there',
    text: lines('services:', ...svc('orders', 'build: ./orders', 'command: npm run dev', 'environment:', '  DATABASE_URL: postgres://db/orders', '  REDIS_URL: redis://cache:6379/0'), ...svc('users', 'build: ./users', 'command: npm run dev', 'environment:', '  DATABASE_URL: postgres://db/orders', '  REDIS_URL: redis://cache:6379/0'), ...svc('cache', 'image: redis:7'), ...pg),
    expect: [{ severity: 'warning', message: /^Database 'orders' on postgres datastore 'db' is shared by 'orders' and 'users'/, related: 2 }],
  },
  {
    name: 'does not take MongoDB users that name no database for users of its default one (drivers choose it in code): a shared server, and a shared database once named',
    text: lines('services:', ...svc('users', 'build: ./users', 'environment:', '  MONGO_URL: mongodb://mongo:27017'), ...svc('products', 'build: ./products', 'environment:', '  MONGO_URL: mongodb://mongo:27017'), ...svc('mongo', 'image: mongo:7.0')),
    expect: [{ severity: 'information', message: /^Mongo datastore 'mongo' is a shared server: used by 'users' \(a database its code chooses\) and 'products' \(a database its code chooses\)/, related: 2 }],
  },
  {
    name: 'reports MongoDB users that name the same database in their URL',
    text: lines('services:', ...svc('users', 'build: ./users', 'environment:', '  MONGO_URL: mongodb://mongo:27017/shop'), ...svc('products', 'build: ./products', 'environment:', '  MONGO_URL: mongodb://mongo:27017/shop'), ...svc('mongo', 'image: mongo:7.0')),
    expect: [{ severity: 'warning', message: /^Database 'shop' on mongo datastore 'mongo' is shared by 'users' and 'products'/, related: 2 }],
  },
  {
    name: 'reports a cache two services use as information only',
    text: lines('services:', ...svc('a', 'build: ./a', 'environment:', '  REDIS_URL: redis://cache:6379/0'), ...svc('b', 'build: ./b', 'environment:', '  REDIS_URL: redis://cache:6379/0'), ...svc('cache', 'image: redis:7')),
    expect: [{ severity: 'information', message: /^Redis datastore 'cache' is a shared server: .*shared cache/, related: 2 }],
  },
  {
    name: 'finds nothing when each service has its own datastore',
    text: lines('services:', ...svc('orders', 'build: ./orders', 'environment:', '  DATABASE_URL: postgres://orders-db/orders'), ...svc('users', 'build: ./users', 'environment:', '  DATABASE_URL: postgres://users-db/users'), ...svc('orders-db', 'image: postgres:16'), ...svc('users-db', 'image: postgres:16')),
    expect: [],
  },
  {
    name: 'finds nothing for a broker that several services publish to',
    text: lines('services:', ...svc('a', 'build: ./a', 'environment:', '  AMQP_URL: amqp://mq:5672'), ...svc('b', 'build: ./b', 'environment:', '  AMQP_URL: amqp://mq:5672'), ...svc('mq', 'image: rabbitmq:3-management')),
    expect: [],
  },
  {
    name: 'finds nothing for an admin tool and a single service on the same database',
    text: lines('services:', ...svc('api', 'build: ./api', 'environment:', '  DATABASE_URL: postgres://db/app'), ...svc('adminer', 'image: adminer:4', 'depends_on: [db]'), ...pg),
    expect: [],
  },
  {
    name: 'finds nothing for two services built from the same code (an API and its worker)',
    text: lines('services:', ...svc('api', 'build: ./app', 'environment:', '  DATABASE_URL: postgres://db/app'), ...svc('worker', 'build: ./app', 'command: celery worker', 'environment:', '  DATABASE_URL: postgres://db/app'), ...pg),
    expect: [],
  },
  {
    name: "finds nothing for a service that runs another's build by the name compose gives it (<project>_<service>), and reports a service of its own image",
    text: lines('services:', ...svc('api', 'build: ./app', 'environment:', '  DATABASE_URL: postgres://db/app'), ...svc('consumer', 'image: shop_api', 'command: python -m app.consumer', 'environment:', '  DATABASE_URL: postgres://db/app'), ...pg),
    expect: [],
  },
  {
    name: 'reports a service whose image only looks like a build name of no service here',
    text: lines('services:', ...svc('api', 'build: ./app', 'environment:', '  DATABASE_URL: postgres://db/app'), ...svc('reports', 'image: shop_reports', 'environment:', '  DATABASE_URL: postgres://db/app'), ...pg),
    expect: [{ severity: 'warning', message: /^Database 'app' on postgres datastore 'db' is shared by 'api' and 'reports'/, related: 2 }],
  },
  {
    name: 'finds nothing for the parts of one service, named as such (ordering-api and ordering-backgroundtasks)',
    text: lines('services:', ...svc('ordering-api', 'build: ./ordering/api', 'environment:', '  ConnectionString: Server=db;Database=OrderingDb'), ...svc('ordering-backgroundtasks', 'build: ./ordering/tasks', 'environment:', '  ConnectionString: Server=db;Database=OrderingDb'), ...svc('db', 'image: mcr.microsoft.com/mssql/server:2022-latest')),
    expect: [],
  },
  {
    name: "finds nothing for an app and its database's migration job (teable and teable-db-migrate)",
    text: lines('services:', ...svc('teable', 'image: ghcr.io/acme/teable:1.0.0', 'environment:', '  PRISMA_DATABASE_URL: postgresql://db:5432/teable'), ...svc('teable-db-migrate', 'image: ghcr.io/acme/teable-db-migrate:1.0.0', 'environment:', '  PRISMA_DATABASE_URL: postgresql://db:5432/teable'), ...pg),
    expect: [],
  },
  {
    name: 'finds nothing for an app that runs the image its migration job builds (image: api_dev, pull_policy: never)',
    text: lines('services:', ...svc('migrate', 'image: api_dev', 'build: ./api', 'command: rails db:migrate', 'environment:', '  DATABASE_URL: postgres://db:5432/lago'), ...svc('app', 'image: api_dev', 'pull_policy: never', 'environment:', '  DATABASE_URL: postgres://db:5432/lago'), ...pg),
    expect: [],
  },
  {
    name: "finds nothing for the process roles of one product (a scheduler's api, master, worker and alert server, and its schema initializer)",
    text: lines('services:', ...['dolphin-api', 'dolphin-master', 'dolphin-worker', 'dolphin-alert-server', 'dolphin-schema-initializer'].flatMap((n) => svc(n, `image: apache/${n}:3.2.1`, 'environment:', '  SPRING_DATASOURCE_URL: jdbc:postgresql://db:5432/dolphin')), ...pg),
    expect: [],
  },
  {
    name: 'counts no admin box that only idles (tail -f /dev/null), and Temporal on its own database: a shared server, not a shared database',
    text: lines('services:', ...svc('app', 'build: ./app', 'environment:', '  DATABASE_URL: postgres://db:5432/shop'), ...svc('admin-cli', 'image: acme/shop-admin-cli:1.2.0', 'command: tail -f /dev/null', 'environment:', '  DATABASE_URL: postgres://db:5432/shop'), ...svc('temporal', 'image: temporalio/auto-setup:1.25.2', 'environment:', '  POSTGRES_SEEDS: db', 'depends_on: [db]'), ...svc('db', 'image: postgres:16.4', 'environment:', '  POSTGRES_DB: shop')),
    expect: [{ severity: 'information', message: /^Postgres datastore 'db' is a shared server: used by 'app' \(shop\) and 'temporal' \(temporal\)/, related: 2 }],
  },
  {
    name: 'reports an admin box that runs a job of its own on the same database',
    text: lines('services:', ...svc('app', 'build: ./app', 'environment:', '  DATABASE_URL: postgres://db:5432/shop'), ...svc('reports', 'image: acme/reports:1.2.0', 'command: ./run-reports', 'environment:', '  DATABASE_URL: postgres://db:5432/shop'), ...svc('db', 'image: postgres:16.4', 'environment:', '  POSTGRES_DB: shop')),
    expect: [{ severity: 'warning', message: /^Database 'shop' on postgres datastore 'db' is shared by 'app' and 'reports'/, related: 2 }],
  },
  {
    name: 'finds nothing for the parts of one service, named as such (the reader and the writer of one store: timescale-reader, timescale-writer)',
    text: lines('services:', ...svc('timescale-reader', 'build: ./ordering/api', 'environment:', '  ConnectionString: Server=db;Database=OrderingDb'), ...svc('timescale-writer', 'build: ./ordering/tasks', 'environment:', '  ConnectionString: Server=db;Database=OrderingDb'), ...svc('db', 'image: mcr.microsoft.com/mssql/server:2022-latest')),
    expect: [],
  },
  {
    name: 'finds nothing for a gateway that names its upstreams and only waits for the database at start-up',
    text: lines('services:', ...svc('api', 'build: ./api', 'environment:', '  DATABASE_URL: postgres://db/app'), ...svc('gateway', 'build: ./gateway', 'depends_on: [db, api]', 'environment:', '  API_URL: http://api:8080'), ...pg),
    expect: [],
  },
  {
    name: 'finds nothing when connection strings point at localhost or at another host',
    text: lines('services:', ...svc('a', 'build: ./a', 'environment:', '  DATABASE_URL: postgres://localhost/app'), ...svc('b', 'build: ./b', 'environment:', '  DATABASE_URL: postgres://rds.example.com/app'), ...pg),
    expect: [],
  },
];

describe(RULE, () => {
  for (const c of cases) {
    it(c.name, async () => {
      const found = await findingsOf(RULE, 'docker-compose.yml', c.text);
      assert.deepEqual(found.map((f) => f.severity), c.expect.map((e) => e.severity));
      found.forEach((f, i) => {
        assert.match(f.message, c.expect[i].message);
        assert.equal(f.related?.length, c.expect[i].related);
        assert.equal(f.fix, undefined);
      });
    });
  }

  it('reports the finding at the datastore and points related locations at each place a service connects', async () => {
    const text = lines('services:', ...svc('orders', 'build: ./orders', 'environment:', '  DATABASE_URL: postgres://db/shop'), ...svc('users', 'build: ./users', 'environment:', '  DATABASE_URL: postgres://db/shop'), ...pg);
    const [f] = await findingsOf(RULE, 'docker-compose.yml', text);
    assert.equal(f.range.start.line, 9);
    assert.deepEqual(f.related!.map((r) => [r.range.start.line, r.message]), [[4, "'orders' connects here (DATABASE_URL)"], [8, "'users' connects here (DATABASE_URL)"]]);
    assert.ok(!f.message.includes('postgres://'), 'the message never repeats a connection string');
  });

  it("finds a shared database through the services' own config and code files", async () => {
    const compose = lines('services:', ...svc('orders', 'build: ./orders'), ...svc('billing', 'build: ./billing'), ...pg);
    const found = await inWorkspace(compose, {
      '/w/orders/src/main/resources/application.yml': lines('spring:', '  datasource:', '    url: jdbc:postgresql://db:5432/shop'),
      '/w/billing/app/db.py': 'engine = create_engine("postgresql://billing:secret@db:5432/shop")\n',
    });
    assert.equal(found.length, 1);
    assert.match(found[0].message, /Database 'shop' .* shared by 'orders' and 'billing'/);
    assert.deepEqual(found[0].related!.map((r) => r.path).sort(), ['/w/billing/app/db.py', '/w/orders/src/main/resources/application.yml']);
  });

  it('reads an override file with a repeated key (recoverable: the rest of it still counts)', async () => {
    const compose = lines('services:', ...svc('orders', 'build: ./orders', 'environment:', '  DATABASE_URL: postgres://db/shop'), ...svc('users', 'build: ./users'), ...pg);
    const override = lines('services:', ...svc('users', 'environment:', '  LOG_LEVEL: info', '  LOG_LEVEL: debug', '  DATABASE_URL: postgres://db/shop'));
    const found = await inWorkspace(compose, { '/w/compose.override.yaml': override });
    assert.deepEqual(found.map((f) => f.message.split(':')[0]), ["Database 'shop' on postgres datastore 'db' is shared by 'orders' and 'users'"]);
  });

  it('finds a shared database through an env_file and .env interpolation', async () => {
    const compose = lines('services:', ...svc('a', 'build: ./a', 'env_file: a.env'), ...svc('b', 'build: ./b', 'environment:', '  DATABASE_URL: postgres://${DB_HOST:-db}/${DB_NAME}'), ...pg);
    const found = await inWorkspace(compose, { '/w/a.env': 'DATABASE_URL=postgres://db/shop\n', '/w/.env': 'DB_NAME=shop\n' });
    assert.equal(found.length, 1);
    assert.deepEqual(found[0].related!.map((r) => r.path), ['/w/a.env', '/w/compose.yaml']);
  });

  it("reads each service's code in its Dockerfile's folder when several services share one build context", async () => {
    const compose = lines('services:', ...svc('orders', 'build:', '  context: .', '  dockerfile: orders/Dockerfile'), ...svc('billing', 'build:', '  context: .', '  dockerfile: billing/Dockerfile'), ...pg);
    const own = await inWorkspace(compose, { '/w/orders/app.py': 'DB = "postgresql://db/orders"\n', '/w/billing/app.py': 'DB = "postgresql://db/billing"\n' });
    assert.deepEqual(own.map((f) => f.severity), ['information'], 'separate databases on one server, not one database read by both');
  });

  it('reports in the file that defines the datastore, not in an override that only adds a user', async () => {
    const files = {
      '/w/compose.yaml': lines('services:', ...svc('a', 'build: ./a', 'depends_on: [db]'), ...pg),
      '/w/compose.override.yaml': lines('services:', ...svc('b', 'build: ./b', 'environment:', '  DATABASE_URL: postgres://db/postgres')),
    };
    assert.equal((await inWorkspace(files['/w/compose.yaml'], files)).length, 1);
    assert.equal((await inWorkspace(files['/w/compose.override.yaml'], files, '/w/compose.override.yaml')).length, 0);
  });

  it('drops the finding when a suppression comment is on the line above the datastore', async () => {
    const text = lines('services:', ...svc('a', 'build: ./a', 'depends_on: [db]'), ...svc('b', 'build: ./b', 'depends_on: [db]'), '  # backend-architect-ignore shared-database', ...pg);
    assert.deepEqual(await findingsOf(RULE, 'docker-compose.yml', text), []);
  });
});
