import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Language, Parser, type Tree } from 'web-tree-sitter';
import type { CodeLanguage } from './classify';

/** A grammar: a code language, or TypeScript with JSX (`.tsx`), which the plain TypeScript grammar reads only by
 * error recovery (minutes and gigabytes on a large component). */
export type Grammar = CodeLanguage | 'tsx';

const GRAMMAR_FILE: Record<Grammar, string> = {
  python: 'tree-sitter-python.wasm',
  typescript: 'tree-sitter-typescript.wasm',
  tsx: 'tree-sitter-tsx.wasm',
  javascript: 'tree-sitter-javascript.wasm',
  go: 'tree-sitter-go.wasm',
  java: 'tree-sitter-java.wasm',
};

/** The grammar of a file of a code language. */
export function grammarOf(lang: CodeLanguage, path: string): Grammar {
  return lang === 'typescript' && /\.tsx$/i.test(path) ? 'tsx' : lang;
}

/** Where the wasm files are: beside the bundle (dist/grammars) or in node_modules when run from source. */
function wasmDirs(): { runtime: string; grammars: string } {
  const bundled = join(__dirname, 'grammars');
  if (existsSync(join(bundled, 'tree-sitter.wasm'))) return { runtime: bundled, grammars: bundled };
  const req = createRequire(join(process.cwd(), 'package.json'));
  return {
    runtime: dirname(req.resolve('web-tree-sitter/tree-sitter.wasm')),
    grammars: join(dirname(req.resolve('@vscode/tree-sitter-wasm/package.json')), 'wasm'),
  };
}

let init: Promise<void> | undefined;
const languages = new Map<Grammar, Promise<Language>>();

/** Loads a grammar the first time a file of its language is seen. */
export function loadLanguage(lang: Grammar): Promise<Language> {
  let p = languages.get(lang);
  if (!p) {
    const dirs = wasmDirs();
    init ??= Parser.init({ locateFile: (f: string) => join(dirs.runtime, f) } as object);
    p = init.then(() => Language.load(join(dirs.grammars, GRAMMAR_FILE[lang])));
    languages.set(lang, p);
    p.catch(() => languages.delete(lang));
  }
  return p;
}

const parsers = new Map<Grammar, Parser>();

/** Parses code with the grammar of its language (`grammarOf`); pass the previous tree (already edited) for an
 * incremental re-parse. */
export async function parseCode(lang: Grammar, text: string, old?: Tree): Promise<Tree> {
  const language = await loadLanguage(lang);
  let parser = parsers.get(lang);
  if (!parser) {
    parser = new Parser();
    parser.setLanguage(language);
    parsers.set(lang, parser);
  }
  const tree = parser.parse(text, old ?? null);
  if (!tree) throw new Error(`tree-sitter could not parse this ${lang} file`);
  return tree;
}
