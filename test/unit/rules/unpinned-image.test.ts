import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findingsInWorkspace } from './workspaceHelpers';
import { systemFindings } from './serviceHelpers';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { findingsOf, lines } from './helpers';
import { runCases } from './composeCases';

const RULE = 'unpinned-image';
const img = (image: string) => lines('services:', '  app:', `    image: ${image}`);

describe(RULE, () => {
  runCases(RULE, [
    { name: 'reports an image without a tag', text: img('nginx'), expect: ["Image 'nginx' of 'app' has no tag (it means latest)"] },
    { name: 'reports latest', text: img('redis:latest'), expect: ["uses the moving tag 'latest'"] },
    { name: 'reports an image that several services of a file use once, naming them, and another image on its own', text: lines('services:', '  orders:', '    image: node:18-alpine', '  payment:', '    image: node:18-alpine', '  cache:', '    image: redis:latest'), expect: ["Image 'node:18-alpine' of 'orders' and 'payment' uses the moving tag '18-alpine'", "Image 'redis:latest' of 'cache' uses the moving tag 'latest'"] },
    { name: 'reports another moving tag', text: img('node:lts'), expect: ["uses the moving tag 'lts'"] },
    { name: 'reports a tag named for an environment (prod, staging), which each build of that environment moves', text: lines('services:', '  api:', '    image: acme/api:prod', '  web:', '    image: acme/web:staging'), expect: ["uses the moving tag 'prod'", "uses the moving tag 'staging'"] },
    { name: 'reports a variant tag without a version (management, community, head), which each release moves', text: lines('services:', '  mq:', '    image: rabbitmq:management', '  sonar:', '    image: sonarqube:community', '  portus:', '    image: opensuse/portus:head'), expect: ["uses the moving tag 'management'", "uses the moving tag 'community'", "uses the moving tag 'head'"] },
    { name: 'finds nothing for a variant tag with a version (3.13-management, 10.6-community)', text: lines('services:', '  mq:', '    image: rabbitmq:3.13.7-management', '  sonar:', '    image: sonarqube:10.6.0-community'), expect: [] },
    { name: 'reports a registry-prefixed image with a port and no tag', text: img('registry.example.com:5000/team/api'), expect: ['has no tag'] },
    { name: 'finds nothing for a version tag', text: img('postgres:16.4-alpine'), expect: [] },
    { name: 'finds nothing for a digest pin', text: img('postgres@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef'), expect: [] },
    { name: 'finds nothing when the tag comes from a variable', text: img('myorg/api:${TAG:-1.0}'), expect: [] },
    { name: 'finds nothing when the tag is a variable without braces that the deploy sets', text: img('myorg/zookeeper:$COMMON_VERSION'), expect: [] },
    { name: 'finds nothing when the tag is a braced variable without a default', text: img('"myorg/kafka:${KAFKA_VERSION}"'), expect: [] },
    { name: 'finds nothing when the whole image is a variable', text: img('$APP_IMAGE'), expect: [] },
    { name: 'reports a moving tag when only the registry is a variable', text: img('$REGISTRY/team/api:latest'), expect: ["Image '$REGISTRY/team/api:latest' of 'app' uses the moving tag 'latest'"] },
    { name: 'reports an image whose dollar sign is escaped, not a variable', text: img('myorg/api$$v'), expect: ["Image 'myorg/api$v' of 'app' has no tag"] },
    { name: 'reports a default that is a moving tag', text: img('myorg/api:${TAG:-latest}'), expect: ["uses the moving tag 'latest'"] },
    { name: 'finds nothing for a service built from source', text: lines('services:', '  app:', '    build: .'), expect: [] },
    { name: "finds nothing for the name compose gives another service's build (<project>_<service>), and reports an unrelated untagged image", text: lines('services:', '  api:', '    build: ./api', '  consumer:', '    image: shop_api', '  cache:', '    image: shop_cache'), expect: ["Image 'shop_cache' of 'cache' has no tag"] },
  ]);
});

