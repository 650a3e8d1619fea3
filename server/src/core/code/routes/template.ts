/**
 * Path templates compared across syntaxes: Express `:id`, Flask `<id>`/`<int:id>`, OpenAPI and Go/Spring `{id}`,
 * chi/gorilla `{id:[0-9]+}`, Django `<slug:id>` all become `{}` segments; trailing slashes and duplicate slashes go.
 */
export function normalizeTemplate(path: string): string {
  const segments = path
    .split('?')[0]
    .split('/')
    .filter((s) => s.length > 0)
    .map((s) => (/^(?::\w+\??|<(?:\w+:)?\w+>|\{[^}]*\}|\*\w*)$/.test(s) ? '{}' : s));
  return '/' + segments.join('/');
}

/** Joins a prefix and a path the way routers do: one slash between them, none doubled. */
export function joinPath(prefix: string, path: string): string {
  const p = prefix.replace(/\/+$/, '');
  const q = path.replace(/^\/+/, '');
  return `${p}/${q}`.replace(/\/{2,}/g, '/') || '/';
}

/** True when two templates name the same route whatever their syntax. */
export function sameTemplate(a: string, b: string): boolean {
  return normalizeTemplate(a) === normalizeTemplate(b);
}
