import { DEFAULT_SETTINGS } from '../core/config/schema';
import type { Finding } from '../core/findings';
import { analyzeFile, loadProjectConfig, relativePath } from '../core/project';
import { listWorkspaceFiles } from '../core/workspace/scan';
import { buildWorkspaceModel, WorkspaceIndex, type WorkspaceModel } from '../core/workspace/index';
import { describeArchitecture, type Architecture } from './architecture';
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
  private analysis?: Promise<{ findings: WorkspaceFinding[]; index: WorkspaceIndex; models: WorkspaceModel[] }>;
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
    const { index, models } = await this.analyze();
    return describeArchitecture(models, index, (p) => this.display(p));
  }

  /** Display path of an absolute path inside a folder. */
  display(abs: string): string {
    const root = this.roots.find((r) => !relativePath(r.path, abs).startsWith('..')) ?? this.roots[0];
    return displayPath(this.roots, root, relativePath(root.path, abs));
  }

  private analyze(): Promise<{ findings: WorkspaceFinding[]; index: WorkspaceIndex; models: WorkspaceModel[] }> {
    this.analysis ??= (async () => {
      const index = new WorkspaceIndex();
      const findings: WorkspaceFinding[] = [];
      const models: WorkspaceModel[] = [];
      for (const root of this.roots) {
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
            result = (await analyzeFile(file, config, index)).findings;
          } catch {
            continue;
          }
          for (const f of result) {
            findings.push({ ruleId: f.ruleId, severity: f.severity, message: f.message, path: this.display(f.path), line: f.range.start.line + 1 });
          }
        }
      }
      return { findings, index, models };
    })();
    return this.analysis;
  }
}

