import { holdsSharedData, isComposeBuildName, isDatastoreTool } from '../compose/images';
import type { Edge, ServiceNode, WorkspaceModel } from '../workspace/model';
import { list } from './observability/entry';
import type { Report, Rule } from './types';
import { inDevelopmentSetup } from './composeModel';

interface User {
  service: ServiceNode;
  databases: Set<string>;
  edges: Edge[];
}

/** The database of a user that names none on a MongoDB server: its own, unknown (never shared with another's). */
const UNKNOWN = '\0unknown:';
const cap = (s: string) => s[0].toUpperCase() + s.slice(1);
/** The users' names, each once (copies of one workload in several folders share a name). */
const names = (us: User[]) => [...new Set(us.map((u) => u.service.name))].map((n) => `'${n}'`).join(', ').replace(/, ([^,]*)$/, ' and $1');

/** What usersOf reads of the whole model, computed once per check (a file may hold thousands of datastores). */
interface ModelEdges {
  byId: Map<string, ServiceNode>;
  into: Map<string, Edge[]>;
  /** Services whose configuration names a connection, and those among them that name a datastore. */
  talks: Set<string>;
  usesAStore: Set<string>;
}

function modelEdges(model: WorkspaceModel): ModelEdges {
  const byId = new Map(model.services.map((s) => [s.id, s]));
  const into = new Map<string, Edge[]>();
  const talks = new Set<string>();
  const usesAStore = new Set<string>();
  for (const e of model.edges) {
    (into.get(e.to) ?? into.set(e.to, []).get(e.to)!).push(e);
    if (e.source === 'depends_on') continue;
    talks.add(e.from);
    if (byId.get(e.to)?.datastore) usesAStore.add(e.from);
  }
  return { byId, into, talks, usesAStore };
}

/** The services that connect to a datastore, with the databases they name (its default when none). */
function usersOf(m: ModelEdges, store: ServiceNode): User[] {
  const users = new Map<string, User>();
  for (const e of m.into.get(store.id) ?? []) {
    const from = m.byId.get(e.from);
    // A service with neither image nor build cannot run (a leftover in a variant file): it uses nothing.
    // Nor does a box that only idles (an admin CLI a person runs migrations in): its application is the user.
    if (!from || from.datastore || from.idles || isDatastoreTool(from.image?.value) || (!from.image && !from.build)) continue;
    let u = users.get(from.id);
    if (!u) users.set(from.id, (u = { service: from, databases: new Set(), edges: [] }));
    u.edges.push(e);
    if (e.database) u.databases.add(e.database);
  }
  // MongoDB drivers choose the database in code (client.Database(name)), not in the URL: a user that names none has
  // an unknown one, not the image's default.
  // A vendor's server keeps its data in a database of its own name unless told otherwise (Temporal: `temporal`).
  const fallback = (u: User) => (store.datastore?.kind === 'mongo' ? `${UNKNOWN}${u.service.id}` : (vendorDatabase(u.service.image?.value) ?? store.databases[0] ?? '(default)'));
  // depends_on alone is not use for a service whose configuration names its connections and no datastore among
  // them: a gateway or a BFF that lists its upstreams only waits for the database at start-up.
  for (const u of [...users.values()]) {
    if (u.edges.every((e) => e.source === 'depends_on') && m.talks.has(u.service.id) && !m.usesAStore.has(u.service.id)) users.delete(u.service.id);
  }
  for (const u of users.values()) {
    if (!u.databases.size) u.databases.add(fallback(u));
    // depends_on says the service uses the datastore; a connection string says where: point at the latter.
    if (u.edges.some((e) => e.source !== 'depends_on')) u.edges = u.edges.filter((e) => e.source !== 'depends_on');
    else u.edges = u.edges.slice(0, 1); // the same depends_on in an override or variant file says nothing new
  }
  return [...users.values()];
}

/** The database a vendor's server creates and uses by default, by its image. */
function vendorDatabase(image: string | undefined): string | undefined {
  if (!image) return undefined;
  if (/(^|\/)temporalio\/(auto-setup|server)(:|@|$)/i.test(image)) return 'temporal';
  if (/(^|\/)keycloak(\/keycloak)?(:|@|$)/i.test(image)) return 'keycloak';
  return undefined;
}

