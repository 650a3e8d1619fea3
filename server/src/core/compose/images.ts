/** What a container image runs, when it is a datastore: a database, a cache, a search engine or a broker. */
import { memoByString } from '../text/memo';
export type DatastoreKind =
  | 'postgres' | 'mysql' | 'mssql' | 'oracle' | 'cockroachdb' | 'clickhouse' | 'neo4j' | 'couchdb' | 'influxdb' | 'eventstore'
  | 'redis' | 'mongo' | 'rabbitmq' | 'elasticsearch' | 'kafka' | 'cassandra' | 'memcached' | 'nats' | 'zookeeper' | 'activemq' | 'pulsar' | 'etcd'
  | 'dynamodb' | 'cosmosdb' | 'firestore' | 'azurite' | 'localstack';

/** `emulator`: a local stand-in for a managed cloud datastore (DynamoDB Local, LocalStack, Azurite ...). */
export type DatastoreCategory = 'database' | 'cache' | 'search' | 'broker' | 'coordination' | 'emulator';

const DATASTORE_IMAGES: [RegExp, DatastoreKind][] = [
  [/(^|\/)(postgres|postgresql|postgis|timescaledb[\w-]*|pgvector|supabase-postgres)(:|@|$)/, 'postgres'],
  [/(^|\/)(mysql|mysql-server|mariadb|percona[\w-]*)(:|@|$)/, 'mysql'],
  [/(^|\/)(mssql\/server|mssql-server[\w-]*|azure-sql-edge)(:|@|$)/, 'mssql'],
  [/(^|\/)(oracle-xe|oracle-free|database\/(enterprise|express|free))(:|@|$)/, 'oracle'],
  [/(^|\/)cockroach(:|@|$)/, 'cockroachdb'],
  [/(^|\/)clickhouse(-server)?(:|@|$)/, 'clickhouse'],
  [/(^|\/)neo4j(:|@|$)/, 'neo4j'],
  [/(^|\/)couchdb(:|@|$)/, 'couchdb'],
  [/(^|\/)(eventstore|eventstoredb[\w-]*|kurrentdb)(:|@|$)/, 'eventstore'],
  [/(^|\/)([a-z]+-)?influxdb(-(amd64|arm64))?(:|@|$)/, 'influxdb'],
  [/(^|\/)(redis|redis-stack[\w-]*|valkey|keydb|dragonfly|dragonflydb)(:|@|$)/, 'redis'],
  [/(^|\/)(mongo|mongodb[\w-]*)(:|@|$)/, 'mongo'],
  [/(^|\/)rabbitmq(:|@|$)/, 'rabbitmq'],
  [/(^|\/)(elasticsearch|opensearch)(:|@|$)/, 'elasticsearch'],
  [/(^|\/)(kafka|kafka-native|cp-kafka|cp-server|redpanda)(:|@|$)/, 'kafka'],
  [/(^|\/)(cassandra|scylla)(:|@|$)/, 'cassandra'],
  [/(^|\/)memcached(:|@|$)/, 'memcached'],
  [/(^|\/)nats(:|@|$)/, 'nats'],
  [/(^|\/)(zookeeper|cp-zookeeper)(:|@|$)/, 'zookeeper'],
  [/(^|\/)(activemq|activemq-artemis[\w-]*|artemis)(:|@|$)/, 'activemq'],
  [/(^|\/)pulsar(:|@|$)/, 'pulsar'],
  [/(^|\/)etcd(:|@|$)/, 'etcd'],
  // Local emulators of managed cloud datastores: they hold the data the application would keep in the cloud.
  [/(^|\/)(dynamodb-?local|dynamodb)(:|@|$)/, 'dynamodb'],
  [/(^|\/)(azure-cosmos-emulator|cosmosdb-emulator|cosmos-emulator)(:|@|$)/, 'cosmosdb'],
  [/(^|\/)(firestore-emulator|datastore-emulator|firebase-emulators?|gcloud-firestore-emulator)(:|@|$)/, 'firestore'],
  [/(^|\/)azurite(:|@|$)/, 'azurite'],
  [/(^|\/)localstack(-pro)?(:|@|$)/, 'localstack'],
];

const CATEGORY: Record<DatastoreKind, DatastoreCategory> = {
  postgres: 'database', mysql: 'database', mssql: 'database', oracle: 'database', cockroachdb: 'database', clickhouse: 'database',
  neo4j: 'database', couchdb: 'database', influxdb: 'database', eventstore: 'database', mongo: 'database', cassandra: 'database',
  redis: 'cache', memcached: 'cache',
  elasticsearch: 'search',
  rabbitmq: 'broker', kafka: 'broker', nats: 'broker', activemq: 'broker', pulsar: 'broker',
  zookeeper: 'coordination', etcd: 'coordination',
  dynamodb: 'emulator', cosmosdb: 'emulator', firestore: 'emulator', azurite: 'emulator', localstack: 'emulator',
};

/** The datastore an image runs (registry prefixes, `bitnami/*`, tags and digests allowed), or undefined. */
export function datastoreKind(image: string | undefined): DatastoreKind | undefined {
  return image ? kindOfImage(image) : undefined;
}

/** The datastore an image of exactly a known name runs (`firestore-emulator`, `bitnami/postgresql`), without the vendor-build reading. */
export const knownDatastoreImage: (image: string) => DatastoreKind | undefined = memoByString((image) => {
  const img = image.toLowerCase().trim();
  return DATASTORE_IMAGES.find(([re]) => re.test(img))?.[1];
});

