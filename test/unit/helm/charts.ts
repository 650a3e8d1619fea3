// Helm charts as texts, for the helm tests: a chart in the layout `helm create` makes, and helpers to lay one out in
// memory or on disk.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const lines = (...ls: string[]) => ls.join('\n') + '\n';

export const CHART_YAML = lines('apiVersion: v2', 'name: shop', 'version: 0.1.0', 'appVersion: "1.4.2"');

/** A Deployment template with the usual Helm constructs: include | nindent, .Values, if/with/range blocks. */
export const DEPLOYMENT = lines(
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: {{ include "shop.fullname" . }}',
  '  labels:',
  '    {{- include "shop.labels" . | nindent 4 }}',
  'spec:',
  '  {{- if not .Values.autoscaling.enabled }}',
  '  replicas: {{ .Values.replicaCount }}',
  '  {{- end }}',
  '  selector:',
  '    matchLabels:',
  '      {{- include "shop.selectorLabels" . | nindent 6 }}',
  '  template:',
  '    metadata:',
  '      {{- with .Values.podAnnotations }}',
  '      annotations:',
  '        {{- toYaml . | nindent 8 }}',
  '      {{- end }}',
  '      labels:',
  '        {{- include "shop.selectorLabels" . | nindent 8 }}',
  '    spec:',
  '      containers:',
  '        - name: {{ .Chart.Name }}',
  '          image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"',
  '          imagePullPolicy: {{ .Values.image.pullPolicy }}',
  '          ports:',
  '            - name: http',
  '              containerPort: {{ .Values.service.port }}',
  '          {{- range .Values.extraEnv }}',
  '          env:',
  '            - name: {{ .name }}',
  '              value: {{ .value | quote }}',
  '          {{- end }}',
  '          livenessProbe:',
  '            httpGet: {path: /, port: http}',
  '          readinessProbe:',
  '            httpGet: {path: /, port: http}',
  '          resources:',
  '            {{- toYaml .Values.resources | nindent 12 }}',
);

export const HELPERS = lines(
  '{{- define "shop.fullname" -}}',
  '{{- if .Values.fullnameOverride }}',
  '{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}',
  '{{- else }}',
  '{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" }}',
  '{{- end }}',
  '{{- end }}',
);

export const VALUES = lines(
  'replicaCount: 1',
  'image:',
  '  repository: ghcr.io/acme/shop',
  '  pullPolicy: IfNotPresent',
  '  # Overrides the image tag whose default is the chart appVersion.',
  '  tag: ""',
  'service:',
  '  port: 80',
  'resources:',
  '  limits:',
  '    memory: 256Mi',
  '  requests:',
  '    cpu: 100m',
  '    memory: 128Mi',
  'autoscaling:',
  '  enabled: false',
);

/** The files of a chart under `dir`, by absolute path. */
export function chartFiles(dir: string, files: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(files).map(([rel, text]) => [`${dir}/${rel}`, text]));
}

/** Writes the files (relative path -> text or bytes) under a new temporary folder; returns its path. */
export function onDisk(files: Record<string, string | Uint8Array>): string {
  const root = mkdtempSync(join(tmpdir(), 'ba-helm-'));
  for (const [rel, content] of Object.entries(files)) {
    const p = join(root, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, content);
  }
  return root;
}

// ---------------------------------------------------------------------------------------------------------------
// Rendering with fake helm executables

/** A Deployment without probes; its image tag comes from values. */
export const RENDER_TEMPLATE = lines(
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: {{ include "shop.fullname" . }}',
  'spec:',
  '  template:',
  '    spec:',
  '      containers:',
  '        - name: {{ .Chart.Name }}',
  '          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"',
  '          ports:',
  '            - containerPort: 8080',
  '          resources:',
  '            {{- toYaml .Values.resources | nindent 12 }}',
);

export const RENDER_VALUES = lines('image:', '  repository: ghcr.io/acme/shop', '  tag: "1.4.2"', 'resources:', '  limits: {memory: 256Mi}', '  requests: {cpu: 100m, memory: 128Mi}');

/** What helm prints for it, as if a parent chart had set the tag to latest. */
export const RENDERED_DEPLOYMENT = lines(
  '---',
  '# Source: shop/templates/deployment.yaml',
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: release-name-shop',
  'spec:',
  '  template:',
  '    spec:',
  '      containers:',
  '        - name: shop',
  '          image: "ghcr.io/acme/shop:latest"',
  '          ports:',
  '            - containerPort: 8080',
  '          resources:',
  '            limits: {memory: 256Mi}',
  '            requests: {cpu: 100m, memory: 128Mi}',
);

/** A fake helm in `bin` (a shell script) that appends a line to `<bin>/<name>.ran` each time it runs, then does `body`. */
export function fakeHelm(bin: string, name: string, body: string): string {
  const p = join(bin, name);
  writeFileSync(p, `#!/bin/sh\necho run >> "${bin}/${name}.ran"\n${body}\n`);
  chmodSync(p, 0o755);
  return p;
}

/** How many times the fake helm `name` in `bin` ran. */
export function helmRuns(bin: string, name: string): number {
  const marks = join(bin, `${name}.ran`);
  return existsSync(marks) ? readFileSync(marks, 'utf8').split('\n').filter(Boolean).length : 0;
}
