import type { Node } from 'web-tree-sitter';
import { stringValue } from '../common';
import { evidence, isAuthName, pyImport, routerKey } from './keys';
import type { FileRoutes } from './types';

const named = (n: Node | null | undefined) => (n?.namedChildren ?? []).filter((c): c is Node => !!c && c.type !== 'comment');

/**
 * A simple `re_path` regex as a path template: `^users/(?P<pk>[0-9]+)/$` -> `users/{pk}/`. Undefined when
 * anything but named groups and literal text remains (alternatives, optional parts, unnamed groups).
 */
export function regexTemplate(regex: string): string | undefined {
  const body = regex.replace(/^\^/, '').replace(/\/\?\$$/, '/').replace(/\$$/, '').replace(/\(\?P<(\w+)>(?:[^()]|\([^()]*\))+\)/g, '{$1}').replace(/\\([./-])/g, '$1');
  return /[\\()[\]*+?|^$]/.test(body.replace(/\{\w+\}/g, '')) ? undefined : body;
}

/** Django URLconf: `urlpatterns = [path(...), re_path(...), path('api/', include('app.urls'))]`. */
export function djangoPatterns(file: string, root: Node, out: FileRoutes): void {
  const key = routerKey(file, 'urlpatterns');
  for (const a of root.descendantsOfType(['assignment', 'augmented_assignment'])) {
    if (a?.childForFieldName('left')?.text !== 'urlpatterns') continue;
    const list = a.childForFieldName('right');
    if (list?.type !== 'list') {
      if (list) out.skipped.push({ file, at: { start: list.startIndex, end: list.endIndex }, reason: 'the URL patterns are built at run time' });
      continue;
    }
    for (const item of named(list)) {
      const callee = item.type === 'call' ? item.childForFieldName('function')?.text : undefined;
      if (callee !== 'path' && callee !== 're_path' && callee !== 'url') {
        out.skipped.push({ file, at: { start: item.startIndex, end: item.endIndex }, reason: 'a URL pattern built at run time' });
        continue;
      }
      const args = named(item.childForFieldName('arguments'));
      const raw = stringValue(args[0]);
      const path = raw === undefined ? undefined : callee === 'path' ? raw : regexTemplate(raw);
      const at = { start: (args[0] ?? item).startIndex, end: (args[0] ?? item).endIndex };
      if (path === undefined) {
        out.skipped.push({ file, at, reason: raw === undefined ? 'the path is built at run time' : 'the path is a regular expression with more than named groups' });
        continue;
      }
      const view = args[1];
      if (view?.type === 'call' && view.childForFieldName('function')?.text === 'include') {
        const spec = stringValue(named(view.childForFieldName('arguments'))[0]);
        if (spec === undefined) out.skipped.push({ file, at: { start: view.startIndex, end: view.endIndex }, reason: 'the included URL patterns are not named by a module path' });
        else out.mounts.push({ prefix: '/' + path, target: `${pyImport(file, spec)}#urlpatterns`, parent: key, auth: [], file, at });
        continue;
      }
      // A view wrapped in `login_required(...)`; not a view class named like it (`LoginView.as_view()`).
      const auth = view?.type === 'call' && view.childForFieldName('function')?.type === 'identifier' && isAuthName(view.childForFieldName('function')!.text) ? [evidence('decorator', view.childForFieldName('function')!, file)] : [];
      out.routes.push({ method: 'ANY', path: '/' + path, framework: 'django', file, at, ...(view ? { handler: { start: view.startIndex, end: view.endIndex } } : {}), auth, router: key });
      if (!out.apps!.includes(key)) out.apps!.push(key);
    }
  }
}