describe(`${RULE} across the files of a project`, () => {
  it('reports an image written in a base and an override once, where the image that runs is written', async () => {
    const files = { '/w/compose.yaml': lines('services:', '  cache:', '    image: redis'), '/w/compose.override.yaml': lines('services:', '  cache:', '    image: redis:latest') };
    assert.deepEqual(await findingsInWorkspace(RULE, files), []);
    const found = await findingsInWorkspace(RULE, files, '/w/compose.override.yaml');
    assert.deepEqual(found.map((f) => f.message.split(':')[0]), ["Image 'redis"]);
  });
});

describe(`${RULE} across compose files of one folder`, () => {
  it('reports an image that variants of one stack (files run on their own) all leave unpinned once, in the first file, naming the others; an image of one file alone stays its own', async () => {
    const stack = (extra: string[]) => lines('services:', '  mongo:', '    image: mongo:latest', '  app:', '    image: acme/app:2.1.0', '    depends_on: [mongo]', ...extra);
    const files = { '/w/docker-compose.yml': stack([]), '/w/docker-compose.proxy.yml': stack(['  proxy:', '    image: acme/proxy:latest', '    depends_on: [app]']) };
    const found = await diskFindings(['unpinned-image'], Object.fromEntries(Object.entries(files).map(([p, t]) => [p.slice(3), t])));
    assert.deepEqual(found.map((f) => `${basename(f.path)} ${f.message.split(' uses')[0]}`), ["docker-compose.proxy.yml Image 'acme/proxy:latest' of 'proxy'", "docker-compose.yml Image 'mongo:latest' of 'mongo' (and in 1 other compose file of this folder)"]);
    assert.deepEqual(found[1].related?.map((r) => basename(r.path ?? '')), ['docker-compose.proxy.yml']);
  });

  it('reports the same service and image in a copy of the stack kept in another folder once; another service on that image in another folder stays its own', async () => {
    const stack = lines('services:', '  pgvector:', '    image: pgvector/pgvector', '  app:', '    image: acme/app:2.1.0', '    depends_on: [pgvector]');
    const found = await diskFindings(['unpinned-image'], { 'docker-compose.yml': stack, 'jeecg-boot/docker-compose.yml': stack, 'tools/docker-compose.yml': stack.replace('  pgvector:', '  vectors:').replace('[pgvector]', '[vectors]') });
    // A developer's copy of the stack (devenv/) is judged on its own, not grouped with the deployment's.
    const withDev = await diskFindings(['unpinned-image'], { 'docker-compose.yml': stack, 'devenv/docker-compose.yml': stack });
    assert.deepEqual(withDev.map((f) => f.path.split('/').slice(-2).join('/').replace(/^ba-own-images-\w+\//, '')).sort(), ['devenv/docker-compose.yml', 'docker-compose.yml']);
    const shown = (p: string) => p.split('/').slice(-2).join('/').replace(/^ba-own-images-\w+\//, '');
    assert.deepEqual(found.map((f) => `${shown(f.path)} ${f.message.split(' has')[0]}`), ["docker-compose.yml Image 'pgvector/pgvector' of 'pgvector' (and in 1 other compose file of this stack)", "tools/docker-compose.yml Image 'pgvector/pgvector' of 'vectors'"]);
  });
});

describe(`${RULE} of images skaffold builds, tagged in compose by a variable's default`, () => {
  it('skips ghcr.io/acme/auth:${AUTH_VERSION:-latest} when skaffold builds ghcr.io/acme/auth, and reports an image it does not build', async () => {
    const compose = lines('services:', '  auth:', "    image: 'ghcr.io/acme/auth:${AUTH_VERSION:-latest}'", '  mail:', "    image: 'ghcr.io/acme/mail:${MAIL_VERSION:-latest}'");
    const skaffold = lines('apiVersion: skaffold/v2beta26', 'kind: Config', 'build:', '  artifacts:', '    - image: ghcr.io/acme/auth', '      context: .');
    const found = await findingsInWorkspace(RULE, { '/w/compose.yaml': compose, '/w/skaffold.yaml': skaffold });
    assert.deepEqual(found.map((f) => f.message.split(' of ')[0]), ["Image 'ghcr.io/acme/mail:latest'"]);
  });
});

describe(`${RULE} of images that share one tag variable`, () => {
  it('reports the images whose tag is one variable\'s default once, naming them, and an image with its own tag apart', async () => {
    const compose = lines('services:', '  web:', '    image: acme/frontend:${APP_RELEASE:-stable}', '  api:', '    image: acme/backend:${APP_RELEASE:-stable}', '  worker:', '    image: acme/backend:${APP_RELEASE:-stable}', '  cache:', '    image: redis:latest');
    const found = await findingsInWorkspace(RULE, { '/w/compose.yaml': compose });
    assert.deepEqual(found.map((f) => f.message.split(': what')[0]), ["Images 'acme/frontend:stable' and 'acme/backend:stable' (their tag is the default of APP_RELEASE) of 'web', 'api' and 'worker' use the moving tag 'stable'", "Image 'redis:latest' of 'cache' uses the moving tag 'latest'"]);
  });
});

describe(`${RULE} of one product's images`, () => {
  it('reports the images of one product on one moving tag once (server and agent), and other products apart', async () => {
    const compose = lines('services:', '  server:', '    image: acmeci/acmeci-server:v3', '  agent:', '    image: acmeci/acmeci-agent:v3', '  loki:', '    image: grafana/loki:latest', '  grafana:', '    image: grafana/grafana:latest', '  old:', '    image: acmeci/acmeci-agent:v2');
    const found = await findingsInWorkspace(RULE, { '/w/compose.yaml': compose });
    assert.deepEqual(found.map((f) => f.message.split(': what')[0]), [
      "Images 'acmeci/acmeci-server:v3' and 'acmeci/acmeci-agent:v3' (one product, released together) of 'server' and 'agent' use the moving tag 'v3'",
      "Image 'grafana/loki:latest' of 'loki' uses the moving tag 'latest'",
      "Image 'grafana/grafana:latest' of 'grafana' uses the moving tag 'latest'",
      "Image 'acmeci/acmeci-agent:v2' of 'old' uses the moving tag 'v2'",
    ]);
  });

  it("reports one product's images written in several compose files of a folder once, in the first file", async () => {
    const compose = lines('services:', '  db:', '    image: shop/shop-db', '  api:', '    image: shop/shop-api');
    const found = await diskFindings(['unpinned-image'], { 'docker/docker-compose.default.yaml': compose, 'docker/docker-compose.https.yaml': compose });
    assert.deepEqual(found.map((f) => `${basename(f.path)} ${f.message.split(': what')[0]}`), ["docker-compose.default.yaml Images 'shop/shop-db' and 'shop/shop-api' (one product, released together) of 'db' and 'api' (and in 1 other compose file of this folder) have no tag (it means latest)"]);
  });
});

describe(`${RULE} of images the workspace's Maven build makes`, () => {
  const compose = lines('services:', '  orders:', '    image: acme/orders-service', '  gateway:', '    image: acme/gateway:latest', '  tracing:', '    image: openzipkin/zipkin');
  const module = (id: string) => lines('<project>', '  <parent><artifactId>shop</artifactId></parent>', `  <artifactId>${id}</artifactId>`, '  <dependencies><dependency><artifactId>spring-web</artifactId></dependency></dependencies>', '</project>');

  it("skips the images a parent POM tags per module (docker build -t ${prefix}/${project.artifactId}), and reports a pulled vendor image", async () => {
    const root = lines('<project>', '  <artifactId>shop</artifactId>', '  <modules><module>orders-service</module><module>gateway</module></modules>', '  <properties><docker.image.prefix>acme</docker.image.prefix></properties>', '  <build><plugins><plugin><artifactId>exec-maven-plugin</artifactId><configuration><arguments>', '    <argument>build</argument><argument>-t</argument>', '    <argument>${docker.image.prefix}/${project.artifactId}</argument>', '  </arguments></configuration></plugin></plugins></build>', '</project>');
    const found = await findingsInWorkspace(RULE, { '/w/compose.yaml': compose, '/w/pom.xml': root, '/w/orders-service/pom.xml': module('orders-service'), '/w/gateway/pom.xml': module('gateway') });
    assert.deepEqual(found.map((f) => f.message.split(' of ')[0]), ["Image 'openzipkin/zipkin'"]);
  });

  it("skips an image a module's Jib plugin names, and reports the images no build names (a property it cannot resolve, a commented-out plugin)", async () => {
    const root = lines('<project>', '  <artifactId>shop</artifactId>', '  <modules><module>orders-service</module></modules>', '</project>');
    const jib = lines('<project>', '  <artifactId>orders-service</artifactId>', '  <build><plugins><plugin><artifactId>jib-maven-plugin</artifactId>', '    <configuration><to><image>acme/${project.artifactId}:1.0</image></to></configuration>', '  </plugin></plugins></build>', '</project>');
    const found = await findingsInWorkspace(RULE, { '/w/compose.yaml': compose, '/w/pom.xml': root, '/w/orders-service/pom.xml': jib });
    assert.deepEqual(found.map((f) => f.message.split(' of ')[0]), ["Image 'acme/gateway:latest'", "Image 'openzipkin/zipkin'"]);
    const unresolved = jib.replace('acme/${project.artifactId}', '${registry}/${project.artifactId}');
    assert.equal((await findingsInWorkspace(RULE, { '/w/compose.yaml': compose, '/w/pom.xml': root, '/w/orders-service/pom.xml': unresolved })).length, 3);
    const commented = jib.replace('<to>', '<!-- <to>').replace('</to>', '</to> -->');
    assert.equal((await findingsInWorkspace(RULE, { '/w/compose.yaml': compose, '/w/pom.xml': root, '/w/orders-service/pom.xml': commented })).length, 3);
  });
});

describe(`${RULE} in a development setup`, () => {
  const dev = (image: string) => lines('services:', '  api:', '    build: ./api', '    command: npm run dev', '  db:', `    image: ${image}`);
  it('gives a version line (postgres:16) as a hint, and keeps latest and no tag as warnings', async () => {
    assert.deepEqual((await findingsOf(RULE, 'docker-compose.yml', dev('postgres:16'))).map((f) => f.severity), ['hint']);
    assert.deepEqual((await findingsOf(RULE, 'docker-compose.yml', dev('postgres:latest'))).map((f) => f.severity), ['warning']);
    assert.deepEqual((await findingsOf(RULE, 'docker-compose.yml', dev('postgres'))).map((f) => f.severity), ['warning']);
    // A tag with no version in it follows every major release, on a developer's machine too.
    assert.deepEqual((await findingsOf(RULE, 'docker-compose.yml', dev('redis:alpine'))).map((f) => f.severity), ['warning']);
    assert.deepEqual((await findingsOf(RULE, 'docker-compose.yml', dev('redis:7-alpine'))).map((f) => f.severity), ['hint']);
  });
  it('keeps a version line as a warning outside a development setup', async () => {
    const text = lines('services:', '  api:', '    build: ./api', '  db:', '    image: postgres:16');
    assert.deepEqual((await findingsOf(RULE, 'docker-compose.yml', text)).map((f) => f.severity), ['warning']);
  });
});

describe('unpinned-image reads the tag the project .env sets', () => {
  const compose = ['services:', '  api:', '    image: acme/api:${VERSION_TAG}', '  worker:', '    image: acme/worker:${WORKER_TAG}', ''].join('\n');
  it('reports a moving tag that .env sets for a variable, naming the variable, and leaves a variable it does not set to the deploy', async () => {
    const f = await systemFindings(['unpinned-image'], { '/w/docker-compose.yml': compose, '/w/.env': 'VERSION_TAG=latest-staging\n' });
    assert.equal(f.length, 1);
    assert.match(f[0].message, /^Image 'acme\/api:latest-staging' \(VERSION_TAG from the project's \.env\) of 'api' uses the moving tag 'latest-staging'/);
    assert.match(f[0].message, /VERSION_TAG from the project's \.env/);
  });
  it('reports the images that one variable of .env tags once, naming them, and an image tagged by another variable apart', async () => {
    const shared = compose + ['  mail:', '    image: acme/mail:${VERSION_TAG}', ''].join('\n');
    const f = await systemFindings(['unpinned-image'], { '/w/docker-compose.yml': shared, '/w/.env': 'VERSION_TAG=latest\nWORKER_TAG=edge\n' });
    assert.deepEqual(f.map((x) => x.message.split(': what')[0]), ["Images 'acme/api:latest' and 'acme/mail:latest' (their tag is VERSION_TAG from the project's .env) of 'api' and 'mail' use the moving tag 'latest'", "Image 'acme/worker:edge' (WORKER_TAG from the project's .env) of 'worker' uses the moving tag 'edge'"]);
  });
  it('reports nothing when .env pins the tag, or there is no .env', async () => {
    assert.deepEqual(await systemFindings(['unpinned-image'], { '/w/docker-compose.yml': compose, '/w/.env': 'VERSION_TAG=1.4.2\nWORKER_TAG=1.4.2\n' }), []);
    assert.deepEqual(await systemFindings(['unpinned-image'], { '/w/docker-compose.yml': compose }), []);
  });
});

describe("unpinned-image on the workspace's own images", () => {
  it('leaves a version label on an image named after a folder with a Dockerfile (alone or with a suffix); latest and others are still reported', async () => {
    const compose = lines('services:', '  orders:', '    image: acme/orders-service-with-tracing:v1', '  users:', '    image: acme/orders-service:latest', '  stock:', '    image: acme/stock:v1');
    const found = await diskFindings(['unpinned-image'], { 'orders-service/Dockerfile': 'FROM eclipse-temurin:21\n', 'deploy/docker-compose.yml': compose });
    assert.deepEqual(found.map((f) => f.message.split(' of ')[0]), ["Image 'acme/orders-service:latest'", "Image 'acme/stock:v1'"]);
    const manifest = lines('apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: orders}', 'spec:', '  template:', '    spec:', '      containers:', '        - name: orders', '          image: acme/orders-service-with-tracing:v1', '        - name: stock', '          image: acme/stock:v1');
    const kube = await diskFindings(['unpinned-image'], { 'orders-service/Dockerfile': 'FROM eclipse-temurin:21\n', 'k8s/orders.yaml': manifest });
    assert.deepEqual(kube.map((f) => /Image '([^']+)'/.exec(f.message)![1]), ['acme/stock:v1']);
  });

  it("takes the project's own image on a channel (:nightly) in a developer's setup for a hint, and keeps it a warning in a deployment", async () => {
    const compose = lines('services:', '  snuba:', '    image: ghcr.io/acme/snuba:nightly', '  redis:', '    image: redis:latest');
    const dev = await diskFindings(['unpinned-image'], { Dockerfile: 'FROM python:3.11\n', 'devenv/docker-compose.yml': compose }, 'snuba');
    assert.deepEqual(dev.map((f) => [/Image '([^']+)'/.exec(f.message)![1], f.severity]), [['ghcr.io/acme/snuba:nightly', 'hint'], ['redis:latest', 'warning']]);
    const deployed = await diskFindings(['unpinned-image'], { Dockerfile: 'FROM python:3.11\n', 'deploy/docker-compose.yml': compose }, 'snuba');
    assert.deepEqual(deployed.map((f) => f.severity), ['warning', 'warning']);
  });
});

/** Findings of `ruleIds` with the files written to a temporary folder (the rule reads the workspace's folders). */
async function diskFindings(ruleIds: string[], files: Record<string, string>, rootName?: string) {
  const root = rootName ? join(mkdtempSync(join(tmpdir(), 'ba-own-images-')), rootName) : mkdtempSync(join(tmpdir(), 'ba-own-images-'));
  for (const [p, t] of Object.entries(files)) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), t);
  }
  return systemFindings(ruleIds, Object.fromEntries(Object.entries(files).map(([p, t]) => [join(root, p), t])), {}, root);
}
