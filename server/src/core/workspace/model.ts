/**
 * The workspace model: a graph of the system built from its deployment sources (compose files, Kubernetes
 * manifests with Kustomize) and its services' own code and config. Editor-free and plain data (JSON-serialisable), for rules, the chat tools and `backend-architect graph`.
 * Every fact carries the place it was found: an absolute path, UTF-16 offsets and a 0-based line/character range.
 */
import type { DatastoreCategory, DatastoreKind } from '../compose/images';
import type { Range } from '../text/lineIndex';
import type { BrokerFamily } from '../code/messaging/types';

export type { DatastoreCategory, DatastoreKind, BrokerFamily };

export interface Location {
  path: string;
  start: number;
  end: number;
  range: Range;
}

/** A located string value (an environment variable, a port, a volume ...). */
export interface Located<T = string> {
  value: T;
  location: Location;
}

export interface EnvVar {
  name: string;
  /** After interpolation with the project `.env`; undefined when only the shell would supply it. */
  value?: string;
  /** As written in the file, before interpolation. */
  raw?: string;
  location: Location;
  /** The same key and value in other ConfigMaps of the same name (a copy in another folder's manifests). */
  also?: Location[];
  /** Where it comes from: the service's `environment`, an `env_file`, or a Kubernetes ConfigMap or Secret. */
  from: 'environment' | 'env_file' | 'configmap' | 'secret';
}

export interface DependsOn {
  service: string;
  condition?: string;
  location: Location;
}

/** One container of a Kubernetes workload, as the rules need it. */
export interface KubeContainer {
  name: string;
  /** The container's `name` value (or its first key): where a finding about it lands. */
  location: Location;
  image?: Located;
  readiness?: Location;
  liveness?: Location;
  /** `resources.limits` keys (memory, cpu) and whether `resources.requests` sets anything. */
  limits: string[];
  requests: boolean;
  ports: { port: number; name?: string; hostPort?: Location }[];
  /** `imagePullPolicy: Never`: the image is built into or loaded onto the node (a local cluster), never pulled. */
  neverPulled?: true;
  /** Kustomize overlays that change this container: probes or a memory limit they add, images they set. */
  patchedBy: { path: string; readiness: boolean; liveness: boolean; memoryLimit: boolean; requests: boolean }[];
}

/** What a Kubernetes workload adds to a service: its kind, replicas and how traffic reaches it. */
export interface KubeWorkload {
  kind: string;
  namespace?: string;
  /** `spec.replicas` as written (absent means 1), and the most any overlay's patch sets. */
  replicas?: Located<number>;
  patchedReplicas?: number;
  /** `minReplicas` of a HorizontalPodAutoscaler that targets it. */
  autoscalerMin?: Located<number>;
  disruptionBudget?: Location;
  /** The Services that select its pods: name, type and where the type (or the name) is written. */
  services: { name: string; type: string; location: Location }[];
  /** Ingress backends that route to one of those Services. */
  ingresses: Location[];
  containers: KubeContainer[];
  /** Volumes its containers write to that live beyond the pod: PersistentVolumeClaims, hostPath, volumeClaimTemplates. */
  persistent: { kind: 'persistentVolumeClaim' | 'hostPath' | 'volumeClaimTemplate'; name: string; location: Location }[];
  /** For a variant of a workload written in several folders: where its primary copy is named. */
  variantOf?: Location;
  /** An OpenTelemetry operator annotation on the pod template (`instrumentation.opentelemetry.io/inject-java`). */
  instrumentation?: Located;
}

export interface ServiceNode {
  /** Unique in the model: the service name, prefixed with its project (or folder) when two share a name. */
  id: string;
  name: string;
  /** Absolute path of the project's main compose file, or of the folder of a Kubernetes workload's manifests. */
  project: string;
  /** Which source declared it; undefined for compose (the first source). */
  origin?: 'kubernetes';
  /** For a Kubernetes workload: its kind, replicas, Services, containers and volumes. */
  workload?: KubeWorkload;
  /** The service's key in the first file that defines it; `definitions` lists each file's key. */
  location: Location;
  definitions: Location[];
  image?: Located;
  /** A compose image written with variables that the project's `.env` sets: the variables it sets (name -> value). */
  imageFromDotenv?: Record<string, string>;
  build?: { context: string; dockerfile?: string; /** The Dockerfile stage it builds (`build.target`); the last stage when unset. */ target?: string; location: Location };
  /** The build context directory (absolute), where the service's own code and config live. */
  sourceDir?: string;
  /** Names it answers to on the network: its name, container_name, hostname and network aliases. */
  hostnames: string[];
  /** Other names this service resolves itself: compose `extra_hosts` and link aliases, Kubernetes `hostAliases`. */
  extraHosts?: string[];
  environment: EnvVar[];
  /** Set when the environment holds variables the model cannot list: an `env_file` it cannot read, an `envFrom` of an unknown ConfigMap or Secret. */
  environmentOpen?: true;
  ports: Located[];
  expose: Located[];
  volumes: Located[];
  dependsOn: DependsOn[];
  healthcheck?: { location: Location; disabled: boolean };
  restart?: Located;
  /** `deploy.resources.limits` keys present (memory, cpus), and `mem_limit`/`cpus` at service level. */
  limits: string[];
  deploy?: Location;
  profiles: string[];
  /** A health route its code declares ('/health', '/actuator/health'), for an HTTP healthcheck. */
  healthRoute?: string;
  /** A built compose service that runs the host's source tree (its Dockerfile's WORKDIR mounted, a dev server started by its script). */
  fromSource?: true;
  /** A built compose service whose Dockerfile's final stage is a reverse proxy's image (nginx, Traefik, HAProxy...). */
  reverseProxy?: true;
  /** A compose service whose command only keeps the container alive (`tail -f /dev/null`): it runs nothing by itself. */
  idles?: true;
  /** A built compose service whose package is a server-rendered web front end (Next.js, Nuxt, SvelteKit, Remix, Astro): it calls other applications per request; or a compose service configured only with browser-bundle variables (`REACT_APP_*`, `VITE_*`), whose browser calls them. Either needs them started, not healthy. */
  webFrontEnd?: true;
  /** The image the final stage of a built compose service's Dockerfile starts from (`FROM mariadb:10.3`). */
  baseImage?: string;
  /** The wait loops of the scripts its command runs (`while ! nc -z db 3306`), with its environment filled in. */
  startupWaits?: string;
  /** Set when the service runs a datastore (from its image, or the final FROM of its Dockerfile). */
  datastore?: { kind: DatastoreKind; category: DatastoreCategory; via: 'image' | 'dockerfile' | 'manifest'; image: string };
  /** Databases a datastore holds: named by its own environment or by the services connecting to it. */
  databases: string[];
  /** Non-blank lines of code in its build context (tests and vendored code left out). */
  codeLines?: number;
}

