/** Known token formats: each one is a secret wherever it appears, whatever it is assigned to. */
export interface SecretFormat {
  kind: string;
  re: RegExp;
}

/** Global regular expressions (with the `g` flag); the whole match is the secret unless group 1 is set. */
export const SECRET_FORMATS: readonly SecretFormat[] = [
  { kind: 'private key', re: /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY(?: BLOCK)?-----|$)/g },
  { kind: 'AWS access key id', re: /\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b/g },
  { kind: 'GitHub token', re: /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{50,255})\b/g },
  { kind: 'Stripe secret key', re: /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,247}\b/g },
  { kind: 'Stripe webhook secret', re: /\bwhsec_[A-Za-z0-9]{24,}\b/g },
  { kind: 'Slack token', re: /\bxox[abeprs]-[A-Za-z0-9-]{10,250}\b/g },
  { kind: 'Slack webhook URL', re: /https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]{6,}\/B[A-Z0-9]{6,}\/[A-Za-z0-9]{16,}/g },
  { kind: 'Google API key', re: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g },
  { kind: 'Google OAuth client secret', re: /\bGOCSPX-[A-Za-z0-9_-]{28}(?![A-Za-z0-9_-])/g },
  { kind: 'Anthropic API key', re: /\bsk-ant-[A-Za-z0-9_-]{20,}(?![A-Za-z0-9_-])/g },
  { kind: 'OpenAI API key', re: /\bsk-(?:proj-)?[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}(?![A-Za-z0-9_-])|\bsk-proj-[A-Za-z0-9_-]{40,}(?![A-Za-z0-9_-])/g },
  { kind: 'npm token', re: /\bnpm_[A-Za-z0-9]{36}\b/g },
  { kind: 'JSON Web Token', re: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}(?![A-Za-z0-9_-])/g },
];

/**
 * A password inside a URL or connection string: `scheme://user:PASSWORD@host`. Group 1 is the password.
 * The user part may be empty (`redis://:pw@host`); the password runs to the last `@` before the host, as URL parsers
 * read it (`postgres://user:pa55@w0rd@db/x` holds `pa55@w0rd`).
 */
export const URL_PASSWORD = /\b[a-zA-Z][a-zA-Z0-9+.-]{1,30}:\/\/[^\s:/@'"`]*:([^\s/'"`]+)@[^\s@/'"`]/g;
