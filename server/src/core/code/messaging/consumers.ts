import { sep } from 'node:path';
import type { Tree } from 'web-tree-sitter';
import type { CodeLanguage } from '../../documents/classify';
import type { RuleContext } from '../../rules/types';
import type { ServiceNode, WorkspaceModel } from '../../workspace/model';
import { DEAD_LETTER } from '../../workspace/messaging';
import { isBackendCode, isTestFile } from '../common';
import { messagingEndpoints, MESSAGING_MARKER } from './index';
import type { CodeFile, Endpoint } from './types';

/** Per syntax tree (each rule of a file asks): its text, and the file with its endpoints, or null when it has none. */
const cache = new WeakMap<Tree, { text: string; found: { file: CodeFile; endpoints: Endpoint[] } | null }>();

/** The file and its producers and consumers (none in tests, generated code or code outside the backend scope). */
export function messagingOf(ctx: RuleContext): { file: CodeFile; endpoints: Endpoint[] } | undefined {
  const tree = ctx.tree;
  if (!tree) return undefined;
  const known = cache.get(tree);
  if (known?.text === ctx.source.text) return known.found ?? undefined;
  let found: { file: CodeFile; endpoints: Endpoint[] } | null = null;
  if (MESSAGING_MARKER.test(ctx.source.text) && !isTestFile(ctx) && isBackendCode(ctx)) {
    const file: CodeFile = { kind: ctx.source.kind as CodeLanguage, text: ctx.source.text, tree };
    found = { file, endpoints: messagingEndpoints(file) };
  }
  cache.set(tree, { text: ctx.source.text, found });
  return found ?? undefined;
}

/** The workspace model the file was analyzed with, or the last one built. */
export function modelOf(ctx: RuleContext): WorkspaceModel | undefined {
  return ctx.model ?? ctx.workspace?.model?.peek();
}

/** The service whose build folder holds the file. */
export function serviceOf(ctx: RuleContext, model: WorkspaceModel | undefined): ServiceNode | undefined {
  const owners = (model?.services ?? []).filter((s) => !s.datastore && s.sourceDir && ctx.source.path.startsWith(s.sourceDir + sep));
  return owners.sort((a, b) => b.sourceDir!.length - a.sourceDir!.length)[0];
}

const DEAD_LETTER_ONCE = new RegExp(DEAD_LETTER.source, 'i');

/** Whether this file, or another file of its service, configures a dead-letter queue or bounded redelivery. */
export function hasDeadLetter(ctx: RuleContext, service: ServiceNode | undefined, model: WorkspaceModel | undefined): boolean {
  if (DEAD_LETTER_ONCE.test(ctx.source.text)) return true;
  return !!service && !!model?.deadLetters?.some((d) => d.service === service.id);
}
