import { describe } from 'node:test';
import { lines } from '../rules/helpers';
import { runCases, type CodeCase } from './table';

const pkg = (imports: string[], ...body: string[]) => lines('package main', '', 'import (', ...imports.map((i) => `\t${i}`), ')', '', ...body);

const cases: CodeCase[] = [
  { name: 'reports http.Get, Post, Head and PostForm, which use the default client without a timeout', text: pkg(['"net/http"'], 'func f() {', '\thttp.Get(u)', '\thttp.Post(u, "application/json", b)', '\thttp.Head(u)', '\thttp.PostForm(u, v)', '}'), expect: ['Get', 'Post', 'Head', 'PostForm'].map((m) => ({ at: `http.${m}`, message: 'uses http.DefaultClient, which has no timeout' })) },
  { name: 'reports a request sent with http.DefaultClient.Do when nothing here sets a deadline', text: pkg(['"net/http"'], 'func f(r *http.Request) {', '\thttp.DefaultClient.Do(r)', '}'), expect: [{ at: 'http.DefaultClient.Do', message: 'DefaultClient has no timeout, and no deadline is set on its context here: unless every caller' }] },
  { name: 'reports http.DefaultClient used otherwise', text: pkg(['"net/http"'], 'func f() {', '\thttp.DefaultClient.Get(u)', '}'), expect: [{ at: 'http.DefaultClient', message: 'DefaultClient has no timeout' }] },
  { name: 'does not report the default client after its Timeout is set', text: pkg(['"net/http"', '"time"'], 'func init() { http.DefaultClient.Timeout = 5 * time.Second }', 'func f() { http.Get(u) }'), expect: [] },
  { name: 'reports an http.Client literal without Timeout and adds one, importing time', text: pkg(['"net/http"'], 'var client = &http.Client{}'), expect: [{ at: 'http.Client', message: 'has no Timeout', fixed: '&http.Client{Timeout: 10 * time.Second}' }] },
  { name: 'adds Timeout after the last field of a multi-line literal', text: pkg(['"net/http"', '"time"'], 'var client = &http.Client{', '\tTransport: t,', '}'), expect: [{ at: 'http.Client', message: 'has no Timeout', fixed: '\tTransport: t,\n\tTimeout: 10 * time.Second,\n}' }] },
  { name: 'does not report an http.Client with a Timeout, or one given a Timeout later', text: pkg(['"net/http"', '"time"'], 'var a = &http.Client{Timeout: 3 * time.Second}', 'func f() {', '\tb := &http.Client{}', '\tb.Timeout = time.Second', '}'), expect: [] },
  { name: 'reports a request built without a context as information when no client has a timeout', text: pkg(['"net/http"'], 'func f() { req, _ := http.NewRequest("GET", u, nil); _ = req }'), expect: [{ at: 'http.NewRequest', message: 'without a context', severity: 'information' }] },
  { name: 'reports a request built with context.Background() as information', text: pkg(['"context"', '"net/http"'], 'func f() { http.NewRequestWithContext(context.Background(), "GET", u, nil) }'), expect: [{ at: 'http.NewRequestWithContext', message: 'no deadline', severity: 'information' }] },
  { name: 'does not report requests built with a caller context or sent through a client with a timeout', text: pkg(['"context"', '"net/http"', '"time"'], 'var c = &http.Client{Timeout: time.Second}', 'func f(ctx context.Context) {', '\thttp.NewRequestWithContext(ctx, "GET", u, nil)', '\thttp.NewRequest("GET", u, nil)', '}'), expect: [] },
  { name: 'follows an aliased net/http import', text: pkg(['nethttp "net/http"'], 'func f() { nethttp.Get(u) }'), expect: [{ at: 'nethttp.Get', message: 'no timeout' }] },
  { name: 'does not report files that do not import net/http', text: lines('package main', 'func f() { http.Get(u) }'), expect: [] },
];

