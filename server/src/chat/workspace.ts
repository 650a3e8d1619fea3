import { DEFAULT_SETTINGS } from '../core/config/schema';
import type { Finding } from '../core/findings';
import { analyzeFile, loadProjectConfig, relativePath } from '../core/project';
import { listWorkspaceFiles } from '../core/workspace/scan';
import { buildWorkspaceModel, WorkspaceIndex, type WorkspaceModel } from '../core/workspace/index';
import type { ConsistencyOverview } from '../core/workspace/specs/index';
import { consistencyOverview } from '../core/workspace/specs/overview';
import { describeArchitecture, specInfo, type Architecture, type SpecInfo } from './architecture';
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

/**
 * What the chat knows about the open workspace: its folders, files, findings and architecture. Everything is
 * computed on first use and kept until `invalidate()`, so one question costs one scan.
 */
export class ChatWorkspace {
  private analysis?: Promise<{ findings: WorkspaceFinding[]; specs: SpecInfo[]; models: WorkspaceModel[]; overviews: ConsistencyOverview[] }>;
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

  private analyze(): Promise<{ findings: WorkspaceFinding[]; specs: SpecInfo[]; models: WorkspaceModel[]; overviews: ConsistencyOverview[] }> {
    this.analysis ??= (async () => {
      const findings: WorkspaceFinding[] = [];
      const specs: SpecInfo[] = [];
      const models: WorkspaceModel[] = [];
      const overviews: ConsistencyOverview[] = [];
      for (const root of this.roots) {
        // One index per folder, as in the editor; parsed specs are summarized as they come, not kept.
        const index = new WorkspaceIndex({ keepData: false, boundary: root.path });
        const { config } = await loadProjectConfig(root.path, DEFAULT_SETTINGS);
        try {
          models.push(await buildWorkspaceModel(root.path, { isExcluded: (rel) => config.isIgnored(rel) }));
        } catch {
          // A model that cannot be built leaves the brief without services; findings still come.
        }
        const files = await listWorkspaceFiles(root.path, { isExcluded: (rel) => config.isIgnored(rel) });
        for (const file of files) {
          let result: Finding[];
          try {
            const analyzed = await analyzeFile(file, config, index);
            result = analyzed.findings;
            if (analyzed.data && index.get(file)?.kind === 'openapi') specs.push(specInfo(this.display(file), analyzed.data));
          } catch {
            continue;
          }
          for (const f of result) {
            findings.push({ ruleId: f.ruleId, severity: f.severity, message: f.message, path: this.display(f.path), line: f.range.start.line + 1 });
          }
        }
        // Which spec belongs to which service, from what the analysis just read.
        overviews.push(await consistencyOverview(root.path, config, index).catch(() => ({ mappings: [], skipped: [], comparisons: [] })));
      }
      return { findings, specs, models, overviews };
    })();
    return this.analysis;
  }
}

