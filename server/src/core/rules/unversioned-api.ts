import { entries, get, items, str } from '../documents/tree';
import { isSwagOutput } from '../openapi/codeFolder';
import { paramsOf, specOf } from '../openapi/spec';
import type { Rule } from './types';

/** `/v1`, `/v2.1`, `/api/v3/`, `/2023-01-01/`, `/1.0/` — a version segment of a URL or path. */
export const VERSION_SEGMENT = /(^|[/.])v\d+([._]\d+)*([/.?-]|$)|\/\d+(\.\d+)+(\/|$)|\/(19|20)\d\d-\d\d(-\d\d)?(\/|$)|\/\{(api[-_]?)?version\}(\/|$)/i;
const VERSION_PARAM = /^(x-)?(api-?)?version$/i;
const VERSIONED_MEDIA = /vnd\.[^;]*\.v\d+|version=/i;

export const unversionedApi: Rule = {
  id: 'unversioned-api',
  kinds: ['openapi'],
  defaultSeverity: 'information',
  title: 'The API has no version in its URLs or paths',
  description:
    'Contracts change. With a version in the base URL or path (/v1), a version parameter or a versioned media type, a breaking change can ship beside the old one and clients can migrate; without it every breaking change breaks every client at once.',
  check(ctx) {
    const spec = specOf(ctx);
    if (!spec || !spec.apiOps.length) return [];
    const urls = spec.version.major === 2
      ? [str(get(spec.root, 'basePath')) ?? '']
      : items(get(spec.root, 'servers')).map((s) => str(get(s, 'url')) ?? '');
    if (urls.some((u) => VERSION_SEGMENT.test(u.replace(/^[a-z]+:\/\/[^/]*/i, '')))) return [];
    // swag's output without a basePath: the Go code sets it when it serves the spec (`docs.SwaggerInfo.BasePath = "/api/v1"`).
    if (spec.version.major === 2 && !get(spec.root, 'basePath') && isSwagOutput(ctx.source.path)) return [];
    if (spec.apiOps.some((op) => VERSION_SEGMENT.test(op.path))) return [];
    if (spec.apiOps.some((op) => paramsOf(spec, op).some((p) => (p.in === 'header' || p.in === 'query') && VERSION_PARAM.test(p.name)))) return [];
    const media = spec.apiOps.some((op) =>
      entries(get(op.node, 'responses')).some((r) => entries(get(spec.refs.node(r.value), 'content')).some((c) => VERSIONED_MEDIA.test(c.key.text))),
    );
    if (media) return [];
    return [{
      message: 'No API version in the server URL, the paths, a version parameter or the media types: breaking changes cannot ship beside the current contract',
      at: spec.rootKey,
    }];
  },
};
