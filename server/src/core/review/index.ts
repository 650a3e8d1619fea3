/** The architecture review document (issue 15): editor-free, used by the CLI's `review`, the language server and the chat. */
export { collectReview } from './collect';
export { reviewDigest, reviewDocument, type ReviewDocument } from './document';
export { summarizeSpec } from './specs';
export type * from './types';
