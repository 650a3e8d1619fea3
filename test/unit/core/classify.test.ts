import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CONFIG_FILE_NAME, classify, isComposeName, mayAnalyze, type FileKind } from '../../../server/src/core/documents/classify';

type Case = [name: string, path: string, text: string, kind: FileKind | undefined];

function table(cases: Case[]): void {
  for (const [name, path, text, kind] of cases) {
    it(name, () => assert.equal(classify(path, text), kind));
  }
}

describe('classify', () => {
  describe('OpenAPI by its top-level key', () => {
    table([
      ['classifies a YAML file with a top-level openapi 3.0 key as openapi', 'spec/api.yaml', 'openapi: 3.0.3\ninfo:\n  title: x\n', 'openapi'],
      ['classifies a YAML file with a top-level openapi 3.1 key as openapi', 'api.yml', 'openapi: 3.1.0\npaths: {}\n', 'openapi'],
      ['classifies a YAML file with a quoted openapi version as openapi', 'api.yaml', "openapi: '3.0.0'\n", 'openapi'],
      ['classifies a swagger 2.0 YAML file as openapi', 'petstore.yaml', 'swagger: "2.0"\ninfo: {}\n', 'openapi'],
      ['classifies a YAML spec whose openapi key follows comments as openapi', 'api.yaml', '# The shop API\n\nopenapi: 3.0.0\n', 'openapi'],
      ['classifies a YAML spec with CRLF line breaks as openapi', 'api.yaml', 'info:\r\n  title: x\r\nopenapi: 3.0.0\r\n', 'openapi'],
      ['classifies a JSON file with a top-level openapi key as openapi', 'api.json', '{\n  "openapi": "3.0.3",\n  "paths": {}\n}', 'openapi'],
      ['classifies a JSON file with a top-level openapi 3.1 key as openapi', 'api.json', '{"openapi":"3.1.0"}', 'openapi'],
      ['classifies a swagger 2.0 JSON file as openapi', 'swagger.json', '{ "swagger": "2.0", "info": {} }', 'openapi'],
      ['classifies a JSON spec whose openapi key is not the first key as openapi', 'api.json', '{"info": {"title": "x"}, "openapi": "3.0.0"}', 'openapi'],
      ['classifies a JSON spec that starts with a comment as openapi', 'api.json', '// generated\n{ /* v */ "openapi": "3.0.0" }', 'openapi'],
      ['classifies a BOM-prefixed YAML spec as openapi', 'api.yaml', '\ufeffopenapi: 3.0.0\npaths: {}\n', 'openapi'],
      ['classifies a BOM-prefixed JSON spec as openapi', 'api.json', '\ufeff{"openapi": "3.0.0"}', 'openapi'],
      ['classifies a YAML spec whose writer sorted its keys (components first, openapi far below 64 KB) as openapi', 'openapi.yml', `components:\n  schemas:\n${'    A: {type: string}\n'.repeat(4000)}info: {title: x}\nopenapi: 3.0.3\npaths: {}\n`, 'openapi'],
      ['classifies a JSON spec with sorted keys (openapi far below 64 KB) as openapi', 'openapi.json', `{"components": {"schemas": {${Array.from({ length: 3000 }, (_, i) => `"S${i}": {"type": "string"}`).join(', ')}}}, "openapi": "3.0.3", "paths": {}}`, 'openapi'],
      ['does not classify a long JSON file whose openapi key below 64 KB is nested', 'data.json', `{"rows": [${'"x", '.repeat(20000)}{"openapi": "3.0.0"}]}`, undefined],
      ['does not classify a long YAML file whose openapi key below 64 KB is indented', 'settings.yaml', `a:\n${'  b: 1\n'.repeat(12000)}  openapi: 3.0.0\n`, undefined],
      ['does not classify an indented openapi key that is not top-level', 'api.yaml', 'x-meta:\n  openapi: 3.0.0\n', undefined],
      ['does not classify a JSON openapi key nested in an object', 'api.json', '{"info": {"openapi": "3.0.0"}}', undefined],
      ['does not classify a JSON openapi key nested in an array', 'api.json', '[{"openapi": "3.0.0"}]', undefined],
      ['does not classify a JSON file where openapi is a value, not a key', 'tools.json', '{"generator": "openapi", "version": "3.0.0"}', undefined],
      ['does not classify an openapi key with a version that is not 2.x or 3.x', 'api.yaml', 'openapi: 1.0.0\n', undefined],
      ['does not classify a key that only starts with openapi', 'api.yaml', 'openapi-generator: 3.0.0\n', undefined],
    ]);
  });

  describe('compose files by name', () => {
    const names = [
      'compose.yaml',
      'compose.yml',
      'docker-compose.yml',
      'docker-compose.yaml',
      'docker-compose.prod.yml',
      'docker-compose-dev.yml',
      'compose.override.yaml',
      'x.compose.yaml',
      'deploy/prod.compose.yml',
      'Docker-Compose.YML',
    ];
    for (const name of names) {
      it(`classifies ${name} as compose whatever its content`, () => assert.equal(classify(name, ''), 'compose'));
    }
    const notCompose = ['composer.yaml', 'my-compose.yml', 'compose.json', 'docker-compose.txt'];
    for (const name of notCompose) {
      it(`does not treat ${name} as a compose file by name`, () => {
        assert.equal(isComposeName(name), false);
        assert.equal(classify(name, 'a: 1\n'), undefined);
      });
    }
    it('judges a name that only starts with compose- by its content: a Kubernetes manifest of a compose-post service, or a compose file', () => {
      assert.equal(isComposeName('openshift/compose-post-service.yaml'), false);
      assert.equal(classify('openshift/compose-post-service.yaml', '---\napiVersion: v1\nkind: Service\nmetadata:\n  name: compose-post-service\n'), 'kubernetes');
      assert.equal(classify('compose-dev-backend.yml', 'services:\n  api:\n    image: acme/api:1.0.0\n'), 'compose');
    });
  });

  describe('compose files by shape', () => {
    table([
      ['classifies a YAML file with a top-level services map of images as compose', 'stack.yml', 'services:\n  web:\n    image: nginx\n', 'compose'],
      ['classifies a YAML file with a top-level services map of builds as compose', 'infra/app.yaml', 'version: "3.9"\nservices:\n  api:\n    build: ./api\n', 'compose'],
      ['does not classify a services list without images or builds as compose', 'stack.yml', 'services:\n  - a\n  - b\n', undefined],
      ['does not classify a JSON file with services as compose', 'stack.json', '{"services": {"web": {"image": "nginx"}}}', undefined],
      ['classifies compose with an anchor after services', 'stack.yml', 'services: &svc\n  web:\n    image: nginx\n', 'compose'],
      ['classifies compose with a comment after services and comments among the services', 'deploy/prod.yml', 'services:   # the app\n  # the front\n  web:\n    image: nginx\n', 'compose'],
      ['classifies compose with CRLF line ends', 'stack.yml', 'services:\r\n  web:\r\n    image: nginx\r\n', 'compose'],
      ['classifies an override file of services without image or build', 'prod.yml', 'services:\n  web:\n    environment:\n      DEBUG: "0"\n    ports:\n      - "80:80"\n', 'compose'],
      ['classifies services that take their image from an x- extension', 'stack.yml', 'x-base: &base\n  image: shop/app\nservices:\n  web:\n    <<: *base\n', 'compose'],
      ['does not classify a workflow whose job has services', 'ci.yml', 'on: push\njobs:\n  test:\n    services:\n      db:\n        image: postgres\n        ports: ["5432:5432"]\n', undefined],
      ['does not classify a GitLab CI file with a services list and a top-level image', 'ci.yml', 'services:\n  - postgres:16\n\nimage: node:20\n', undefined],
      ['does not classify a Woodpecker pipeline whose steps have service sidecars', 'scan.yaml', 'when:\n  event: push\nsteps:\n  scan:\n    image: trivy\nservices:\n  server:\n    image: trivy\n    environment:\n      A: b\n    ports:\n      - 8080\n', undefined],
      ['does not classify a Drone pipeline with services as compose', 'ci.yml', 'kind: pipeline\ntype: docker\nsteps:\n- name: test\n  image: golang\nservices:\n  db:\n    image: postgres\n    ports: ["5432:5432"]\n    environment:\n      A: b\n', undefined],
      ['does not classify a services map whose entries are not services', 'clients.yml', 'services:\n  billing:\n    url: http://billing\n    timeout: 3\n', undefined],
      ['does not classify a file that ends at services:', 'stack.yml', 'name: x\nservices:\n', undefined],
    ]);
  });

  describe('service code by extension', () => {
    table([
      ['classifies .py as python', 'app/main.py', '', 'python'],
      ['classifies an upper-case .PY as python', 'MAIN.PY', '', 'python'],
      ['classifies .ts as typescript', 'src/a.ts', '', 'typescript'],
      ['classifies .tsx as typescript', 'src/a.tsx', '', 'typescript'],
      ['classifies .mts as typescript', 'a.mts', '', 'typescript'],
      ['classifies .cts as typescript', 'a.cts', '', 'typescript'],
      ['classifies .js as javascript', 'a.js', '', 'javascript'],
      ['classifies .mjs as javascript', 'a.mjs', '', 'javascript'],
      ['classifies .cjs as javascript', 'a.cjs', '', 'javascript'],
      ['classifies .jsx as javascript', 'a.jsx', '', 'javascript'],
      ['classifies .go as go', 'cmd/main.go', '', 'go'],
      ['classifies .java as java', 'Main.java', '', 'java'],
      ['classifies code by extension even when its text looks like OpenAPI', 'spec.py', 'openapi: 3.0.0\n', 'python'],
    ]);
  });

  describe('the config file and unknown files', () => {
    table([
      ['classifies the config file at the root as config', CONFIG_FILE_NAME, 'rules: {}\n', 'config'],
      ['classifies the config file in a folder as config', 'sub/dir/.backend-architect.yaml', '', 'config'],
      ['does not classify a YAML file that is neither OpenAPI, compose nor a manifest', 'settings.yaml', 'replicas: 3\n', undefined],
      ['classifies a YAML file with a top-level apiVersion and kind as a Kubernetes manifest', 'k8s/app.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\n', 'kubernetes'],
      ['classifies a manifest stream whose first document is a comment as Kubernetes', 'all.yml', '# generated\n---\napiVersion: v1\nkind: Service\n', 'kubernetes'],
      ['classifies kustomization.yaml as Kubernetes whatever its content', 'overlays/prod/kustomization.yaml', 'resources: [../../base]\n', 'kubernetes'],
      ['classifies a chart template with template actions as Helm, never as YAML to parse', 'chart/templates/deployment.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include "x.fullname" . }}\n', 'helm'],
      ['classifies a manifest with Go template actions outside templates/ as Helm', 'deploy/app.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Values.name }}\n', 'helm'],
      ['classifies Chart.yaml and a values file as Helm', 'chart/values.yaml', 'replicaCount: 1\n', 'helm'],
      ['does not take an indented kind for a manifest', 'x.yaml', 'spec:\n  apiVersion: v1\n  kind: Thing\n', undefined],
      ['does not classify a JSON file that is not OpenAPI', 'package.json', '{"name": "x"}', undefined],
      ['does not classify markdown even if it mentions openapi', 'README.md', 'openapi: 3.0.0\n', undefined],
      ['does not classify a file without an extension', 'Dockerfile', 'FROM node\n', undefined],
      ['does not classify a .yml config file with the wrong extension as config', '.backend-architect.yml', 'rules: {}\n', undefined],
    ]);
  });

  describe('mayAnalyze', () => {
    const cases: [string, boolean][] = [
      ['a.py', true],
      ['a.yaml', true],
      ['a.yml', true],
      ['a.json', true],
      ['a.TS', true],
      ['a.md', false],
      ['a.png', false],
      ['Makefile', false],
    ];
    for (const [path, expected] of cases) {
      it(`${expected ? 'accepts' : 'rejects'} ${path} by its name alone`, () => assert.equal(mayAnalyze(path), expected));
    }
  });
});
