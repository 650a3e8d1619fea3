import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { memoryChartFs } from '../../../server/src/core/helm/chart';
import { helmStaticFindings, templateFindings, type HelmResult } from '../../../server/src/core/helm/static';
import { parseYaml } from '../../../server/src/core/documents/yaml';
import { CHART_YAML, chartFiles, DEPLOYMENT, HELPERS, lines, VALUES } from './charts';

/** The findings on `path` of a chart in memory at /w/c, with `files` (relative paths) over the default chart. */
function findings(path: string, files: Record<string, string>, ruleId?: string): HelmResult[] {
  const all = chartFiles('/w/c', { 'Chart.yaml': CHART_YAML, 'values.yaml': VALUES, 'templates/deployment.yaml': DEPLOYMENT, 'templates/_helpers.tpl': HELPERS, ...files });
  const text = all[`/w/c/${path}`];
  const doc = /\.ya?ml$/.test(path) && !path.startsWith('templates/') ? parseYaml(text) : undefined;
  return helmStaticFindings({ path: `/w/c/${path}`, text }, doc?.root, memoryChartFs(all)).filter((f) => !ruleId || f.ruleId === ruleId);
}

/** The text a finding is placed on. */
const placed = (f: HelmResult, text: string) => text.slice(f.at.start, f.at.end);
const lineOf = (f: HelmResult, text: string) => text.slice(0, f.at.start).split('\n').length;

const TAGGED = (tag: string) => VALUES.replace('  tag: ""', `  tag: ${tag}`);
const PLAIN_TAG_TEMPLATE = DEPLOYMENT.replace(' | default .Chart.AppVersion', '');

