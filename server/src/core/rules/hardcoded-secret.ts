import { codeSecrets } from '../code/secrets';
import { composeSecrets } from '../secrets/compose';
import { isTestComposeContent, isTestComposePath } from '../compose/testSetup';
import { inDevelopmentSetup } from './composeModel';
import { isGenerated } from '../code/common';
import type { Rule } from './types';
import { kubernetesSecrets } from './kubernetes/secrets';

/** Literal passwords, tokens and keys in compose `environment` and in service code; one detector (core/secrets) for both. */
export const hardcodedSecret: Rule = {
  id: 'hardcoded-secret',
  kinds: ['compose', 'kubernetes', 'python', 'typescript', 'javascript', 'go', 'java'],
  defaultSeverity: 'warning',
  judgesTestSetups: true,
  title: 'A password, token or key is written in a file',
  description:
    'Secrets belong in a vault or the environment, never in code or compose files: anyone who can read the repository can use them, they end up in every clone and image, and rotating one means a commit and a release. Read the value from the environment (or a secret store) instead.',
  check(ctx) {
    if (ctx.source.kind === 'kubernetes') return kubernetesSecrets(ctx);
    if (ctx.source.kind === 'compose') {
      if (!ctx.data) return [];
      // A compose file that runs tests holds the tests' throwaway credentials: only a known token format is a secret there.
      const tests = isTestComposePath(ctx.source.path, ctx.workspace?.model?.top) || isTestComposeContent(ctx.data);
      return composeSecrets(ctx.source, ctx.data, !tests && inDevelopmentSetup(ctx), tests);
    }
    return isGenerated(ctx) ? [] : codeSecrets(ctx);
  },
};
