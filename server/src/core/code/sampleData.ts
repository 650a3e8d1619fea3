/** Variables that hold sample data (`samples`, `sampleEvents`, `EXAMPLE_PAYLOADS`, `mockResponses`, `example_payload`): payloads kept as examples. */
export const SAMPLE_DATA_NAME = /^(samples?|fixtures?|examples?|mocks?)$|(Samples?|Fixtures?|Examples?|Mocks?|_SAMPLES?|_FIXTURES?|_EXAMPLES?)$|^(sample|fixture|example|mock)(?=[A-Z_])|^(SAMPLE|FIXTURE|EXAMPLE|MOCK)_/;

/** A statement at the start of a line (column 0): an assignment to a name, or anything else. */
const TOP_LINE = /^(?:export[ \t]+)?(?:(?:const|let|var)[ \t]+)?([A-Za-z_$][\w$]*)?/gm;

/**
 * The offsets of a file's top-level statements that assign sample data (`example_payload = {` ... up to the next
 * statement at column 0): values written there are data, not settings the code uses.
 */
export function sampleDataRegions(text: string): [number, number][] {
  if (!/sample|fixture|example|mock/i.test(text)) return [];
  const starts: { at: number; sample: boolean }[] = [];
  for (const m of text.matchAll(TOP_LINE)) {
    const line = text.slice(m.index!, text.indexOf('\n', m.index!) >>> 0);
    if (!line.trim() || /^[\s)}\]]/.test(line) || line.startsWith('#') || line.startsWith('//')) continue;
    const assigned = /^\s*(?::[^=\n]+)?=(?!=)/.test(line.slice(m[0].length));
    starts.push({ at: m.index!, sample: !!m[1] && assigned && SAMPLE_DATA_NAME.test(m[1]) });
  }
  const out: [number, number][] = [];
  starts.forEach((s, i) => {
    if (s.sample) out.push([s.at, starts[i + 1]?.at ?? text.length]);
  });
  return out;
}
