/** The questions behind the commands Explain Finding, Review This File and Review Architecture. */
export const EXPLAIN_FINDING = 'Explain this finding: why it matters for this system in particular, what can go wrong in production, and the smallest change that fixes it (as a code block with the file path in its first line). Use the attached code and rule documentation; read more files if you need them.';

export function reviewFilePrompt(path: string): string {
  return `Review ${path} as the backend architect: run your five checks against it, list what you would block a merge for and what you would only comment on, each with the line it is about, and propose the changes as code blocks with the file path in their first line.`;
}

export const REVIEW_ARCHITECTURE = [
  'Review the architecture of this workspace against your Architecture review checklist.',
  'The architecture review above was computed by the analyzer: start from its verdicts and evidence, confirm or correct each one by reading the files it points at (use get_architecture and get_findings for more), and say where you disagree and why.',
  'Walk the checklist item by item, in order. For each item give: a verdict (met, partly met, not met, or cannot tell), the evidence with file and line, and the one change that would move it forward.',
  'Finish with the three changes that matter most, in order.',
].join('\n');
