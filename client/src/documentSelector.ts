/** Which documents the client hands to the server. No vscode import, so tests can check package.json against it. */

/** Language ids the server analyzes; each has an `onLanguage` activation event in package.json. */
export const ANALYZED_LANGUAGES = [
  'yaml',
  'json',
  'jsonc',
  'dockercompose',
  'python',
  'typescript',
  'typescriptreact',
  'javascript',
  'javascriptreact',
  'go',
  'java',
] as const;

/** The per-repository config file, whatever language the editor gives it. */
export const CONFIG_FILE_PATTERN = '**/.backend-architect.yaml';

export type DocumentFilter = { scheme: string; language: string } | { scheme: string; pattern: string };

/** Files on disk (local or remote) and unsaved editors; virtual file systems are not readable by the server. */
export const DOCUMENT_SELECTOR: DocumentFilter[] = [
  ...ANALYZED_LANGUAGES.flatMap((language) => [
    { scheme: 'file', language },
    { scheme: 'untitled', language },
  ]),
  { scheme: 'file', pattern: CONFIG_FILE_PATTERN },
];
