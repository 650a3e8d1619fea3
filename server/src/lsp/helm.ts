import { ChartRenders } from '../core/helm/renders';
import { changesWithRender, type HelmRendering } from '../core/helm/rendering';

/**
 * Helm rendering in the language server: whether the workspace is trusted, the renders of its charts (run in the
 * background), and which chart files are analyzed again when a chart's render finishes or one of its files changes.
 */
export class ServerHelm {
  readonly rendering: HelmRendering;

  constructor(
    trusted: boolean,
    /** Analyzes a file again (its open document, or the file on disk when the scan covers it). */
    private readonly reanalyze: (path: string) => void,
  ) {
    this.rendering = { renders: new ChartRenders({ onRendered: (dir) => this.chartChanged(dir) }), trusted, wait: false };
  }

  /** The user trusted the workspace; true when that is news. */
  trust(): boolean {
    if (this.rendering.trusted) return false;
    this.rendering.trusted = true;
    return true;
  }

  /** Files changed on disk: the charts holding them render again, through an analysis of their files. */
  filesChanged(paths: readonly string[]): void {
    for (const dir of new Set(paths.flatMap((p) => this.rendering.renders.chartsHolding(p)))) this.chartChanged(dir);
  }

  private chartChanged(chartDir: string): void {
    for (const path of this.rendering.renders.filesOf(chartDir)) if (changesWithRender(chartDir, path)) this.reanalyze(path);
  }
}
