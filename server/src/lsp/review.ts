/** The review document request: runs the editor-free review (core/review) over one workspace folder with its settings. */
import { ErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { collectReview, reviewDocument } from '../core/review/index';
import type { Folders } from './folders';
import type { ReviewDocumentParams, ReviewDocumentResult } from './protocol';

export async function reviewDocumentOf(folders: Folders, params: ReviewDocumentParams | undefined): Promise<ReviewDocumentResult> {
  const list = folders.list();
  const folder = params?.folderUri ? list.find((f) => f.uri === params.folderUri) : list[0];
  if (!folder) throw new ResponseError(ErrorCodes.InvalidParams, params?.folderUri ? `Not a workspace folder: ${params.folderUri}` : 'No workspace folder is open');
  await folder.ready;
  const input = await collectReview(folder.root, folder.config);
  return { root: folder.root, markdown: reviewDocument(input, { base: folder.root }, 'Backend Architect').markdown };
}
