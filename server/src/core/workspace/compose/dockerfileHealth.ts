import { shipsHealthcheck } from '../../compose/images';
import { memoByString } from '../../text/memo';
/** One stage of a Dockerfile: what it starts from, its name, and its last HEALTHCHECK instruction. */
interface Stage {
  base: string;
  name?: string;
  /** Its FROM line. */
  from: { start: number; end: number };
  check?: { start: number; end: number; none: boolean };
}

/**
 * The HEALTHCHECK the image built from this Dockerfile runs: the built stage's last HEALTHCHECK instruction (the
 * `target` stage, else the final one), else the one of the earlier stage it starts from (`FROM build AS final`),
 * or the FROM line of a pulled image known to define one (compose/images.ts `shipsHealthcheck`); undefined when
 * there is none or it is `HEALTHCHECK NONE`. Other pulled base images' HEALTHCHECKs are not known here.
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
      if (f) stages.push({ base: f[1].toLowerCase(), name: f[2]?.toLowerCase(), from: { start, end: m.index! + m[0].length } });
    } else if (stages.length) {
      stages[stages.length - 1].check = { start, end: m.index! + m[0].length, none: /^NONE\b/i.test(m[2].trim()) };
    }
  }
  let stage = target ? stages.find((s) => s.name === target) : stages[stages.length - 1];
  for (let hops = 0; stage && !stage.check && hops < stages.length; hops++) {
    const base = stage.base;
    const earlier = stages.slice(0, stages.indexOf(stage)).reverse().find((s) => s.name === base);
    // Built on a pulled image that defines its own HEALTHCHECK (`FROM eventuateio/eventuate-mysql8`): docker runs it.
    if (!earlier && shipsHealthcheck(base)) return stage.from;
    stage = earlier!;
  }
  return stage?.check && !stage.check.none ? { start: stage.check.start, end: stage.check.end } : undefined;
}