const kindOfImage = memoByString((image: string): DatastoreKind | undefined => {
  const img = image.toLowerCase().trim();
  const known = DATASTORE_IMAGES.find(([re]) => re.test(img))?.[1];
  if (known) return known;
  // Vendor builds of a datastore: eventuate-mysql8, acme-postgres-16, mongodb-custom; not its tools.
  const name = img.replace(/[:@].*$/, '').split('/').pop() ?? '';
  if (TOOL_WORDS.test(name)) return undefined;
  // Brokers and coordinators only as the name's last word (eventuate-kafka), so orders-kafka-consumer stays an application.
  const m = /(^|[-_.])(postgres|postgresql|mysql|mariadb|mongo|mongodb|redis|cassandra|elasticsearch|rabbitmq|clickhouse|couchdb|influxdb)\d*([-_.]|$)/.exec(name) ?? /(^|[-_.])(kafka|zookeeper|nats|activemq|pulsar|etcd|memcached)\d*$/.exec(name);
  return m ? DATASTORE_IMAGES.find(([re]) => re.test(m[2]))?.[1] : undefined;
});

const TOOL_WORDS = /(exporter|admin|commander|express|insight|[-_]ui$|backup|proxy|operator|client|cli$|(^|[-_.])init|migrat|dump|sync|connect|kafdrop|bouncer|pool|[-_]schema$)/;

export function datastoreCategory(kind: DatastoreKind): DatastoreCategory {
  return CATEGORY[kind];
}

/**
 * Whether services that use a datastore of this category share data: not through a broker (it decouples them),
 * a coordination service, or an emulator (a developer's stand-in says nothing of production).
 */
export function holdsSharedData(category: DatastoreCategory): boolean {
  return category !== 'broker' && category !== 'coordination' && category !== 'emulator';
}

/** Admin UIs, exporters and migration tools: they talk to a datastore but are not services that own data. */
export function isDatastoreTool(image: string | undefined): boolean {
  return !!image && /(^|\/)(adminer|kibana|logstash|[\w-]*beat|apm-server|grafana|metabase|debezium[\w-]*|[\w-]*cdc[\w-]*|schema-registry|cp-schema-registry|kafka-connect|pgadmin4?|phpmyadmin|mongo-express|redis-commander|redisinsight|kafka-ui|kafdrop|akhq|[\w-]*-exporter|flyway|liquibase|pgbouncer|pgpool[\w-]*|proxysql|wait-for[\w-]*|dockerize|docker-registry-ui|docker-registry-frontend|ch-ui|tabix|pgweb|(redpandadata|vectorized)\/console)(:|@|$)/i.test(image);
}

/** Admin and inspection UIs: they show a datastore offline and reconnect by themselves. */
export function isAdminUi(image: string | undefined): boolean {
  return !!image && /(^|\/)((redpandadata|vectorized)\/console|adminer|pgadmin4?|phpmyadmin|mongo-express|redis-commander|redisinsight|kafka-ui|kafdrop|akhq|kibana|metabase|cloudbeaver|dbgate|docker-registry-ui|docker-registry-frontend|asynqmon|bull-board)(:|@|$)/i.test(image);
}

/**
 * Pulled images whose own Dockerfile defines a HEALTHCHECK (Harbor's, GitLab's, Vaultwarden's, Oracle's MySQL
 * server, Eventuate's Kafka, ZooKeeper, MySQL, Postgres and CDC images), and their copies in a registry mirror: docker runs it.
 */
export function shipsHealthcheck(image: string | undefined): boolean {
  if (!image) return false;
  // A copy in a registry mirror (`registry.example.cn/dockerhub_mirror/mysql-server:8.0.32`) is the same image.
  const mirrored = /^(?:[\w-]+\.[\w.-]+(?::\d+)?\/)?[\w.-]*mirror[\w.-]*\/(.+)$/i.exec(image)?.[1];
  const name = mirrored && !mirrored.includes('/') ? mirrored.replace(/^mysql-server\b/, 'mysql/mysql-server') : (mirrored ?? image);
  return /^(docker\.io\/)?(goharbor\/[\w.-]+|gitlab\/gitlab-(ce|ee)|vaultwarden\/server|mysql\/mysql-server|eventuateio\/eventuate-(kafka|zookeeper|mysql\d*|postgres|cdc-service))(:|@|$)/i.test(name);
}

/** The database an image creates when none is named (its environment may name one instead). */
export const DEFAULT_DATABASE_ENV: Partial<Record<DatastoreKind, string[]>> = {
  postgres: ['POSTGRES_DB', 'POSTGRESQL_DATABASE', 'POSTGRES_DATABASE', 'POSTGRES_USER', 'POSTGRESQL_USERNAME'],
  mysql: ['MYSQL_DATABASE', 'MARIADB_DATABASE'],
  mongo: ['MONGO_INITDB_DATABASE', 'MONGODB_DATABASE'],
  couchdb: [],
};

export const DEFAULT_DATABASE: Partial<Record<DatastoreKind, string>> = { postgres: 'postgres', mongo: 'test', redis: '0', mssql: 'master', cockroachdb: 'defaultdb', clickhouse: 'default', neo4j: 'neo4j' };

/**
 * Whether an image is the name compose gives the image it builds for `service` (`<project>_<service>`, or
 * `<project>-<service>`): a service that runs it runs that build, which is never pulled.
 */
export function isComposeBuildName(image: string, service: string): boolean {
  if (/[/:@]/.test(image)) return false;
  return image.length > service.length + 1 && image.endsWith(service) && /[-_]/.test(image[image.length - service.length - 1]);
}
