/**
 * React hooks beyond React's own: those of the data libraries that components use (TanStack/React Query, SWR,
 * Apollo Client), and the code handed to a hook. A hook can only run while a component renders, so a module that
 * calls one runs in the browser, and so does the code in a hook's arguments (`useQuery({ queryFn })`,
 * `useCallback(fn)`), even in a page file that is server code for the SSR loader it exports. A method named
 * `use...` (`app.useGlobalPipes()`) and a function that only defines a hook are not calls of one.
 */
import { blankComments } from '../text/blankComments';
import { bracketSpan, type Region } from './breakerScopes';

/** Optional type arguments between a hook's name and its parenthesis: `useQuery<Data, Error>(`. */
const TYPE_ARGUMENTS = String.raw`\s*(?:<[^;()]{0,300}?>)?\s*\(`;
/** Not a method (`.use...`), not part of a longer name, not the name of a function being defined. */
const NOT_METHOD_OR_DEFINITION = String.raw`(?<![.\w$]|\bfunction\s{1,20})`;

const DATA_LIBRARY_HOOK = new RegExp(
  `${NOT_METHOD_OR_DEFINITION}(?:useQuery|useQueries|useMutation|useQueryClient|useInfiniteQuery|useSuspenseQuery|useSuspenseQueries|useSuspenseInfiniteQuery|useSWR|useSWRMutation|useSWRInfinite|useLazyQuery|useSubscription)${TYPE_ARGUMENTS}`,
);
/** Any hook, by React's naming convention: `use` and a capital letter (`React.useEffect` too). */
const ANY_HOOK = String.raw`${NOT_METHOD_OR_DEFINITION}(?:React\.)?use[A-Z]\w*${TYPE_ARGUMENTS}`;
const ANY_HOOK_CALL = new RegExp(ANY_HOOK);
const ANY_HOOK_CALLS = new RegExp(ANY_HOOK, 'g');
const DATA_LIBRARY = String.raw`(?:@tanstack\/react-query|react-query|swr|@apollo\/client)(?:\/[\w./-]+)?`;
const DATA_LIBRARY_IMPORT = new RegExp(String.raw`\bfrom\s+['"]${DATA_LIBRARY}['"]|\brequire\(\s*['"]${DATA_LIBRARY}['"]\s*\)`);
/** A module whose `use...` functions are React hooks: it imports React, Preact's hooks or a data library. */
const HOOKS_IMPORT = new RegExp(String.raw`\bfrom\s+['"](?:react|preact\/hooks|${DATA_LIBRARY})['"]`);

/**
 * Whether a module calls a data library's hook: one of their well-known hooks, or, in a module that imports from
 * one of these libraries, any function named as a hook.
 */
export function callsDataLibraryHook(text: string): boolean {
  return DATA_LIBRARY_HOOK.test(text) || (DATA_LIBRARY_IMPORT.test(text) && ANY_HOOK_CALL.test(text));
}

/** The argument lists of the hook calls of a JavaScript or TypeScript module of React (none in any other module). */
export function hookArgumentRegions(text: string): Region[] {
  if (!HOOKS_IMPORT.test(text)) return [];
  const code = blankComments(text, 'js');
  const out: Region[] = [];
  for (const m of code.matchAll(ANY_HOOK_CALLS)) {
    const r = bracketSpan(code, m.index + m[0].length - 1);
    if (r) out.push(r);
  }
  return out;
}
