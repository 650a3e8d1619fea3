/**
 * HTTP clients sent over a Unix-domain socket. The host of the URLs such a client sends is only the request's Host
 * header (`http://gateway/internal/...` over a socket file): no name is looked up. A file-level reading: a file that
 * builds such a transport is taken to send its HTTP URLs through it.
 */

/**
 * httpx `HTTPTransport(uds=...)` / `AsyncHTTPTransport(uds=...)`, aiohttp's `UnixConnector`, Go's dial to the
 * "unix" network (`net.Dial("unix", path)`, `dialer.DialContext(ctx, "unix", path)`), Node's `socketPath:` option.
 */
const UNIX_SOCKET_TRANSPORT = /\b(?:Async)?HTTPTransport\s*\([^)]*\buds\s*=|\bUnixConnector\s*\(|\bDial\w*\s*\(\s*(?:\w+\s*,\s*)?"unix"|\bsocketPath\s*:/;
const HTTP_URL = /^\s*(?:https?|wss?):\/\//i;

/** Whether a file builds an HTTP client over a Unix-domain socket. */
export function buildsUnixSocketClient(text: string): boolean {
  return UNIX_SOCKET_TRANSPORT.test(text);
}

/** Whether a value is an HTTP (or WebSocket) URL, which such a client sends without resolving its host. */
export function isHttpUrl(value: string): boolean {
  return HTTP_URL.test(value);
}
