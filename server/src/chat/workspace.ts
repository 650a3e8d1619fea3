import { DEFAULT_SETTINGS } from '../core/config/schema';
import { loadProjectConfig, relativePath } from '../core/project';
import { collectReview, reviewDigest, type ReviewInput } from '../core/review/index';
import type { WorkspaceModel } from '../core/workspace/index';
import type { ConsistencyOverview } from '../core/workspace/specs/index';
import { consistencyOverview } from '../core/workspace/specs/overview';
import { describeArchitecture, type Architecture, type SpecInfo } from './architecture';
import { listAllFiles } from './files';
import { displayPath, makeRoots, type WorkspaceRoot } from './paths';

export interface WorkspaceFinding {
  ruleId: string;
  severity: string;
  message: string;
  /** Workspace-relative path. */
  path: string;
  /** 1-based line. */
  line: number;
}

interface Analysis {
  findings: WorkspaceFinding[];
  specs: SpecInfo[];
  models: WorkspaceModel[];
  reviews: ReviewInput[];
  overviews: ConsistencyOverview[];
}

/**
 * What the chat knows about the open workspace: its folders, files, findings and architecture. Everything is
 * computed on first use and kept until `invalidate()`, so one question costs one scan.
 */
export class ChatWorkspace {
  private analysis?: Promise<Analysis>;
  private files?: Promise<string[]>;

  private constructor(readonly roots: WorkspaceRoot[]) {}

  static async open(folders: string[]): Promise<ChatWorkspace> {
    return new ChatWorkspace(await makeRoots(folders));
  }

  invalidate(): void {
    this.analysis = undefined;
    this.files = undefined;
  }

  /** Every file of every folder, as display paths. */
  listFiles(): Promise<string[]> {
    this.files ??= (async () => {
      const out: string[] = [];
      for (const root of this.roots) for (const rel of await listAllFiles(root)) out.push(displayPath(this.roots, root, rel));
      return out;
    })();
    return this.files;
  }

  async findings(): Promise<WorkspaceFinding[]> {
    return (await this.analyze()).findings;
  }

  async architecture(): Promise<Architecture> {
    const { specs, models, overviews } = await this.analyze();
    return describeArchitecture(models, specs, (p) => this.display(p), overviews);
  }

  /** Display path of an absolute path inside a folder. */
  display(abs: string): string {
    const root = this.roots.find((r) => !relativePath(r.path, abs).startsWith('..')) ?? this.roots[0];
    return displayPath(this.roots, root, relativePath(root.path, abs));
  }

  /** The architecture review of each folder, shortened for the model: at a glance, checklist, top risks, blind spots. */
  async reviewForChat(): Promise<string> {
    const { reviews } = await this.analyze();
    return reviews.map((r) => reviewDigest(r, { base: r.root })).join('\n\n');
  }

  private analyze(): Promise<Analysis> {
    this.analysis ??= (async () => {
      const out: Analysis = { findings: [], specs: [], models: [], reviews: [], overviews: [] };
      for (const root of this.roots) {
        // One pass per folder, as the review command reads it; parsed specs are summarized as they come, not kept.
        const { config } = await loadProjectConfig(root.path, DEFAULT_SETTINGS);
        let input;
        try {
          input = await collectReview(root.path, config);
        } catch {
          continue;
        }
        out.reviews.push(input);
        out.models.push(input.model);
        for (const s of input.specs) out.specs.push({ file: this.display(s.path), title: s.title, version: s.version, operations: s.operations, securitySchemes: s.securitySchemes, servers: s.servers });
        for (const f of input.findings) out.findings.push({ ruleId: f.ruleId, severity: f.severity, message: f.message, path: this.display(f.path), line: f.range.start.line + 1 });
        // Which spec belongs to which service, and how its routes in code compare.
        out.overviews.push(await consistencyOverview(root.path, config).catch(() => ({ mappings: [], skipped: [], comparisons: [] })));
      }
      return out;
    })();
    return this.analysis;
  }
}

