import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { actionsOf, definesOf, documentsOf, fallbackOf, imageLines, maskActions, resourcesRefs, tagSource, valuesRefs } from '../../../server/src/core/helm/template';
import { DEPLOYMENT, HELPERS, lines } from './charts';

describe('helm template text', () => {
  it('reads actions with their trims and leaves comments out', () => {
    const text = '{{- include "x" . | nindent 4 }} a {{/* note */}} {{ .Values.a -}}';
    assert.deepEqual(actionsOf(text).map((a) => a.code), ['include "x" . | nindent 4', '.Values.a']);
    assert.equal(maskActions('a{{ b }}c').length, 'a{{ b }}c'.length);
    assert.equal(maskActions('a{{ b }}c').replace(/\0/g, ''), 'ac');
  });

  it('reads the .Values paths of an action, with $.Values and inside parentheses', () => {
    assert.deepEqual(valuesRefs('.Values.image.tag | default .Chart.AppVersion'), [['image', 'tag']]);
    assert.deepEqual(valuesRefs('printf "%s:%s" $.Values.a.repo (.Values.a.tag | toString)'), [['a', 'repo'], ['a', 'tag']]);
    assert.deepEqual(valuesRefs('.Release.Name'), []);
  });

  it('reads what an action falls back to: appVersion, a literal, required, or something it cannot tell', () => {
    assert.deepEqual(fallbackOf('.Values.image.tag | default .Chart.AppVersion'), { kind: 'appVersion' });
    assert.deepEqual(fallbackOf('default .Chart.AppVersion .Values.image.tag'), { kind: 'appVersion' });
    assert.deepEqual(fallbackOf('.Values.image.tag | default "1.2.3"'), { kind: 'literal', value: '1.2.3' });
    assert.deepEqual(fallbackOf('required "set image.tag" .Values.image.tag'), { kind: 'required' });
    assert.deepEqual(fallbackOf('.Values.image.tag | default .Values.global.tag'), { kind: 'unknown' });
    assert.equal(fallbackOf('.Values.image.tag'), undefined);
  });

  it('splits a template into documents at --- lines', () => {
    assert.deepEqual(documentsOf('a: 1\n---\nb: 2\n--- # x\nc: 3\n').map((d) => d.text.trim()), ['a: 1', 'b: 2', 'c: 3']);
  });

  it('reads define bodies across nested if/end blocks', () => {
    const defines = definesOf([HELPERS, '{{- define "shop.image" -}}\n{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}\n{{- end }}\n']);
    assert.match(defines.get('shop.fullname')!, /printf "%s-%s"/);
    assert.match(defines.get('shop.fullname')!, /\{\{- end \}\}\n$/, 'the inner end belongs to the if');
    assert.equal(defines.get('shop.image')!.trim(), '{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}');
  });

  it('reads the resources paths handed to toYaml or scoped with with', () => {
    const text = lines('resources:', '  {{- toYaml .Values.web.resources | nindent 2 }}', '{{- with .Values.worker.resources }}', '{{- end }}', '{{ toYaml .Values.web.env }}');
    assert.deepEqual(resourcesRefs(text), [['web', 'resources'], ['worker', 'resources']]);
  });

  describe('where an image tag comes from', () => {
    const src = (value: string, defines?: Map<string, string>) => tagSource(value, new Map(), defines);

    it('a value after the colon, with the default .Chart.AppVersion fallback (helm create)', () => {
      assert.deepEqual(src('{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}'), { kind: 'value', path: ['image', 'tag'], fallback: { kind: 'appVersion' }, colon: true, digestPaths: [] });
    });

    it('a value not named tag after the colon (robot-shop: image.version)', () => {
      const s = src('{{ .Values.image.repo }}/rs-cart:{{ .Values.image.version }}');
      assert.deepEqual(s, { kind: 'value', path: ['image', 'version'], fallback: undefined, colon: true, digestPaths: [] });
    });

    it('a registry prefix in an if block before the name (sock shop)', () => {
      const s = src('{{if .Values.global.registry}}{{ .Values.global.registry }}/{{end}}{{ .Values.sessiondb.image.repo }}:{{ .Values.sessiondb.image.tag }}');
      assert.equal(s.kind, 'value');
      assert.deepEqual(s.kind === 'value' && s.path, ['sessiondb', 'image', 'tag']);
    });

    it('a literal tag, none, or a digest written in the template', () => {
      assert.deepEqual(src('{{ .Values.images.repository }}/redis:alpine'), { kind: 'literal', tag: 'alpine' });
      assert.deepEqual(src('giantswarm/tiny-tools'), { kind: 'literal', tag: '' });
      assert.deepEqual(src('{{ .Values.registry }}/busybox'), { kind: 'literal', tag: '' });
      assert.deepEqual(src('redis:alpine@sha256:8096655e437712b07503796fb64d81359256cfcff0ab29d95a7da72863786efb'), { kind: 'digest' });
      assert.deepEqual(src('registry.local:5000/app:1.2.3'), { kind: 'literal', tag: '1.2.3' }, 'a registry port is not a tag');
    });

    it('a whole image from one value, a helper the chart defines, or a helper it does not', () => {
      assert.deepEqual(src('{{ .Values.image }}'), { kind: 'image', path: ['image'], fallback: undefined, digestPaths: [] });
      const defines = new Map([['shop.image', '{{ printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) }}']]);
      assert.deepEqual(src('{{ include "shop.image" . }}', defines), { kind: 'value', path: ['image', 'tag'], fallback: { kind: 'appVersion' }, colon: true, digestPaths: [] });
      assert.deepEqual(src('{{ include "common.images.image" (dict "imageRoot" .Values.image "global" .Values.global) }}'), { kind: 'unknown' });
      assert.deepEqual(src('{{ include "common.image" .Values.backend.image }}'), { kind: 'image', path: ['backend', 'image'], fallback: { kind: 'unknown' }, digestPaths: [] });
    });

    it('a tag in a $variable assigned earlier in the template', () => {
      const text = lines('{{- $tag := .Values.image.tag | default .Chart.AppVersion }}', 'containers:', '  - image: "{{ .Values.image.repository }}:{{ $tag }}"');
      const [line] = imageLines(text);
      assert.deepEqual(line.source, { kind: 'value', path: ['image', 'tag'], fallback: { kind: 'appVersion' }, colon: true, digestPaths: [] });
    });

    it('the chart appVersion itself', () => {
      assert.deepEqual(src('acme/shop:{{ .Chart.AppVersion }}'), { kind: 'appVersion' });
    });

    it('a digest value beside a tag value', () => {
      const s = src('{{ .Values.image.repository }}:{{ .Values.image.tag }}@{{ .Values.image.digest }}');
      assert.deepEqual(s.kind === 'value' && s.digestPaths, [['image', 'digest']]);
    });
  });

  it('finds image lines with quotes and comments removed, at their offsets', () => {
    const [line] = imageLines(DEPLOYMENT);
    assert.equal(DEPLOYMENT.slice(line.start, line.end), '{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}');
    const [c] = imageLines('      image: nginx:latest # pinned later\n');
    assert.equal(c.value, 'nginx:latest');
    assert.deepEqual(imageLines('image:\n  repository: x\n'), [], 'a key with its value on the next lines is not an image reference');
  });
});
