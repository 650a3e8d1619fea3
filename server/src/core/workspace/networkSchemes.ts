/**
 * URL schemes whose authority is a host resolved on the network: web, RPC and socket transports, datastores and
 * brokers, and a few network services (mail, directory, file transfer). An application's own URI scheme
 * (`myapp://items/{id}`, `mcp://`), a bucket (`s3://`) or a file names no host to resolve.
 */

const WEB_AND_RPC = ['http', 'https', 'ws', 'wss', 'grpc', 'grpcs', 'h2c', 'tcp', 'udp', 'tls', 'ssl', 'quic'];
/** Datastores, as URLs and as the sub-protocol of a JDBC URL (`jdbc:postgresql://`), and ADO.NET connection strings. */
const DATASTORES = [
  'postgres', 'postgresql', 'pgsql', 'cockroachdb', 'mysql', 'mysqlx', 'mariadb', 'sqlserver', 'mssql', 'oracle', 'db2',
  'h2', 'hsqldb', 'derby', 'clickhouse', 'ch', 'mongodb', 'redis', 'rediss', 'valkey', 'valkeys', 'memcached',
  'cassandra', 'scylla', 'neo4j', 'bolt', 'couchbase', 'couchbases', 'elasticsearch', 'opensearch', 'influxdb',
  'etcd', 'consul', 'arangodb', 'surrealdb', 'ado',
];
const BROKERS = ['amqp', 'amqps', 'kafka', 'nats', 'mqtt', 'mqtts', 'stomp', 'stomps', 'pulsar', 'zookeeper', 'zk', 'beanstalk', 'nsq'];
const NETWORK_SERVICES = ['ldap', 'ldaps', 'smtp', 'smtps', 'imap', 'imaps', 'ftp', 'ftps', 'sftp', 'syslog'];

const NETWORK = new Set([...WEB_AND_RPC, ...DATASTORES, ...BROKERS, ...NETWORK_SERVICES]);

/**
 * Whether a URL of this scheme names a network host. A variant after `+` (`mongodb+srv`, `pulsar+ssl`) counts as its
 * base, except one over a Unix socket (`http+unix`).
 */
export function namesNetworkHost(scheme: string): boolean {
  const [base, ...variants] = scheme.toLowerCase().split('+');
  return NETWORK.has(base) && !variants.includes('unix');
}
