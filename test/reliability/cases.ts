/**
 * The 29 reliability cases the team keeps (issue 19), each with the tests that prove it and the figure they assert.
 * test/unit/reliability-catalogue.test.ts checks that every named test exists and that README.md lists the same cases.
 * Cases 13-20 are the faults; "network down" and "Stop" are case 20 together.
 */
export interface CaseTest {
  /** Path from the repository root. */
  file: string;
  /** The exact name given to it()/test() (or describe() for a table of generated tests). */
  name: string;
}

export interface ReliabilityCase {
  number: number;
  name: string;
  tests: CaseTest[];
  /** What the tests assert, as a figure or a bound. */
  figure: string;
  /** Part of the case that another branch covers, not yet merged. */
  pending?: string;
}

const LSP_BAD = 'test/lsp/badInput.test.ts';
const CHAT_ERRORS = 'test/chat/errors.test.ts';
const REFUSALS = 'test/chat/refusals.test.ts';
const SUITE = 'test/vscode/suite';

export const CASES: ReliabilityCase[] = [
  // Bad input
  { number: 1, name: 'malformed YAML/JSON', tests: [{ file: LSP_BAD, name: 'malformed YAML and JSON give one diagnostic at the error and leave other files alone' }], figure: '1 parse-error per file at the error line; other files unchanged' },
  {
    number: 2,
    name: 'billion laughs',
    tests: [
      { file: 'test/unit/core/yaml.test.ts', name: 'refuses the billion-laughs alias bomb with one problem and no root' },
      { file: LSP_BAD, name: 'a YAML alias bomb gives one diagnostic in bounded time' },
    ],
    figure: 'refused above 100,000 alias-expanded nodes; 1 diagnostic in < 5 s',
  },
  { number: 3, name: 'recursive anchors', tests: [{ file: 'test/unit/core/yaml.test.ts', name: 'parses a recursive alias without hanging, leaving a null where it recurses' }], figure: 'ends; null where the alias recurses' },
  {
    number: 4,
    name: 'circular $refs',
    tests: [
      { file: 'test/unit/openapi/refs.test.ts', name: 'ends self, mutual and three-way cycles of refs instead of looping' },
      { file: 'test/unit/openapi/refs.test.ts', name: 'ends a cycle that crosses files (a.yaml -> b.yaml -> a.yaml)' },
    ],
    figure: 'cycles of 1, 2, 3 refs and across files end; no internal error',
  },
  {
    number: 5,
    name: '50 MB files',
    tests: [
      { file: 'test/reliability/large-files.test.ts', name: 'the CLI refuses a 50 MB spec and a 50 MB compose file with the limit and how to raise it, and analyzes the rest' },
      { file: 'test/reliability/large-files.test.ts', name: 'the language server gives an opened 50 MB spec the skipped-file note and a small file opened next its diagnostics' },
      { file: 'test/lsp/largeDocuments.test.ts', name: 'a small file opened while a large one is analyzed gets its diagnostics first' },
      { file: 'test/lsp/largeDocuments.test.ts', name: 'an edit stops the running analysis of a large file, and only the latest version is published' },
    ],
    figure: 'refused with the limit and how to raise it: CLI < 20 s, editor note < 20 s, small file next < 20 s; a large file analyzed in the worker never delays a small one (bench: p95 49.5 ms while a 50 MB spec is analyzed)',
  },
  {
    number: 6,
    name: 'binary and invalid UTF-8',
    tests: [
      { file: LSP_BAD, name: 'oversized, binary and invalid UTF-8 files found by the scan each get one information diagnostic' },
      { file: 'test/cli/bad-input.test.ts', name: 'gives a file that is not valid UTF-8 one information finding' },
    ],
    figure: '1 skipped-file information finding each, with the reason',
  },
  {
    number: 7,
    name: 'CRLF, BOM, astral characters',
    tests: [
      { file: 'test/unit/core/engine.test.ts', name: 'turns offsets into UTF-16 ranges after astral characters and CRLF line breaks' },
      { file: 'test/lsp/parseProblems.test.ts', name: 'a BOM in the opened text moves line-0 columns one right, as the editor counts it' },
    ],
    figure: 'UTF-16 columns exact after CRLF and astral characters; +1 on line 0 with a BOM',
  },
  {
    number: 8,
    name: '10,000 findings in one file',
    tests: [
      { file: 'test/reliability/many-findings.test.ts', name: 'the language server publishes all 10,000 diagnostics of one spec when allowed to, and answers the next file' },
      { file: 'test/reliability/many-findings.test.ts', name: 'the CLI reports all 10,000 findings of one spec in JSON' },
    ],
    figure: '10,000 diagnostics in < 15 s (editor, maxDiagnosticsPerFile 10000); 10,000 findings as JSON in < 30 s (CLI)',
  },
  {
    number: 9,
    name: 'git conflict markers',
    tests: [
      { file: 'test/unit/core/parseProblems.test.ts', name: 'names each conflict once in YAML, at its start, with the lines of its other markers, and the file is not analyzed' },
      { file: 'test/cli/parse-problems.test.ts', name: 'names a conflict once, at its start, with the lines of its other markers' },
    ],
    figure: '1 finding per conflict, at its <<<<<<< line, naming the lines of its other markers',
  },
  // Load
  { number: 10, name: '300 open files', tests: [{ file: 'test/reliability/many-files.test.ts', name: '300 files opened at once all get their diagnostics' }], figure: 'all 300 get their diagnostics in < 20 s' },
  { number: 11, name: '50 edits in 2 s', tests: [{ file: 'test/reliability/rapid-edits.test.ts', name: '50 edits in 2 s end with the diagnostics of a fresh open of the final text, published for the last version' }], figure: 'versions only increase; the last version published < 2 s after the last edit, equal to a fresh open' },
  { number: 12, name: 'stale quick fixes', tests: [{ file: 'test/lsp/codeActions.test.ts', name: 'does not offer a fix computed for an older version of the document' }], figure: '0 fixes offered for an older version' },
  // Faults
  {
    number: 13,
    name: 'kill -9 of the server, restart, give-up message',
    tests: [
      { file: 'test/reliability/crash-restart.test.ts', name: 'a server killed with SIGKILL ends its connection, and a fresh one publishes the same diagnostics' },
      { file: `${SUITE}/server.test.ts`, name: 'restarts the server after kill -9, gives up after the fifth crash in 3 minutes, and Restart Server brings it back' },
      { file: 'test/unit/client.test.ts', name: 'says the server crashed and is not restarted once the client gives up, pointing at Restart Server' },
    ],
    figure: 'fresh server publishes the same diagnostics in < 5 s; client restarts 4 times, then shows "crashed" with Restart Server',
  },
  { number: 14, name: 'a throwing handler', tests: [{ file: LSP_BAD, name: 'a request that makes a handler throw gets an error response and the server answers the next request' }], figure: 'InternalError response, 1 error log line, next request answered' },
  { number: 15, name: '429 with retry-after', tests: [{ file: CHAT_ERRORS, name: 'a 429 with retry-after is retried after the time the API asked for, then answered' }], figure: 'retried after >= 950 ms for retry-after: 1' },
  { number: 16, name: 'spend-limit 429', tests: [{ file: CHAT_ERRORS, name: 'a 429 for the spend limit is not retried, says the spend limit is reached and offers no Retry' }], figure: '1 request, 0 retries, no Retry action' },
  {
    number: 17,
    name: '529/500 before the stream',
    tests: [
      { file: CHAT_ERRORS, name: 'a 529 is retried by the SDK, and after the last retry the error says overloaded with Retry' },
      { file: CHAT_ERRORS, name: 'a 500 before the stream is retried by the SDK, then answered' },
    ],
    figure: 'retried maxRetries times, then "overloaded" with Retry; a 500 then 200 is answered',
  },
  { number: 18, name: 'overloaded mid-stream', tests: [{ file: CHAT_ERRORS, name: 'an error event in the middle of a stream keeps the partial answer, marks it partial and offers Retry' }], figure: 'partial text kept, marked partial, Retry offered' },
  {
    number: 19,
    name: 'a silent stream',
    tests: [
      { file: CHAT_ERRORS, name: 'a stream that stalls is stopped by the idle watchdog with a clear message' },
      { file: CHAT_ERRORS, name: 'an API that accepts the connection and never answers fails within the idle timeout' },
    ],
    figure: 'stopped after the idle timeout (300 ms in the test), text kept',
  },
  {
    number: 20,
    name: 'network down; Stop',
    tests: [
      { file: CHAT_ERRORS, name: 'an unreachable API is a network error with Retry' },
      { file: CHAT_ERRORS, name: 'stop during a stream ends the answer, keeps its text and sends nothing more' },
    ],
    figure: 'network error with Retry; Stop keeps the text, 0 further requests',
  },
  // Security
  {
    number: 21,
    name: 'webview CSP',
    tests: [
      { file: 'test/unit/chat-webview.test.ts', name: 'allows scripts only with the nonce: no self, no inline, no eval, no hosts' },
      { file: `${SUITE}/chatPanel.test.ts`, name: 'loads the webview script under its CSP: the webview itself says ready' },
    ],
    figure: "default-src 'none'; scripts by nonce only; the script runs under it",
  },
  {
    number: 22,
    name: 'hostile model output',
    tests: [
      { file: 'test/unit/chat-markdown.test.ts', name: 'keeps script tags, event handlers and raw HTML as text' },
      { file: 'test/unit/chat-markdown.test.ts', name: 'creates only allowed elements, no event-handler or src attribute, and no href: links open through the host' },
    ],
    figure: '0 script, handler, src or href in the DOM',
  },
  {
    number: 23,
    name: 'malformed webview messages',
    tests: [
      { file: 'test/unit/chat-webview.test.ts', name: 'webview to host messages' },
      { file: `${SUITE}/chatPanel.test.ts`, name: 'ignores a webview message its schema rejects' },
    ],
    figure: '9 malformed shapes rejected by the schema; the panel ignores them',
  },
  {
    number: 24,
    name: 'path escapes in model tools',
    tests: [
      { file: 'test/unit/chat-paths.test.ts', name: 'refuses .., absolute paths outside, symbolic links out, and reports missing files' },
      { file: REFUSALS, name: 'listing files does not follow symbolic links out of the workspace' },
    ],
    figure: '.., absolute and symlinked paths out refused; outside canary in 0 requests',
  },
  {
    number: 25,
    name: 'secrets files',
    tests: [
      { file: 'test/unit/chat-paths.test.ts', name: 'isSecretsFile' },
      { file: REFUSALS, name: 'refuses an absolute path to the .env file inside the workspace' },
    ],
    figure: '17 secrets-file names recognised; .env read refused unless the user allows it',
  },
  { number: 26, name: 'the canary secret', tests: [{ file: REFUSALS, name: 'a search for the canary finds nothing: .env is not searched and inline secret values are redacted' }], figure: 'canary in 0 request bodies; inline value redacted' },
  {
    number: 27,
    name: 'API key storage (SecretStorage)',
    tests: [
      { file: `${SUITE}/chat.test.ts`, name: 'stores the key given to "Set Anthropic API Key" in SecretStorage' },
      { file: 'test/chat/engine.test.ts', name: 'the API key is sent only as the credential header, never in a body or an event' },
    ],
    figure: 'key in SecretStorage; only in the x-api-key header, 0 bodies or events',
  },
  { number: 28, name: 'untrusted workspaces', tests: [{ file: REFUSALS, name: 'in an untrusted workspace a tool call the model makes anyway is not run, and the transcript says so' }], figure: '0 tools offered; a tool call anyway is refused' },
  { number: 29, name: 'prompt injection asking for ~/.ssh', tests: [{ file: REFUSALS, name: 'a workspace file asking the model for ~/.ssh gets nothing: every read of the key is refused and no request carries it' }], figure: '4 reads of the key refused; key in 0 requests' },
];
