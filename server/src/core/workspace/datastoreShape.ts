/**
 * A datastore recognized by what its definition shows, when its image is not a known one (compose and Kubernetes
 * share this): a name ending in -db, -mongo, -redis ..., or its server's environment (POSTGRES_PASSWORD without a
 * *_HOST: a server, not a client) together with the datastore's port or data of its own.
 */
import { datastoreKind, type DatastoreKind } from '../compose/images';

const PORT_KIND: Record<number, DatastoreKind> = { 5432: 'postgres', 3306: 'mysql', 27017: 'mongo', 6379: 'redis', 9042: 'cassandra', 5672: 'rabbitmq', 9092: 'kafka', 9200: 'elasticsearch', 11211: 'memcached', 4222: 'nats', 2181: 'zookeeper', 26257: 'cockroachdb', 1433: 'mssql' };
const ENV_KIND: [RegExp, DatastoreKind][] = [[/^POSTGRES(QL)?_/, 'postgres'], [/^(MYSQL|MARIADB)_/, 'mysql'], [/^MONGO(DB)?_INITDB_/, 'mongo']];
const NAME_WORD = /(?:^|[-_])(db|database|mongo|mongodb|redis|mysql|mariadb|postgres|postgresql)$/;

export interface DatastoreShape {
  /** The service's (workload's) name. */
  name: string;
  /** Its image, when it has one. */
  image?: string;
  /** Names of the environment variables it is given. */
  env: string[];
  /** Ports its containers listen on. */
  ports: number[];
  /** Whether it keeps data of its own (a StatefulSet, a volume claim, a host path, a named volume). */
  keepsData: boolean;
}

export function datastoreByShape(s: DatastoreShape): DatastoreKind | undefined {
  const base = (s.image ?? '').replace(/[:@].*$/, '').split('/').pop() ?? '';
  const word = NAME_WORD.exec(s.name)?.[1] ?? NAME_WORD.exec(base)?.[1];
  const envKind = ENV_KIND.find(([re]) => s.env.some((n) => re.test(n)) && !s.env.some((n) => re.test(n) && /(HOST|URL|ADDR|SERVER|SERVICE)$/.test(n)))?.[1];
  const portKind = s.ports.map((p) => PORT_KIND[p]).find((k) => k);
  const named = word && word !== 'db' && word !== 'database' ? datastoreKind(word) : undefined;
  // Server environment alone is not enough: apps often load the datastore's own settings (POSTGRES_DB, ...).
  return named ?? (word ? (envKind ?? portKind) : envKind && (portKind === envKind || s.keepsData) ? envKind : undefined);
}
