/**
 * The heavy half of the chat (the Anthropic SDK, the analysis core) behind one dynamic import, so activating the
 * extension does not load it: esbuild keeps it in the bundle but evaluates it on the first question.
 */
export { ask, engineOptions, retry } from '../../../server/src/chat/session';
export { ChatWorkspace } from '../../../server/src/chat/workspace';
export { groundedInReview } from '../../../server/src/chat/reviewGrounding';
