import type { Connection, Diagnostic } from 'vscode-languageserver';
import type { Finding, Fix } from '../core/findings';
import type { GraphFinding } from '../core/workspace/graphTypes';
import { countFindings, toDiagnostics, type Counts } from './diagnostics';
import type { StatusReporter } from './status';
import { pathToUri } from './uris';

/** Findings that are only the ones shown of more (a worker's result): how many were left out, and the counts of all. */
export interface Trimmed {
  omitted: number;
  counts: Counts;
}

interface Published {
  uri: string;
  diagnostics: Diagnostic[];
  version: number | null;
  /** Fixes computed only when a code action asks for them (DiagnosticData.fixId). */
  lazyFixes: Map<number, () => Fix | undefined>;
}

export interface PublishTarget {
  /** keyOf(uri): the path of a file, else the URI. */
  key: string;
  uri: string;
  /** Path the engine saw for this file, so related locations in the same file map to `uri`. */
  sourcePath: string;
  /** Document version the findings were computed for; null for files read from disk. */
  version: number | null;
  maxPerFile: number;
}

/** Sends publishDiagnostics, remembers what was sent per file (for code actions and clearing) and feeds the status. */
export class Publisher {
  private readonly sent = new Map<string, Published>();
  /** Every file's findings as published (all of them, not capped per file), put in the map's form when it asks. */
  private readonly mapFindings = new Map<string, readonly Finding[]>();

  constructor(
    private readonly connection: Connection,
    private readonly status: StatusReporter,
    private readonly relatedInformation: boolean,
    /** Called after each publish or clear (the map's live update). */
    private readonly onChange: () => void = () => undefined,
  ) {}

  publish(t: PublishTarget, findings: readonly Finding[], trimmed?: Trimmed): void {
    const uriOf = (path: string) => (path === t.sourcePath ? t.uri : pathToUri(path));
    const lazyFixes = new Map<number, () => Fix | undefined>();
    const diagnostics = toDiagnostics(findings, { version: t.version, relatedInformation: this.relatedInformation, uriOf, maxPerFile: t.maxPerFile, lazyFixes, omitted: trimmed?.omitted });
    const before = this.sent.get(t.key);
    if (before && before.uri !== t.uri) this.send(before.uri, [], t.version);
    // Open documents always get an answer; clean files from disk only when they had diagnostics before.
    if (diagnostics.length || before || t.version !== null) this.send(t.uri, diagnostics, t.version);
    if (diagnostics.length) this.sent.set(t.key, { uri: t.uri, diagnostics, version: t.version, lazyFixes });
    else this.sent.delete(t.key);
    this.status.setCounts(t.key, trimmed?.counts ?? countFindings(findings));
    if (findings.length) this.mapFindings.set(t.key, findings);
    else this.mapFindings.delete(t.key);
    this.onChange();
  }

  /** The findings last published, every file's (for the architecture map). */
  allFindings(): GraphFinding[] {
    return [...this.mapFindings.values()].flatMap((list) => list.map(graphFinding));
  }

  clear(key: string): void {
    if (this.mapFindings.delete(key)) this.onChange();
    const before = this.sent.get(key);
    if (!before) return;
    this.sent.delete(key);
    this.send(before.uri, [], null);
    this.status.setCounts(key, undefined);
  }

  has(key: string): boolean {
    return this.sent.has(key);
  }

  /** Keys with diagnostics whose path is `dir` or lies under it. */
  keysUnder(dir: string, sep: string): string[] {
    const prefix = dir.endsWith(sep) ? dir : dir + sep;
    return [...this.sent.keys()].filter((k) => k === dir || k.startsWith(prefix));
  }

  /** A lazy fix of the diagnostics last sent for a file, if they were computed for this version (undefined if it throws). */
  lazyFix(key: string, version: number | null, fixId: number): Fix | undefined {
    const sent = this.sent.get(key);
    if (!sent || sent.version !== version) return undefined;
    try {
      return sent.lazyFixes.get(fixId)?.();
    } catch {
      return undefined; // a fix that cannot be built is not offered; the diagnostic stays
    }
  }

  /** The diagnostics last sent for a file, to recover `data` a client did not send back. */
  lastSent(key: string): readonly Diagnostic[] {
    return this.sent.get(key)?.diagnostics ?? [];
  }

  private send(uri: string, diagnostics: Diagnostic[], version: number | null): void {
    void this.connection.sendDiagnostics(version === null ? { uri, diagnostics } : { uri, version, diagnostics }).catch(() => undefined);
  }
}

function graphFinding(f: Finding): GraphFinding {
  return { ruleId: f.ruleId, severity: f.severity, message: f.message, path: f.path, range: f.range, ...(f.related?.length ? { related: f.related.map((r) => ({ path: r.path, range: r.range })) } : {}) };
}
