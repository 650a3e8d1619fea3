import type { DataNode } from '../documents/tree';
import { commandText } from './command';

/** A tool or loop that polls a host until it answers: wait-for-it, wait-for, dockerize -wait, nc -z, pg_isready... */
export const WAIT_TOOL = /wait[-_]for|cub\s+(?:kafka|zk|sr|connect)-ready|kafka-broker-api-versions|rpk\s+cluster\s+health|dockerize\b[^\n]*-wait|\bnc\b[^\n]*-z|\bnetcat\b|pg_isready|mysqladmin\s[^\n]*ping|redis-cli\s[^\n]*ping|\buntil\b|\bwhile\s+!/;

/**
 * True when a service's own command waits until `host` answers (`wait-for-it.sh db:5432 -- ...`, a `pg_isready -h db`
 * loop): it starts its work only once the dependency is ready, so the dependency's healthcheck adds nothing for it.
 * `script`: the wait loops of the scripts it runs (the model's `startupWaits`).
 */
export function waitsForItself(node: DataNode | undefined, host: string, script = ''): boolean {
  // A host from a variable's default (`wait-for-it.sh ${DB_HOST:-postgres}:5432`) is that host unless the variable is set.
  const command = `${commandText(node)}\n${script}`.replace(/\$\{\w+:?-([^}]*)\}/g, '$1');
  if (!WAIT_TOOL.test(command)) return false;
  const name = host.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // `db:5432`, `db 5432`, or bash's `/dev/tcp/db/5432` (`while ! </dev/tcp/db/5432; do sleep 1; done`).
  return new RegExp(`(^|[\\s/@=:"'])${name}(:\\d+|/\\d+|[\\s;,)&|"']|$)`, 'm').test(command);
}

/**
 * A proxy (reverse, or forward such as squid): it resolves and connects to its upstreams per request, so it needs
 * them started, not ready; and built from its vendor's image with a config added, it is a tool, not an application.
 */
export function isReverseProxy(image: string | undefined): boolean {
  return !!image && /(^|\/)(nginx|openresty|traefik|haproxy|caddy|envoy|nginx-proxy|squid|tinyproxy|privoxy)(:|@|$)/i.test(image);
}

/** A database connection pooler (pgpool, PgBouncer, ProxySQL): it checks and reconnects its backends itself. */
export function isConnectionPooler(image: string | undefined): boolean {
  return !!image && /(^|\/)(pgpool(-ii)?|pgbouncer|proxysql|odyssey|pgcat)(:|@|$)/i.test(image);
}

/** Confluent's Kafka images check that ZooKeeper answers (`cub zk-ready`) before the broker starts. */
export function imageWaitsForZooKeeper(image: string | undefined): boolean {
  // A registry mirror's copy (`ghcr.io/acme/image-mirror-confluentinc-cp-kafka`) is the same image.
  return !!image && /(^|\/|[\w-]*mirror[-_])confluentinc[\/-]cp-(kafka|server|enterprise-kafka)(:|@|$)/i.test(image);
}

/** A command that only keeps the container alive (a dev container, a CLI box such as nats-box): it runs nothing that needs a dependency ready. */
export function idlesForever(node: DataNode | undefined): boolean {
  return idlesCommand(commandText(node));
}

/** idlesForever of a command's text (`sh -c "tail -f /dev/null"`). */
export function idlesCommand(command: string): boolean {
  const text = command.trim().replace(/^(\S*\/)?(ba)?sh\s+-c\s+/, '').replace(/^["']|["']$/g, '').trim();
  const idle = IDLE_END.exec(text);
  if (!idle) return false;
  // Set-up steps before it run to their end (`chown ... && `, `; `); one sent to the background (`server &`) runs on.
  const before = text.slice(0, idle.index).trim();
  return !before || (/(&&|;)$/.test(before) && !/(^|[^&])&([^&]|$)/.test(before));
}

/** An idle keep-alive at the end of a command: `sleep infinity`, `tail -f /dev/null`, `while sleep 1000; do :; done`. */
const IDLE_END = /(?:^|\s)(?:\S*\/)?(?:sleep\s+(?:infinity|inf)|tail\s+-f\s+\/dev\/null|while\s+(?:sleep\s+\d+|true|:)\s*;\s*do\s+(?::|true|sleep\s+\d+)\s*;?\s*done)\s*;?\s*$/;

/**
 * Whether a compose dependent needs its dependencies ready, not only started: not a reverse proxy (it connects per
 * request), an admin tool (it connects when a person uses it), nor a container that only idles.
 */
export function needsReadyDependencies(node: DataNode | undefined, image: string | undefined, builtProxy: boolean, isTool: (image: string | undefined) => boolean): boolean {
  return !isReverseProxy(image) && !builtProxy && !isTool(image) && !idlesForever(node);
}

/** Bitnami's Redis cluster image, on the node that creates the cluster (`REDIS_CLUSTER_CREATOR=yes`), pings every node until it answers. */
export function imageWaitsForClusterNodes(image: string | undefined, environment: readonly { name: string; value?: string }[] = []): boolean {
  return !!image && /(^|\/)bitnami(legacy)?\/redis-cluster(:|@|$)/i.test(image) && environment.some((e) => e.name === 'REDIS_CLUSTER_CREATOR' && /^(yes|true|1)$/i.test(e.value ?? ''));
}
