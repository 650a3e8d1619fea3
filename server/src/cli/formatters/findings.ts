import type { Finding } from '../../core/findings';
import type { LintReport } from '../lint';

/** Every finding of the report, file by file, in report order (made lazily: nothing is copied). */
export function eachFinding(report: LintReport): Iterable<Finding> {
  return {
    *[Symbol.iterator]() {
      for (const file of report.files) yield* file.findings;
    },
  };
}