export type EdgeSource = 'depends_on' | 'environment' | 'env_file' | 'code' | 'config' | 'configmap' | 'secret';

/** A service talks to another: found in `depends_on`, an environment value, or its own code/config files. */
export interface Edge {
  from: string;
  to: string;
  source: EdgeSource;
  /** The database named (URL path, JDBC database, `*_DB` variable); undefined when not named. */
  database?: string;
  /** What was read: the variable or key name, or `depends_on`. Never a secret. */
  via: string;
  location: Location;
}

/** A folder of code that runs an HTTP server but that no compose service builds. */
export interface CodeService {
  dir: string;
  language: string;
  location: Location;
}

/** A producer or consumer of a topic or queue, found in a service's code (producer -> topic -> consumer). */
export interface MessagingEndpoint {
  service: string;
  role: 'producer' | 'consumer';
  broker: BrokerFamily;
  /** The client library or framework (kafkajs, pika, Spring @RabbitListener, ...). */
  library: string;
  /** The topic, queue, stream, subject or task; undefined when the code does not name it with a literal. */
  topic?: string;
  /** The datastore service that runs the broker, when the model has it. */
  brokerService?: string;
  location: Location;
}

/** Where a service's code or config routes failed messages somewhere or bounds their redelivery. */
export interface DeadLetterEvidence {
  service: string;
  /** What was found: `x-dead-letter-exchange`, `DeadLetterPublishingRecoverer`, `RedrivePolicy`, ... */
  what: string;
  location: Location;
}

export interface WorkspaceModel {
  root?: string;
  /** Every compose service, datastores included, in project then file order. */
  services: ServiceNode[];
  edges: Edge[];
  codeServices: CodeService[];
  /**
   * Main compose file of each project -> every file the project read or looked for (compose, .env, env_file,
   * Dockerfiles). `development`: the project's folder builds an application that starts it for development
   * (Spring Boot's docker-compose support), so it is no deployment.
   */
  projects: { main: string; files: string[]; development?: true }[];
  /** What a source could not assemble (a kustomization naming a missing file, a loop): one per file that causes it. */
  problems?: { location: Location; message: string }[];
  /** Kustomize `images` entries: an image's tag or digest set by an overlay. */
  imageOverrides?: { name: string; newName?: string; newTag?: string; digest?: string; location: Location }[];
  /** Kubernetes objects written again in another file: their findings are on the original only. */
  duplicates?: { path: string; start: number }[];
  /** Hosts whose failing endpoints a service mesh ejects (Istio DestinationRule outlierDetection): calls to them have a breaker. */
  meshBreakers?: { host: string; location: Location }[];
  /** Files that Kustomize applies as patches: partial objects, not resources of their own. */
  patchFiles?: string[];
  /** Images a build tool of the workspace builds and tags at deploy time (skaffold, Tilt, compose `build`). */
  builtImages?: string[];
  /** Producers and consumers of topics and queues in the services' code. */
  messaging?: MessagingEndpoint[];
  /** Dead-letter queues, redrive policies and bounded redelivery configured in the services' code and config. */
  deadLetters?: DeadLetterEvidence[];
  /** Every Kubernetes Service, whatever it selects (ExternalName and selector-less ones too). */
  kubeServices?: KubeServiceEntry[];
  /** Folders of manifests whose routes serve only test or local host names (`*.test`, `*.localhost`): a local cluster's. */
  localRouteFolders?: string[];
}

/** A Kubernetes Service as callers see it: its DNS names and the ports it forwards (undefined: any port, as for headless and ExternalName). */
export interface KubeServiceEntry {
  name: string;
  namespace?: string;
  hostnames: string[];
  ports?: number[];
  location: Location;
}

export function datastores(model: WorkspaceModel): ServiceNode[] {
  return model.services.filter((s) => s.datastore);
}

export function serviceById(model: WorkspaceModel, id: string): ServiceNode | undefined {
  return model.services.find((s) => s.id === id);
}
