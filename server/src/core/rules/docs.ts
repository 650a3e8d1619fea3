/** Where rule documentation is published; docs/rules/<id>.md in the repository. */
export const DOCS_BASE_URL = 'https://github.com/backend-architect/backend-architect/blob/main/docs/rules/';

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}${ruleId}.md`;
}
