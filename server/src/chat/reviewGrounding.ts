/** The chat's Review Architecture question, grounded in the same review document as `backend-architect review`. */
import { redact } from './redact';
import type { ChatWorkspace } from './workspace';

export const MAX_REVIEW_CHARS = 60_000;

/** The question with the review's digest (at a glance, checklist with evidence, top risks, blind spots) before it. */
export async function groundedInReview(ws: ChatWorkspace, question: string): Promise<string> {
  let digest = await ws.reviewForChat();
  if (digest.length > MAX_REVIEW_CHARS) digest = `${digest.slice(0, MAX_REVIEW_CHARS)}\n[... review truncated]`;
  return [
    '<architecture-review source="Backend Architect analyzer">',
    redact(digest).text,
    '</architecture-review>',
    '',
    question,
  ].join('\n');
}
