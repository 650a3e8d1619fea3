/** What the review document is made from: one workspace folder's model, findings and the files it read. */
import type { FileKind } from '../documents/classify';
import type { Finding, Severity } from '../findings';
import type { WorkspaceModel } from '../workspace/model';

/** What the document says of one OpenAPI spec (taken while it is analyzed, so the parsed spec need not be kept). */
export interface SpecSummary {
  /** Absolute path. */
  path: string;
  title?: string;
  version?: string;
  operations: number;
  securitySchemes: string[];
  servers: string[];
}

export interface ReviewInput {
  /** Absolute path of the reviewed folder. */
  root: string;
  model: WorkspaceModel;
  /** Every finding, paths absolute, ranges 0-based. */
  findings: Finding[];
  specs: SpecSummary[];
  /** GraphQL schemas and protobuf files (absolute paths). */
  contracts: string[];
  /** The files analyzed, by kind (absolute paths). */
  files: Partial<Record<FileKind, string[]>>;
  /** Files analyzed in all. */
  filesChecked: number;
  /** Design documents found beside the code (README, architecture notes, ADRs), absolute paths. */
  documents: string[];
}

export type Verdict = 'met' | 'not met' | 'unknown';

/** A place in a file: absolute path and 1-based line. */
export interface Evidence {
  path: string;
  line: number;
  /** What is there, in a few words. */
  note: string;
}

export interface ChecklistResult {
  item: string;
  verdict: Verdict;
  /** Why, in one sentence. */
  reason: string;
  evidence: Evidence[];
}

/** Findings of one rule and concern, with the services they land on. */
export interface FindingGroup {
  ruleId: string;
  severity: Severity;
  title: string;
  findings: Finding[];
  /** Model service ids the findings land on (may be empty: a spec no service serves). */
  services: string[];
}

export interface Risk {
  group: FindingGroup;
  /** Services that depend, directly or through others, on the services the group lands on. */
  dependents: string[];
}

/** How links to files are written: paths relative to `base` (a directory). */
export interface LinkStyle {
  base: string;
  /** How the document names `base` ("the reviewed folder" when it is the root). */
  baseName?: string;
}
