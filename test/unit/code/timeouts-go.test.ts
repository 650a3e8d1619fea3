import { describe } from 'node:test';
import { lines } from '../rules/helpers';
import { runCases, type CodeCase } from './table';

const pkg = (imports: string[], ...body: string[]) => lines('package main', '', 'import (', ...imports.map((i) => `\t${i}`), ')', '', ...body);

const cases: CodeCase[] = [
  { name: 'reports http.Get, Post, Head and PostForm, which use the default client without a timeout', text: pkg(['"net/http"'], 'func f() {', '\thttp.Get(u)', '\thttp.Post(u, "application/json", b)', '\thttp.Head(u)', '\thttp.PostForm(u, v)', '}'), expect: ['Get', 'Post', 'Head', 'PostForm'].map((m) => ({ at: `http.${m}`, message: 'uses http.DefaultClient, which has no timeout' })) },
  { name: 'reports http.DefaultClient used for a request', text: pkg(['"net/http"'], 'func f(r *http.Request) {', '\thttp.DefaultClient.Do(r)', '}'), expect: [{ at: 'http.DefaultClient', message: 'DefaultClient has no timeout' }] },
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

describe('missing-timeout in Go', () => runCases('missing-timeout', 'main.go', cases));
