/**
 * A compose file known by its content, whatever its name: a top-level `services` mapping (an anchor or a comment may
 * follow the key) whose entries look like services. Not the `services:` under a workflow's jobs (indented) nor
 * GitLab CI's `services:` list, nor a CI pipeline's sidecars (Woodpecker, Drone): a top-level key that compose does not
 * have and a pipeline does (`steps`, `pipeline`, `stages`) says the file is a pipeline.
 */

const SERVICES = /^["']?services["']?[ \t]*:(?:[ \t]+&[^\s#]+)?[ \t]*(?:#.*)?\r?$/m;
/** An image or a build anywhere in the file: also in an `x-` extension that services merge with `<<: *base`. */
const IMAGE_OR_BUILD = /^[ \t]+(?:-[ \t]+)?(image|build)[ \t]*:/m;
const PIPELINE_KEY = /^["']?(steps|pipeline|stages|jobs|clone|skip_clone|trigger|matrix|workflow)["']?[ \t]*:/m;
const KEY = /^[ \t]*["']?([\w.<-]+)["']?[ \t]*:(?:[ \t]|\r?$)/;

/** Keys of a compose service besides image and build (the most used of the compose specification). */
const SERVICE_KEYS = new Set([
  'ports', 'environment', 'env_file', 'depends_on', 'volumes', 'command', 'entrypoint', 'restart', 'healthcheck',
  'networks', 'container_name', 'expose', 'labels', 'deploy', 'extends', 'profiles', 'working_dir', 'user',
  'secrets', 'configs', 'cap_add', 'logging', 'hostname', 'platform', 'pull_policy', 'ulimits', 'network_mode',
  'extra_hosts', 'stop_grace_period', 'links', 'tmpfs', 'init', 'privileged', 'read_only', 'develop', '<<',
]);

export function looksLikeCompose(text: string): boolean {
  const head = SERVICES.exec(text);
  if (!head || PIPELINE_KEY.test(text)) return false;
  const lines = text.slice(head.index + head[0].length, head.index + 65536).split('\n');
  let serviceIndent = -1;
  let keyIndent = -1;
  let keysOfService = 0;
  for (const line of lines) {
    const indent = line.length - line.trimStart().length;
    if (indent === line.length || line[indent] === '#') continue; // blank or a comment
    if (indent === 0) break; // the next top-level key
    const key = KEY.exec(line)?.[1];
    if (serviceIndent < 0) {
      if (!key) return false; // a list, or a flow value on the next line: not a mapping of services
      serviceIndent = indent;
    }
    if (indent <= serviceIndent) {
      keyIndent = -1; // the next service
      keysOfService = 0;
      continue;
    }
    if (keyIndent < 0) keyIndent = indent;
    if (indent === keyIndent && key && SERVICE_KEYS.has(key) && ++keysOfService >= 2) return true;
  }
  return serviceIndent >= 0 && IMAGE_OR_BUILD.test(text);
}
