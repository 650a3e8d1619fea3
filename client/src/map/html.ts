/** The map webview's HTML and Content-Security-Policy. No vscode import, so unit tests can check the policy. */
import { randomBytes } from 'node:crypto';

export function mapNonce(): string {
  return randomBytes(18).toString('base64').replace(/[+/=]/g, '');
}

/**
 * Nothing by default; the script only with the nonce; styles only from the extension's files; images only from
 * there and `blob:` (the PNG export draws the map's own SVG into a canvas through a blob URL). No connections.
 */
export function mapContentSecurityPolicy(cspSource: string, nonce: string): string {
  if (!/^[A-Za-z0-9]{16,}$/.test(nonce)) throw new Error('the nonce must be 16 or more letters and digits');
  if (!cspSource || /[;,\r\n]/.test(cspSource)) throw new Error('unexpected webview cspSource');
  return [`default-src 'none'`, `script-src 'nonce-${nonce}'`, `style-src ${cspSource}`, `font-src ${cspSource}`, `img-src ${cspSource} blob:`, `base-uri 'none'`, `form-action 'none'`, `frame-ancestors 'none'`].join('; ');
}

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function mapHtml(opts: { cspSource: string; nonce: string; scriptUri: string; styleUri: string }): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttr(mapContentSecurityPolicy(opts.cspSource, opts.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttr(opts.styleUri)}">
<title>Architecture Map</title>
</head>
<body>
<div id="app"></div>
<script nonce="${escapeAttr(opts.nonce)}" src="${escapeAttr(opts.scriptUri)}"></script>
</body>
</html>`;
}