describe('helm static: image tags in values.yaml', () => {
  it("reports 'latest' on the tag line of values.yaml, names the template, and points at its image line", () => {
    const values = TAGGED('latest');
    const [f, ...rest] = findings('values.yaml', { 'values.yaml': values }, 'unpinned-image');
    assert.equal(rest.length, 0);
    assert.equal(placed(f, values), 'latest');
    assert.equal(f.message, "'image.tag' sets the moving tag 'latest' for the images of deployment.yaml: what runs changes from one pull to the next; pin a version tag, or best a digest (@sha256:...)");
    assert.equal(f.via, 'static');
    assert.equal(f.related?.[0].path, '/w/c/templates/deployment.yaml');
    assert.equal(f.related?.[0].range?.start.line, 24);
  });

  it("finds nothing for a CI build number in a cloud account's registry (ECR), and reports a bare number on a public or mirrored vendor image", () => {
    const values = (repository: string) => TAGGED('14').replace(/repository: .*/, `repository: ${repository}`);
    assert.deepEqual(findings('values.yaml', { 'values.yaml': values('291041007391.dkr.ecr.ap-southeast-1.amazonaws.com/ecommerce/auth') }, 'unpinned-image'), []);
    assert.match(findings('values.yaml', { 'values.yaml': values('acme/auth') }, 'unpinned-image')[0]?.message ?? '', /sets the moving tag '14'/);
    assert.match(findings('values.yaml', { 'values.yaml': values('291041007391.dkr.ecr.ap-southeast-1.amazonaws.com/mirror/postgres') }, 'unpinned-image')[0]?.message ?? '', /sets the moving tag '14'/);
  });

  it('finds nothing for an empty tag when the template falls back to a pinned appVersion', () => {
    assert.deepEqual(findings('values.yaml', {}, 'unpinned-image'), []);
  });

  it('reads AppVersion written with a capital (Helm matches Chart.yaml fields whatever their case)', () => {
    assert.deepEqual(findings('values.yaml', { 'Chart.yaml': 'apiVersion: v2\nname: c\nversion: 1.0.0\nAppVersion: "v1.27.17"\n' }, 'unpinned-image'), []);
  });

  it('reports an empty tag that falls back to an appVersion of latest, or to a Chart.yaml without one', () => {
    const [f] = findings('values.yaml', { 'Chart.yaml': 'apiVersion: v2\nname: c\nversion: 1.0.0\nappVersion: latest\n' }, 'unpinned-image');
    assert.match(f.message, /^'image\.tag' is empty, so the images of deployment\.yaml take the chart's appVersion 'latest' as their tag, a moving tag/);
    const [g] = findings('values.yaml', { 'Chart.yaml': 'apiVersion: v2\nname: c\nversion: 1.0.0\n' }, 'unpinned-image');
    assert.match(g.message, /Chart\.yaml has none/);
  });

  it('reports an empty tag without a fallback: the template writes the colon, so the reference is invalid', () => {
    const [f] = findings('values.yaml', { 'templates/deployment.yaml': PLAIN_TAG_TEMPLATE }, 'unpinned-image');
    assert.equal(placed(f, VALUES), '""');
    assert.match(f.message, /^'image\.tag' is empty and the templates give it no fallback \(such as default \.Chart\.AppVersion\): the images of deployment\.yaml render as '<repository>:'/);
  });

  it('reports an empty tag when one of two templates reading it has no fallback', () => {
    const [f, ...rest] = findings('values.yaml', { 'templates/worker.yaml': PLAIN_TAG_TEMPLATE }, 'unpinned-image');
    assert.equal(rest.length, 0);
    assert.match(f.message, /^'image\.tag' is empty and the templates give it no fallback .*the images of deployment\.yaml and worker\.yaml render as/);
    assert.deepEqual(f.related?.map((r) => r.path), ['/w/c/templates/deployment.yaml', '/w/c/templates/worker.yaml']);
  });

  it('reports a tag missing from values.yaml at its image key, and not when another values file leaves it out', () => {
    const values = VALUES.replace('  tag: ""\n', '');
    const [f] = findings('values.yaml', { 'values.yaml': values, 'templates/deployment.yaml': PLAIN_TAG_TEMPLATE }, 'unpinned-image');
    assert.equal(placed(f, values), 'image');
    assert.match(f.message, /^'image\.tag' is not set/);
    assert.deepEqual(findings('values-prod.yaml', { 'values-prod.yaml': 'replicaCount: 3\n', 'templates/deployment.yaml': PLAIN_TAG_TEMPLATE }, 'unpinned-image'), []);
  });

  it('reports latest set by another values file (values-prod.yaml overrides the tag)', () => {
    const [f] = findings('values-prod.yaml', { 'values-prod.yaml': 'image:\n  tag: latest\n' }, 'unpinned-image');
    assert.match(f.message, /^'image\.tag' sets the moving tag 'latest'/);
  });

  it('reports latest once, in values.yaml, when another values file restates it, and in the other file when it sets it alone', () => {
    const base = TAGGED('latest');
    assert.deepEqual(findings('values-dev.yaml', { 'values.yaml': base, 'values-dev.yaml': 'image:\n  repository: web\n  tag: latest\n' }, 'unpinned-image'), []);
    assert.equal(findings('values.yaml', { 'values.yaml': base, 'values-dev.yaml': 'image:\n  tag: latest\n' }, 'unpinned-image').length, 1);
    assert.equal(findings('values-dev.yaml', { 'values-dev.yaml': 'image:\n  tag: latest\n' }, 'unpinned-image').length, 1);
  });

  it('leaves alone an image whose repository is empty too: the deploy fills in the whole image (--set image.repository=...)', () => {
    const values = VALUES.replace('repository: ghcr.io/acme/shop', 'repository: ""');
    assert.deepEqual(findings('values.yaml', { 'values.yaml': values, 'templates/deployment.yaml': PLAIN_TAG_TEMPLATE }, 'unpinned-image'), []);
    assert.equal(findings('values.yaml', { 'templates/deployment.yaml': PLAIN_TAG_TEMPLATE }, 'unpinned-image').length, 1);
  });

  it('leaves alone an image pulled never (pullPolicy: Never beside the tag, or imagePullPolicy: Never in the template): a local build loaded into the node', () => {
    assert.deepEqual(findings('values.yaml', { 'values.yaml': TAGGED('latest').replace('pullPolicy: IfNotPresent', 'pullPolicy: Never') }, 'unpinned-image'), []);
    const template = lines('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: local', 'spec:', '  containers:', '    - name: app', '      image: email-service:latest', '      imagePullPolicy: Never', '    - name: side', '      image: busybox');
    const found = templateFindings('/w/c/templates/pod.yaml', template).filter((f) => f.ruleId === 'unpinned-image');
    assert.deepEqual(found.map((f) => template.slice(f.at.start, f.at.end)), ['busybox']);
  });

  it('reports a value that is the tag without being called tag (robot-shop: image.version)', () => {
    const values = lines('image:', '  repo: robotshop', '  version: latest');
    const template = DEPLOYMENT.replace(/image: ".*"/, 'image: {{ .Values.image.repo }}/rs-cart:{{ .Values.image.version }}');
    const [f] = findings('values.yaml', { 'values.yaml': values, 'templates/deployment.yaml': template, 'templates/web.yaml': template.replace('rs-cart', 'rs-web') }, 'unpinned-image');
    assert.equal(lineOf(f, values), 3);
    assert.match(f.message, /^'image\.version' sets the moving tag 'latest' for the images of deployment\.yaml and web\.yaml/);
  });

  it('reports a whole image value without a tag, and not one with a version or a digest', () => {
    const template = DEPLOYMENT.replace(/image: ".*"/, 'image: {{ .Values.image }}');
    const [f] = findings('values.yaml', { 'values.yaml': 'image: nginx\n', 'templates/deployment.yaml': template }, 'unpinned-image');
    assert.equal(f.message, "Image 'nginx' ('image', written by deployment.yaml) has no tag (it means latest): what runs changes from one pull to the next; pin a version tag, or best a digest (@sha256:...)");
    assert.deepEqual(findings('values.yaml', { 'values.yaml': 'image: nginx:1.27.1\n', 'templates/deployment.yaml': template }, 'unpinned-image'), []);
    assert.deepEqual(findings('values.yaml', { 'values.yaml': 'image: nginx@sha256:0123456789abcdef\n', 'templates/deployment.yaml': template }, 'unpinned-image'), []);
  });

  it('finds nothing for latest when a digest value pins the image', () => {
    const template = DEPLOYMENT.replace(/image: ".*"/, 'image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}@{{ .Values.image.digest }}"');
    const values = TAGGED('latest').replace('  pullPolicy', '  digest: sha256:0123456789abcdef0123456789abcdef\n  pullPolicy');
    assert.deepEqual(findings('values.yaml', { 'values.yaml': values, 'templates/deployment.yaml': template }, 'unpinned-image'), []);
  });

  it('reports the {repository, tag} pattern no template of the chart reads (values of a dependency), once', () => {
    const values = lines('postgresql:', '  image:', '    repository: bitnami/postgresql', '    tag: latest', 'redis:', '  image:', '    repository: bitnami/redis', '    tag: 7.2.4');
    const f = findings('values.yaml', { 'values.yaml': values }, 'unpinned-image');
    assert.deepEqual(f.map((x) => x.message.replace(/:.*/, '')), ["'postgresql.image.tag' sets the moving tag 'latest' for image 'bitnami/postgresql'"]);
  });

  it('leaves alone the images and resources of a block the values switch off (volumePermissions, metrics: enabled: false), unless another values file turns it on', () => {
    const values = lines('volumePermissions:', '  enabled: false', '  image:', '    repository: bitnami/os-shell', '    tag: latest', 'metrics:', '  enabled: false', '  exporter:', '    image:', '      repository: bitnami/redis-exporter', '      tag: latest', 'sidecar:', '  enabled: true', '  image:', '    repository: acme/sidecar', '    tag: latest');
    const f = findings('values.yaml', { 'values.yaml': values }, 'unpinned-image');
    assert.deepEqual(f.map((x) => x.message.replace(/:.*/, '')), ["'sidecar.image.tag' sets the moving tag 'latest' for image 'acme/sidecar'"]);
    const prod = findings('values-prod.yaml', { 'values.yaml': values, 'values-prod.yaml': lines('metrics:', '  enabled: true', '  exporter:', '    image:', '      repository: bitnami/redis-exporter', '      tag: edge') }, 'unpinned-image');
    assert.deepEqual(prod.map((x) => x.message.replace(/:.*/, '')), ["'metrics.exporter.image.tag' sets the moving tag 'edge' for image 'bitnami/redis-exporter'"]);
  });

  it('checks the {repository, tag} pattern without the chart (an unsaved values file)', () => {
    const f = helmStaticFindings({ path: 'values.yaml', text: TAGGED('latest') }, parseYaml(TAGGED('latest')).root);
    assert.deepEqual(f.map((x) => x.ruleId), ['unpinned-image']);
  });

  it('leaves a tag that is itself a template expression alone', () => {
    assert.deepEqual(findings('values.yaml', { 'values.yaml': TAGGED('"{{ .Chart.AppVersion }}"') }, 'unpinned-image'), []);
  });
});

describe('helm static: resources in values.yaml', () => {
  it('reports resources: {} that a template hands to toYaml, on the resources key (information)', () => {
    const values = VALUES.replace(/resources:\n(  .*\n)+/, 'resources: {}\n');
    const [f, ...rest] = findings('values.yaml', { 'values.yaml': values }, 'missing-resource-limits');
    assert.equal(rest.length, 0);
    assert.equal(placed(f, values), 'resources');
    assert.equal(f.severity, undefined, 'the rule default (information) applies');
    assert.equal(f.message, "'resources' gives the containers of deployment.yaml no memory limit and no resource requests: a leak in them can take the node and its neighbours down (OOM kills elsewhere); set limits.memory and requests here");
  });

  it('leaves alone resources: {} of a block switched off (metrics.enabled: false) that a template hands to toYaml', () => {
    const template = DEPLOYMENT.replace('resources:', 'resources:\n            {{- toYaml .Values.metrics.resources | nindent 12 }}\n          x-resources:');
    const values = `${VALUES}metrics:\n  enabled: false\n  resources: {}\n`;
    assert.deepEqual(findings('values.yaml', { 'values.yaml': values, 'templates/deployment.yaml': template }, 'missing-resource-limits'), []);
    const on = `${VALUES}metrics:\n  enabled: true\n  resources: {}\n`;
    assert.equal(findings('values.yaml', { 'values.yaml': on, 'templates/deployment.yaml': template }, 'missing-resource-limits').length, 1);
  });

  it('reports limits without memory (podinfo: limits left empty) and requests missing, each alone', () => {
    const noMemory = VALUES.replace('  limits:\n    memory: 256Mi\n', '  limits:\n');
    assert.match(findings('values.yaml', { 'values.yaml': noMemory }, 'missing-resource-limits')[0].message, /gives the containers of deployment\.yaml no memory limit: /);
    const noRequests = VALUES.replace(/  requests:\n(    .*\n)+/, '');
    assert.match(findings('values.yaml', { 'values.yaml': noRequests }, 'missing-resource-limits')[0].message, /no resource requests: the scheduler cannot place them/);
  });

  it('finds nothing with a memory limit and requests, for resources no template reads, or in another values file', () => {
    assert.deepEqual(findings('values.yaml', {}, 'missing-resource-limits'), []);
    const unused = VALUES.replace(/resources:\n(  .*\n)+/, 'resources: {}\n');
    assert.deepEqual(findings('values.yaml', { 'values.yaml': unused, 'templates/deployment.yaml': DEPLOYMENT.replace('toYaml .Values.resources', 'toYaml .Values.other') }, 'missing-resource-limits'), []);
    assert.deepEqual(findings('values-prod.yaml', { 'values-prod.yaml': 'resources: {}\n' }, 'missing-resource-limits'), [], 'maps merge into values.yaml: an empty one takes nothing away');
  });

  it('reads per-component resources (web.resources) scoped with with', () => {
    const template = DEPLOYMENT.replace('{{- toYaml .Values.resources | nindent 12 }}', '{{- with .Values.web.resources }}{{ toYaml . | nindent 12 }}{{- end }}');
    const values = lines('web:', '  resources: {}');
    const [f] = findings('values.yaml', { 'values.yaml': values, 'templates/deployment.yaml': template }, 'missing-resource-limits');
    assert.match(f.message, /^'web\.resources' gives/);
  });
});

describe('helm static: probes switched off in values', () => {
  it('reports readinessProbe.enabled: false (warning) and livenessProbe.enabled: false (information) on the flag', () => {
    const values = lines('primary:', '  readinessProbe:', '    enabled: false', '    periodSeconds: 10', '  livenessProbe: {enabled: false}', '  startupProbe:', '    enabled: false');
    const template = DEPLOYMENT.replace('          livenessProbe:', '          {{- if .Values.primary.livenessProbe.enabled }}\n          livenessProbe:');
    const f = findings('values.yaml', { 'values.yaml': values, 'templates/deployment.yaml': template }, 'missing-healthcheck');
    assert.deepEqual(f.map((x) => [placed(x, values), lineOf(x, values), x.severity]), [['false', 3, undefined], ['false', 5, 'information']]);
    assert.equal(f[0].message, "'primary.readinessProbe.enabled' is false: the containers it configures get no readinessProbe, so their Service sends traffic to pods that are not ready yet (at start-up, during a rollout) and keeps sending it when they hang");
    assert.equal(f[1].message, "'primary.livenessProbe.enabled' is false: the containers of deployment.yaml get no livenessProbe: a hung process is never restarted");
  });

  it('reads probes.readiness.enabled too, and finds nothing for enabled probes', () => {
    assert.equal(findings('values.yaml', { 'values.yaml': lines('probes:', '  readiness:', '    enabled: "false"') }, 'missing-healthcheck').length, 1);
    assert.deepEqual(findings('values.yaml', { 'values.yaml': lines('readinessProbe:', '  enabled: true', 'readiness:', '  enabled: false') }, 'missing-healthcheck'), [], 'readiness outside probes: is not a probe');
  });
});

describe('helm static: templates', () => {
  const workload = (body: string[], kind = 'Deployment') => lines('apiVersion: apps/v1', `kind: ${kind}`, 'metadata:', '  name: web', 'spec:', '  template:', '    spec:', '      containers:', '        - name: web', '          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"', ...body);
  const ports = ['          ports:', '            - containerPort: 8080'];
  const resources = ['          resources:', '            {{- toYaml .Values.resources | nindent 12 }}'];

  it('reports a served Deployment template with no probe at all on its containers: line (warning)', () => {
    const text = workload([...ports, ...resources]);
    const [f, ...rest] = templateFindings('/w/c/templates/web.yaml', text);
    assert.equal(rest.length, 0);
    assert.equal(f.ruleId, 'missing-healthcheck');
    assert.equal(placed(f, text), 'containers');
    assert.equal(lineOf(f, text), 8);
    assert.equal(f.severity, undefined);
    assert.equal(f.message, "Container 'web' of Deployment 'web' has no readinessProbe and no livenessProbe: its Service sends traffic to pods that are not ready yet (at start-up, during a rollout) and keeps sending it when they hang");
  });

  it('counts the probes of a values map the container writes with toYaml (`.Values.healthCheck | toYaml`), and reports one without them', () => {
    const text = workload([...ports, ...resources, '          {{- if .Values.healthCheck }}', '          {{- .Values.healthCheck | toYaml | nindent 10 }}', '          {{- end }}']);
    const values = (probes: string[]) => parseYaml(['healthCheck:', ...probes].join('\n') + '\n').root;
    const both = values(['  livenessProbe:', '    httpGet: {path: /health, port: 8888}', '  readinessProbe:', '    httpGet: {path: /health, port: 8888}']);
    assert.deepEqual(templateFindings('/w/c/templates/web.yaml', text, both), []);
    const none = values(['  initialDelaySeconds: 5']);
    assert.match(templateFindings('/w/c/templates/web.yaml', text, none)[0].message, /no readinessProbe and no livenessProbe/);
  });

  it('leaves a load generator alone (named so through values, or running Locust), and asks a telemetry collector for liveness only', () => {
    const named = (name: string, extra: string[] = [], image = 'acme/app:1.0.0') => lines('apiVersion: apps/v1', 'kind: Deployment', 'metadata:', `  name: ${name}`, 'spec:', '  template:', '    spec:', '      containers:', '        - name: main', `          image: ${image}`, ...ports, ...extra);
    const values = parseYaml('loadGenerator:\n  name: loadgenerator\n').root;
    assert.deepEqual(templateFindings('/w/c/templates/lg.yaml', named('{{ .Values.loadGenerator.name }}'), values), []);
    assert.deepEqual(templateFindings('/w/c/templates/users.yaml', named('users-sim', ['          command: [locust, "--autostart"]', ...resources])), []);
    const collector = templateFindings('/w/c/templates/otel.yaml', named('collector', resources, 'otel/opentelemetry-collector-contrib:0.157.0'));
    assert.deepEqual(collector.map((f) => [f.ruleId, f.severity]), [['missing-healthcheck', 'information']]);
    assert.deepEqual(templateFindings('/w/c/templates/app.yaml', named('orders', resources)).map((f) => [f.ruleId, f.severity]), [['missing-healthcheck', undefined]]);
  });

  it("names the container by its own name, not by an env entry's name, when its list item opens with another key", () => {
    const text = lines('apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: details', 'spec:', '  template:', '    spec:', '      containers:', '        - image: acme/details:1.0.0', '          env:', '            - name: OTEL_RESOURCE_ATTRIBUTES', '              value: service.name=details', '          name: details', ...ports, ...resources);
    assert.match(templateFindings('/w/c/templates/details.yaml', text)[0].message, /^Container 'details' of Deployment 'details' has no readinessProbe/);
    const unnamed = lines('apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: details', 'spec:', '  template:', '    spec:', '      containers:', '        - image: acme/details:1.0.0', '          env:', '            - name: OTEL_RESOURCE_ATTRIBUTES', ...ports, ...resources);
    assert.match(templateFindings('/w/c/templates/details.yaml', unnamed)[0].message, /^The container of Deployment 'details'/);
  });

  it('reports a worker without ports or a Service in its template only for the liveness probe (information)', () => {
    const [f] = templateFindings('/w/c/templates/worker.yaml', workload(resources, 'StatefulSet'));
    assert.equal(f.severity, 'information');
    assert.match(f.message, /^Container 'web' of StatefulSet 'web' has no livenessProbe: a hung process is never restarted$/);
  });

  it('counts a Service written in the same template as traffic, ports or not', () => {
    const text = workload(resources) + '---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n';
    assert.equal(templateFindings('/w/c/templates/web.yaml', text)[0].severity, undefined);
  });

  it('finds nothing with a readinessProbe and a livenessProbe, a probe helper, or probes from values', () => {
    const t = (body: string[]) => templateFindings('/w/c/templates/web.yaml', workload([...ports, ...resources, ...body])).filter((f) => f.ruleId === 'missing-healthcheck');
    assert.deepEqual(t(['          readinessProbe: {tcpSocket: {port: 8080}}', '          livenessProbe: {tcpSocket: {port: 8080}}']), []);
    assert.deepEqual(t(['          {{- include "common.probes" . | nindent 10 }}']), []);
    assert.deepEqual(t(['          {{- with .Values.readinessProbe }}', '          readinessProbe: {{- toYaml . | nindent 12 }}', '          {{- end }}', '          {{- toYaml .Values.livenessProbe | nindent 10 }}']), []);
  });

  it('finds nothing for containers that come whole from values or a helper, a Job, or an HPA naming a Deployment', () => {
    const fromValues = lines('apiVersion: apps/v1', 'kind: Deployment', 'spec:', '  template:', '    spec:', '      containers:', '        {{- toYaml .Values.containers | nindent 8 }}');
    assert.deepEqual(templateFindings('/w/c/templates/a.yaml', fromValues), []);
    assert.deepEqual(templateFindings('/w/c/templates/b.yaml', fromValues.replace('{{- toYaml .Values.containers | nindent 8 }}', '{{- include "app.containers" . | nindent 8 }}')), []);
    assert.deepEqual(templateFindings('/w/c/templates/job.yaml', workload(resources, 'Job')), []);
    const hpa = lines('apiVersion: autoscaling/v2', 'kind: HorizontalPodAutoscaler', 'spec:', '  scaleTargetRef:', '    kind: Deployment', '    name: web');
    assert.deepEqual(templateFindings('/w/c/templates/hpa.yaml', hpa), []);
  });

  it('reports a container with no resources at all (information), and not one with resources from values', () => {
    const f = templateFindings('/w/c/templates/web.yaml', workload([...ports, '          readinessProbe: {}', '          livenessProbe: {}']));
    assert.deepEqual(f.map((x) => [x.ruleId, x.message.replace(/:.*/, '')]), [['missing-resource-limits', "Container 'web' of Deployment 'web' has no memory limit and no resource requests"]]);
  });

  it('names a workload by the value its name comes from when values.yaml has it', () => {
    const text = workload(resources).replace('  name: web', '  name: {{ .Values.web.name }}').replace('- name: web', '- name: {{ .Values.web.name }}-main');
    const values = parseYaml('web:\n  name: storefront\n').root;
    const [f] = templateFindings('/w/c/templates/web.yaml', text, values);
    assert.match(f.message, /^The container of Deployment 'storefront' has/);
    assert.match(templateFindings('/w/c/templates/web.yaml', text)[0].message, /^The container of the Deployment of this template has/);
  });

  it('reports each workload of a template with several documents on its own containers: line', () => {
    const text = workload([...ports, ...resources]) + '---\n' + workload([...ports, ...resources, '          readinessProbe: {}', '          livenessProbe: {}']) + '---\n' + workload([...ports, ...resources]);
    assert.deepEqual(templateFindings('/w/c/templates/web.yaml', text).map((f) => lineOf(f, text)), [8, 40]);
  });

  it('reports an image tag written in the template: latest, a moving one, or none; not a version, a digest or a value', () => {
    const text = lines(
      'containers:',
      '  - image: redis:latest',
      '  - image: "{{ .Values.images.repository }}/redis:alpine"',
      '  - image: giantswarm/tiny-tools',
      '  - image: redis:7.2.4',
      '  - image: redis:alpine@sha256:8096655e437712b07503796fb64d81359256cfcff0ab29d95a7da72863786efb',
      '  - image: {{ .Values.image.repository }}:{{ .Values.image.tag }}',
    );
    const f = templateFindings('/w/c/templates/pod.yaml', text);
    assert.deepEqual(f.map((x) => placed(x, text)), ['redis:latest', '{{ .Values.images.repository }}/redis:alpine', 'giantswarm/tiny-tools']);
    assert.equal(f[0].message, "Image 'redis:latest' uses the moving tag 'latest': what runs changes from one pull to the next; pin a version tag, or best a digest (@sha256:...)");
    assert.match(f[2].message, /has no tag \(it means latest\)/);
  });

  it('reads no findings from a helper file or from NOTES.txt', () => {
    assert.deepEqual(helmStaticFindings({ path: '/w/c/templates/_helpers.tpl', text: 'image: nginx:latest\n' }, undefined, memoryChartFs({})), []);
    assert.deepEqual(helmStaticFindings({ path: '/w/c/templates/NOTES.txt', text: 'image: nginx:latest\n' }, undefined, memoryChartFs({})), []);
  });
});

describe('helm static: helm test hooks', () => {
  const testPod = (annotation: string) => lines('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: "{{ include "c.fullname" . }}-test-connection"', '  annotations:', `    ${annotation}`, 'spec:', '  containers:', '    - name: wget', '      image: busybox', "      command: ['wget']", '  restartPolicy: Never');

  it("leaves a helm test hook's pod alone (it runs once under helm test and serves nothing)", () => {
    assert.deepEqual(findings('templates/tests/test-connection.yaml', { 'templates/tests/test-connection.yaml': testPod('"helm.sh/hook": test') }), []);
    assert.deepEqual(findings('templates/tests/t.yaml', { 'templates/tests/t.yaml': testPod('helm.sh/hook: test-success') }), []);
  });

  it('reports the same untagged image in a pod that is not a test hook', () => {
    const found = findings('templates/job.yaml', { 'templates/job.yaml': testPod('"helm.sh/hook": pre-install') }, 'unpinned-image');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /busybox/);
  });
});

describe('helm static: Chart.yaml', () => {
  it("reports an appVersion of latest that a template uses as its image tag, and not one it doesn't use", () => {
    const template = DEPLOYMENT.replace(/image: ".*"/, 'image: acme/shop:{{ .Chart.AppVersion }}');
    const chart = 'apiVersion: v2\nname: c\nversion: 1.0.0\nappVersion: latest\n';
    const [f] = findings('Chart.yaml', { 'Chart.yaml': chart, 'templates/deployment.yaml': template });
    assert.equal(placed(f, chart), 'latest');
    assert.match(f.message, /^appVersion 'latest' is the tag of the images of deployment\.yaml, a moving tag/);
    assert.deepEqual(findings('Chart.yaml', { 'Chart.yaml': chart }), [], 'helm create falls back to it only when image.tag is empty: the values file reports that');
  });

  it('finds nothing for a Chart.yaml without templates', () => {
    assert.deepEqual(helmStaticFindings({ path: '/w/lib/Chart.yaml', text: 'name: lib\nappVersion: latest\n' }, parseYaml('name: lib\nappVersion: latest\n').root, memoryChartFs({ '/w/lib/Chart.yaml': 'name: lib\nappVersion: latest\n' })), []);
  });
});

