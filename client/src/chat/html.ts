/** The chat webview's HTML and Content-Security-Policy. No vscode import, so unit tests can check the policy. */
import { randomBytes } from 'node:crypto';

export function makeNonce(): string {
  return randomBytes(18).toString('base64').replace(/[+/=]/g, '');
}

/**
 * Nothing is allowed by default; scripts only with the nonce, styles and fonts only from the extension's media
 * (the webview's cspSource), images only from there too (no remote images), no connections, frames or forms.
 */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  if (!/^[A-Za-z0-9]{16,}$/.test(nonce)) throw new Error('the nonce must be 16 or more letters and digits');
  // VS Code's cspSource is a list of sources (`https://*.vscode-cdn.net`, or `'self' https://...` in some hosts).
  if (!cspSource || /[;,\r\n]/.test(cspSource)) throw new Error('unexpected webview cspSource');
  return [`default-src 'none'`, `script-src 'nonce-${nonce}'`, `style-src ${cspSource}`, `font-src ${cspSource}`, `img-src ${cspSource}`, `base-uri 'none'`, `form-action 'none'`, `frame-ancestors 'none'`].join('; ');
}

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function chatHtml(opts: { cspSource: string; nonce: string; scriptUri: string; styleUri: string }): string {
  const csp = contentSecurityPolicy(opts.cspSource, opts.nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttr(opts.styleUri)}">
<title>Architect Chat</title>
</head>
<body>
<div id="app" aria-live="polite"></div>
<script nonce="${escapeAttr(opts.nonce)}" src="${escapeAttr(opts.scriptUri)}"></script>
</body>
</html>`;
}