// Requests built with http.NewRequest(WithContext) and sent with X.Do: the client looked up, the context followed.
const handler = (...body: string[]) => pkg(['"context"', '"net/http"', '"time"'], 'func h(w http.ResponseWriter, r *http.Request) {', ...body, '}');
const build = '\treq, _ := http.NewRequestWithContext(r.Context(), "GET", u, nil)';
const sends: CodeCase[] = [
  { name: 'reports a request sent through http.DefaultClient with the incoming request\'s context, naming both reasons once', text: handler(build, '\thttp.DefaultClient.Do(req)'), expect: [{ at: 'http.DefaultClient.Do', message: 'http.DefaultClient has no timeout, and its context, r.Context(), is the incoming request\'s, which has no deadline' }] },
  { name: 'does not report http.DefaultClient.Do when the function derives the context with context.WithTimeout', text: handler('\tctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)', '\tdefer cancel()', '\treq, _ := http.NewRequestWithContext(ctx, "GET", u, nil)', '\thttp.DefaultClient.Do(req)'), expect: [] },
  { name: 'reports a request built without a context and sent through http.DefaultClient as one finding, not two', text: pkg(['"net/http"'], 'func f() {', '\treq, _ := http.NewRequest("GET", u, nil)', '\thttp.DefaultClient.Do(req)', '}'), expect: [{ at: 'http.DefaultClient.Do', message: 'built without a context (http.NewRequest)' }] },
  { name: 'follows a context variable to context.Background() and a request given its context with WithContext', text: pkg(['"context"', '"net/http"'], 'func f(req *http.Request) {', '\tctx := context.Background()', '\thttp.DefaultClient.Do(req.WithContext(ctx))', '}'), expect: [{ at: 'http.DefaultClient.Do', message: 'its context is context.Background()' }] },
  { name: 'looks up a struct field set to http.DefaultClient in a constructor', text: lines(handler(build, '\ts.client.Do(req)'), 'func New() *S { return &S{client: http.DefaultClient} }'), expect: [{ at: 's.client.Do', message: 's.client, which is http.DefaultClient, has no timeout' }] },
  { name: 'reports requests sent through one field bound to http.DefaultClient once, at the first, counting the others', text: lines(handler(build, '\ts.client.Do(req)', '\ts.client.Do(req)'), 'func New() *S { return &S{client: http.DefaultClient} }'), expect: [{ at: 's.client.Do', message: '(1 more request in this file goes through s.client)' }] },
  { name: 'reports each call of http.DefaultClient.Do itself, each a choice made at its call', text: handler(build, '\thttp.DefaultClient.Do(req)', '\thttp.DefaultClient.Do(req)'), expect: [{ at: 'http.DefaultClient.Do', message: 'has no timeout' }, { at: 'http.DefaultClient.Do', message: 'has no timeout' }] },
  { name: 'looks up a package-level variable set to http.DefaultClient', text: lines(handler(build, '\tclient.Do(req)'), 'var client = http.DefaultClient'), expect: [{ at: 'client.Do', message: 'which is http.DefaultClient' }] },
  { name: 'follows a struct field set from a local client literal, whose finding then stands for the request it sends', text: lines(handler('\treq, _ := http.NewRequest("GET", u, nil)', '\ts.client.Do(req)'), 'func New() *S {', '\tc := http.Client{Transport: t}', '\treturn &S{client: c}', '}'), expect: [{ at: 'http.Client', message: 'has no Timeout' }] },
  { name: 'does not report a request sent through a struct-field client that has a Timeout', text: lines(handler(build, '\ts.client.Do(req)'), 'func New() *S { return &S{client: &http.Client{Timeout: 5 * time.Second}} }'), expect: [] },
  { name: 'does not report requests sent through a client from another package or a parameter (not resolved)', text: lines(pkg(['"net/http"', '"example.com/x/httpx"'], 'func New() *S { return &S{client: httpx.NewClient()} }', 'func (s *S) f(r *http.Request, c *http.Client) {', '\treq, _ := http.NewRequestWithContext(r.Context(), "GET", u, nil)', '\ts.client.Do(req)', '\tc.Do(req)', '}')), expect: [] },
  { name: 'does not report a field bound to the default client in one place and to another client elsewhere', text: lines(handler(build, '\ts.client.Do(req)'), 'func A() *S { return &S{client: http.DefaultClient} }', 'func B(c *http.Client) *S { return &S{client: c} }'), expect: [] },
  { name: 'reports a client literal without Timeout once, not again at the request it sends without a deadline', text: lines(handler(build, '\ts.client.Do(req)'), 'func New() *S { return &S{client: &http.Client{}} }'), expect: [{ at: 'http.Client', message: 'has no Timeout' }] },
  { name: 'does not report an unexported client literal whose every request carries a deadline', text: lines(handler('\tctx, cancel := context.WithTimeout(r.Context(), time.Second)', '\tdefer cancel()', '\treq, _ := http.NewRequestWithContext(ctx, "GET", u, nil)', '\tclient.Do(req)'), 'var client = &http.Client{Transport: t}'), expect: [] },
];

describe('missing-timeout in Go', () => runCases('missing-timeout', 'main.go', cases));
describe('missing-timeout on Go requests sent with Do', () => runCases('missing-timeout', 'main.go', sends));
describe('missing-timeout in Go test files', () => runCases('missing-timeout', 'client_test.go', [{ name: 'does not report requests sent from a test file', text: handler(build, '\thttp.DefaultClient.Do(req)'), expect: [] }]));
