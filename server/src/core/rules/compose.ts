import { entries, get, isMap, isSeq, items, str, type DataNode, type MapEntry } from '../documents/tree';

export interface ComposeService {
  name: string;
  key: MapEntry['key'];
  node: DataNode;
  image?: string;
}

export function composeServices(root: DataNode): ComposeService[] {
  return entries(get(root, 'services')).filter((e) => isMap(e.value)).map((e) => ({ name: e.key.text, key: e.key, node: e.value, image: str(get(e.value, 'image')) }));
}

/** Names a service depends on, in either the list or the map form of `depends_on`. */
export function dependsOn(service: DataNode): string[] {
  const d = get(service, 'depends_on');
  if (isSeq(d)) return items(d).map(str).filter((x): x is string => !!x);
  return entries(d).map((e) => e.key.text);
}

export type DatastoreKind = 'postgres' | 'mysql' | 'redis' | 'mongo' | 'rabbitmq' | 'elasticsearch' | 'kafka' | 'cassandra' | 'memcached' | 'nats' | 'zookeeper';

const DATASTORE_IMAGES: [RegExp, DatastoreKind][] = [
  [/(^|\/)(postgres|postgresql|postgis|timescaledb[\w-]*|pgvector)(:|@|$)/, 'postgres'],
  [/(^|\/)(mysql|mariadb|percona[\w-]*)(:|@|$)/, 'mysql'],
  [/(^|\/)(redis|redis-stack[\w-]*|valkey|keydb|dragonfly)(:|@|$)/, 'redis'],
  [/(^|\/)(mongo|mongodb[\w-]*)(:|@|$)/, 'mongo'],
  [/(^|\/)rabbitmq(:|@|$)/, 'rabbitmq'],
  [/(^|\/)(elasticsearch|opensearch)(:|@|$)/, 'elasticsearch'],
  [/(^|\/)(kafka|cp-kafka|redpanda)(:|@|$)/, 'kafka'],
  [/(^|\/)(cassandra|scylla)(:|@|$)/, 'cassandra'],
  [/(^|\/)memcached(:|@|$)/, 'memcached'],
  [/(^|\/)nats(:|@|$)/, 'nats'],
  [/(^|\/)(zookeeper|cp-zookeeper)(:|@|$)/, 'zookeeper'],
];

/** The datastore an image runs (registry prefixes, `bitnami/*` and tags allowed), or undefined. */
export function datastoreKind(image: string | undefined): DatastoreKind | undefined {
  if (!image) return undefined;
  const img = image.toLowerCase();
  return DATASTORE_IMAGES.find(([re]) => re.test(img))?.[1];
}