const ROLE = /^(api|apis|web|www|app|server|service|svc|worker|workers|master|reader|readers|writer|writers|backgroundtasks|background|jobs?|tasks?|consumer|scheduler|cron|alert|alerts|migrations?|migrate|schema|db|database|init|initializer|setup|grpc|http|admin|ui|tests?|functional|unit|integration|e2e)$/;

/** 'ordering-api' and 'ordering.backgroundtasks' -> 'ordering': the name without trailing role words. */
function stem(name: string): string {
  const parts = name.toLowerCase().split(/[-_.]/);
  while (parts.length > 1 && ROLE.test(parts[parts.length - 1])) parts.pop();
  return parts.join('-');
}

/**
 * How many owners the users are: services built from the same code (build context or image), or named as parts
 * of one service (ordering-api and ordering-backgroundtasks), are one owner running several processes.
 */
function codebases(users: User[], built: ServiceNode[] = []): number {
  const parent = users.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  // Each user joins the first user with its code and the first with its stem (linear, not once per pair).
  const firstCode = new Map<string, number>();
  const firstStem = new Map<string, number>();
  users.forEach((u, i) => {
    const image = u.service.image?.value;
    // A service that runs the image another one builds (`image: api_dev` beside `build: ./api` with `image: api_dev`) runs its code.
    const code = u.service.sourceDir ?? (image && built.find((b) => isComposeBuildName(image, b.name) || b.image?.value === image)?.sourceDir) ?? image ?? u.service.id;
    const st = stem(u.service.name);
    for (const [first, key] of [[firstCode, code], [firstStem, st]] as const) {
      const j = first.get(key);
      if (j === undefined) first.set(key, i);
      else parent[find(i)] = find(j);
    }
  });
  return new Set(users.map((_, i) => find(i))).size;
}

function related(users: User[], database?: string): Report['related'] {
  return users.flatMap((u) =>
    u.edges
      .filter((e) => !database || !e.database || e.database === database)
      .map((e) => ({ path: e.location.path, range: e.location.range, message: `'${u.service.name}' connects here (${e.via})` })),
  );
}

export const sharedDatabase: Rule = {
  id: 'shared-database',
  kinds: ['compose', 'kubernetes'],
  defaultSeverity: 'warning',
  title: 'Two or more services use the same database',
  description:
    'Each service should own its data: a database written by several services couples their schemas, deployments and failures. Give each service its own database (or at least its own schema and credentials) and share data through APIs or events.',
  check(ctx) {
    const model = ctx.model;
    if (!model) return [];
    const reports: Report[] = [];
    let edges: ModelEdges | undefined;
    for (const store of model.services) {
      const kind = store.datastore;
      if (!kind || store.location.path !== ctx.source.path) continue;
      if (!holdsSharedData(kind.category)) continue;
      const users = usersOf((edges ??= modelEdges(model)), store);
      const built = model.services.filter((x) => x.sourceDir && x.project === store.project);
      if (codebases(users, built) < 2) continue;
      const at = { start: store.location.start, end: store.location.end };
      const what = `${kind.kind} datastore '${store.name}'`;
      const shared = new Map<string, User[]>();
      for (const u of users) for (const db of u.databases) (shared.get(db) ?? shared.set(db, []).get(db)!).push(u);
      const sameDb = kind.category === 'database' ? [...shared].filter(([, us]) => codebases(us, built) >= 2) : [];
      for (const [db, us] of sameDb) {
        reports.push({
          message: `Database '${db}' on ${what} is shared by ${names(us)}: each service should own its data (database per service); share it through an API or events instead`,
          at,
          related: related(us, db),
        });
      }
      // Which services share a server or a cache is a question of layout, which a developer's machine does not settle.
      if (sameDb.length || (ctx.source.kind === 'compose' && inDevelopmentSetup(ctx))) continue;
      const detail = list(users.map((u) => `'${u.service.name}' (${[...u.databases].map((d) => (d.startsWith(UNKNOWN) ? 'a database its code chooses' : d)).join(', ')})`), 6);
      const why = kind.category === 'cache' ? 'a shared cache couples their keys, memory and eviction' : 'separate databases, but one server couples their capacity, availability and upgrades';
      reports.push({ message: `${cap(what)} is a shared server: used by ${detail}; ${why}`, at, severity: 'information', related: related(users) });
    }
    return reports;
  },
};
