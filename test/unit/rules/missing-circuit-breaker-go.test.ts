// Go requests built with http.NewRequest(WithContext) and sent with X.Do: where the service model sites them and
// which service their URL names (struct fields, environment tags, the deployment's environment).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lines } from './helpers';
import { systemFindings } from './serviceHelpers';

const COMPOSE = lines(
  'services:',
  '  web:',
  '    build: ./web',
  '    environment:',
  '      ORDERS_ENDPOINT: http://orders:8080',
  '      PAYMENTS_ENDPOINT: https://api.stripe.com',
  '  orders:',
  '    build: ./orders',
);
const MAIN = lines('package main', 'import "net/http"', 'func main() { http.ListenAndServe(":8080", nil) }');
const go = (...body: string[]) => lines('package main', 'import (', '\t"context"', '\t"fmt"', '\t"net/http"', '\t"net/url"', '\t"os"', ')', ...body);

interface Case {
  name: string;
  files: Record<string, string>;
  /** The file and the text the finding starts at, and the target named; none when absent. */
  expect?: { path: string; at: string; target: string };
}

const SEND = ['\treq, _ := http.NewRequestWithContext(ctx, "GET", fmt.Sprintf("%s/orders", c.base), nil)', '\treturn c.http.Do(req)'];

const cases: Case[] = [
  {
    name: 'sites a request at the Do that sends it, its URL read from a field set from the environment in another file of the package',
    files: {
      '/w/web/client.go': go('type Client struct { base string; http *http.Client }', 'func New() *Client { return &Client{base: os.Getenv("ORDERS_ENDPOINT"), http: &http.Client{}} }'),
      '/w/web/orders.go': go('func (c *Client) Orders(ctx context.Context) (*http.Response, error) {', ...SEND, '}'),
    },
    expect: { path: '/w/web/orders.go', at: 'c.http.Do(req)', target: 'orders' },
  },
  {
    name: 'follows a config field read from the environment by a struct tag, through url.JoinPath and a local',
    files: {
      '/w/web/orders.go': go('type Config struct {', '\tOrdersURL string `env:"ORDERS_ENDPOINT"`', '}', 'func list(ctx context.Context, cfg Config) {', '\tu, _ := url.JoinPath(cfg.OrdersURL, "orders")', '\treq, _ := http.NewRequest("GET", u, nil)', '\thttp.DefaultClient.Do(req)', '}'),
    },
    expect: { path: '/w/web/orders.go', at: 'http.DefaultClient.Do(req)', target: 'orders' },
  },
  {
    name: 'follows a local set from os.Getenv to the host the deployment gives it',
    files: { '/w/web/orders.go': go('func list(ctx context.Context) {', '\taddr := os.Getenv("ORDERS_ENDPOINT")', '\treq, _ := http.NewRequestWithContext(ctx, "GET", addr+"/orders", nil)', '\tclient.Do(req)', '}') },
    expect: { path: '/w/web/orders.go', at: 'client.Do(req)', target: 'orders' },
  },
  {
    name: 'does not count a variable the deployment sets to a public host',
    files: { '/w/web/pay.go': go('func pay(ctx context.Context) {', '\treq, _ := http.NewRequestWithContext(ctx, "POST", os.Getenv("PAYMENTS_ENDPOINT")+"/charges", nil)', '\tclient.Do(req)', '}') },
  },
  {
    name: 'does not count a variable the deployment does not set, nor a field set from a parameter (no host is guessed)',
    files: {
      '/w/web/client.go': go('type Client struct { base string; http *http.Client }', 'func New(base string) *Client { return &Client{base: base, http: &http.Client{}} }'),
      '/w/web/orders.go': go('func (c *Client) Orders(ctx context.Context) (*http.Response, error) {', ...SEND, '}', 'func other(ctx context.Context) {', '\treq, _ := http.NewRequestWithContext(ctx, "GET", os.Getenv("INVENTORY")+"/items", nil)', '\tclient.Do(req)', '}'),
    },
  },
  {
    name: 'counts a Do inside gobreaker\'s Execute as protected even when the request is built outside it',
    files: {
      '/w/web/orders.go': lines('package main', 'import (', '\t"net/http"', '\t"os"', '\t"github.com/sony/gobreaker"', ')', 'var cb = gobreaker.NewCircuitBreaker(gobreaker.Settings{Name: "orders"})', 'func list() {', '\treq, _ := http.NewRequest("GET", os.Getenv("ORDERS_ENDPOINT"), nil)', '\tcb.Execute(func() (interface{}, error) { return client.Do(req) })', '}'),
    },
  },
];

describe('missing-circuit-breaker on Go requests sent with Do', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const files = { '/w/compose.yaml': COMPOSE, '/w/web/main.go': MAIN, ...c.files };
      const got = await systemFindings(['missing-circuit-breaker'], files);
      if (!c.expect) return assert.deepEqual(got.map((f) => `${f.path}:${f.range.start.line}: ${f.message}`), []);
      assert.equal(got.length, 1, got.map((f) => f.message).join('\n'));
      const f = got[0];
      assert.equal(f.path, c.expect.path);
      const line = files[f.path as keyof typeof files].split('\n')[f.range.start.line];
      assert.ok(line.slice(f.range.start.character).startsWith(c.expect.at), `finding at "${line.slice(f.range.start.character)}"`);
      assert.ok(f.message.includes(`(${c.expect.target})`), f.message);
    });
  }
});
