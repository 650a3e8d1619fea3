import type { Tree } from 'web-tree-sitter';
import type { FileKind } from '../documents/classify';
import type { SourceFile } from '../documents/source';
import type { DataNode } from '../documents/tree';
import type { FindingData, Severity } from '../findings';
import type { Range } from '../text/lineIndex';
import type { WorkspaceIndex } from '../workspace/index';
import type { WorkspaceModel } from '../workspace/model';
import type { DocumentLoader } from '../openapi/refs';
import type { Thresholds } from '../config/schema';

/** A span of the file being checked, as UTF-16 offsets (any parsed node has these). */
export interface Span {
  start: number;
  end: number;
}

export interface OffsetEdit extends Span {
  newText: string;
}

export interface Report {
  message: string;
  at: Span;
  /** Overrides the rule's severity for this finding (a milder variant of the same concern). */
  severity?: Severity;
  related?: { path?: string; at?: Span; range?: Range; message: string }[];
  data?: FindingData;
  /**
   * A function where building the edits is costly and a spec can have hundreds of such findings: the engine calls
   * it at once, or, for the editor (`lazyFixes`), only when a quick fix is asked for.
   */
  fix?: OffsetFix | (() => OffsetFix | undefined);
}

export interface OffsetFix {
  title: string;
  edits: OffsetEdit[];
  /** Set when the edits are offsets into another file than the one checked. */
  file?: SourceFile;
}

export interface RuleOptions {
  defaultTimeoutMs: number;
  /** The config file's `thresholds` (system-level rules). */
  thresholds?: Thresholds | null;
}

export interface RuleContext {
  source: SourceFile;
  /** The parsed root for OpenAPI, compose and config files. */
  data?: DataNode;
  /** The syntax tree for service code. */
  tree?: Tree;
  options: RuleOptions;
  workspace: WorkspaceIndex;
  /** The workspace model (services, datastores, edges) as of this file's text; set for compose files. */
  model?: WorkspaceModel;
  /** Reads another workspace file (for cross-file `$ref`s), parsed and cached for this analysis. */
  loadDocument?: DocumentLoader;
}

export interface Rule {
  /** kebab-case, the same as the rule's file name and test name. */
  id: string;
  kinds: readonly FileKind[];
  defaultSeverity: Severity;
  /** One line: what it finds. */
  title: string;
  /** Why it matters and how to fix it, a few sentences. */
  description: string;
  check(ctx: RuleContext): Report[];
  /** Also runs on a compose file that exists to run tests (compose/testSetup.ts); deployment rules leave those alone. */
  judgesTestSetups?: boolean;
  /** Also runs on the spec of an API the workspace calls rather than serves (ServiceComparison.calledApis). */
  judgesCalledApis?: boolean;
}
