import { memoByString } from '../../text/memo';
/** One stage of a Dockerfile: what it starts from, its name, and its last HEALTHCHECK instruction. */
interface Stage {
  base: string;
  name?: string;
  check?: { start: number; end: number; none: boolean };
}

/**
 * The HEALTHCHECK the image built from this Dockerfile runs: the built stage's last HEALTHCHECK instruction (the
 * `target` stage, else the final one), else the one of the earlier stage it starts from (`FROM build AS final`),
 * undefined when there is none or it is `HEALTHCHECK NONE`. A HEALTHCHECK of a pulled base image is not known here.
 */
export function dockerfileHealthcheck(text: string, target?: string): { start: number; end: number } | undefined {
  return target ? readHealthcheck(text, target.toLowerCase()) : lastStageHealthcheck(text);
}

const lastStageHealthcheck = memoByString((text: string) => readHealthcheck(text), 2000, 100_000);

function readHealthcheck(text: string, target?: string): { start: number; end: number } | undefined {
  const stages: Stage[] = [];
  for (const m of text.matchAll(/^[ \t]*(FROM|HEALTHCHECK)[ \t]+([^\r\n]*)/gim)) {
    const start = m.index! + m[0].length - m[0].trimStart().length;
    if (m[1].toUpperCase() === 'FROM') {
      const f = /^(?:--platform=\S+[ \t]+)?(\S+)(?:[ \t]+AS[ \t]+(\S+))?/i.exec(m[2]);
      if (f) stages.push({ base: f[1].toLowerCase(), name: f[2]?.toLowerCase() });
    } else if (stages.length) {
      stages[stages.length - 1].check = { start, end: m.index! + m[0].length, none: /^NONE\b/i.test(m[2].trim()) };
    }
  }
  let stage = target ? stages.find((s) => s.name === target) : stages[stages.length - 1];
  for (let hops = 0; stage && !stage.check && hops < stages.length; hops++) {
    const base = stage.base;
    stage = stages.slice(0, stages.indexOf(stage)).reverse().find((s) => s.name === base)!;
  }
  return stage?.check && !stage.check.none ? { start: stage.check.start, end: stage.check.end } : undefined;
}
