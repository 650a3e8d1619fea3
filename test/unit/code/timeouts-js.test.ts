import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findingsOf, lines } from '../rules/helpers';
import { runCases, type CodeCase } from './table';

const cases: CodeCase[] = [
  { name: 'reports a fetch call without a signal and adds AbortSignal.timeout', text: lines('const r = await fetch(url);'), expect: [{ at: 'fetch', message: 'fetch() has no signal', fixed: 'fetch(url, { signal: AbortSignal.timeout(10000) })' }] },
  { name: 'reports a fetch call whose options have no signal and adds one to them', text: lines('await fetch(url, { method: "POST", body });'), expect: [{ at: 'fetch', message: 'no signal', fixed: '{ method: "POST", body, signal: AbortSignal.timeout(10000) }' }] },
  { name: 'does not report a fetch destructured from the function context (the caller made it, with its timeout)', text: lines('export async function send({ props, fetch, log }) {', '  return fetch("http://api.example.com/events", { method: "POST" });', '}'), expect: [] },
  { name: 'does not report a fetch given as a parameter', text: lines('export const post = async (url: string, fetch: typeof globalThis.fetch) => fetch(url);'), expect: [] },
  { name: 'reports the global fetch in a file that passes fetch as an argument', text: lines('const withRetry = retry(fetch);', 'await fetch(url);'), expect: [{ at: 'fetch', message: 'fetch() has no signal' }] },
  { name: 'does not report a fetch call with a signal', text: lines('await fetch(url, { signal: AbortSignal.timeout(5000) });', 'await fetch(url, { signal });'), expect: [] },
  { name: 'does not report a fetch call whose options are a variable or spread', text: lines('await fetch(url, init);', 'await fetch(url, { ...init, method: "GET" });'), expect: [] },
  { name: 'does not report a fetch imported from another module', text: lines('import { fetch } from "./api";', 'await fetch(url);'), expect: [] },
  { name: 'reports node-fetch like the global fetch', text: lines('import fetch from "node-fetch";', 'await fetch(url);'), expect: [{ at: 'fetch', message: 'no signal' }] },
  { name: "takes node-fetch's own timeout option (version 2) for a timeout, and not the same option on the global fetch", text: lines('import fetch from "node-fetch";', 'await fetch(url, { method: "POST", timeout: 5000 });'), expect: [] },
  { name: 'reports the global fetch whose options name a timeout it does not read', text: lines('await fetch(url, { method: "POST", timeout: 5000 });'), expect: [{ at: 'fetch', message: 'no signal' }] },
  { name: 'reports axios verbs without a timeout and puts it in the config argument, all of them once for the file', text: lines('import axios from "axios";', 'await axios.get(url);', 'await axios.post(url, body, { headers });', 'await axios.post(url);'), expect: [
    { at: 'axios.get', message: 'axios.get() has no timeout: axios waits forever by default (timeout 0) (2 more calls like it in this file)', fixed: 'await axios.get(url, { timeout: 10000 });\nawait axios.post(url, body, { headers, timeout: 10000 });' },
  ] },
  { name: 'reports the calls of one client a file makes alike once, with one fix for all of them', text: lines('import axios from "axios";', 'await axios.get(a);', 'await axios.get(b);', 'await axios.get(c);'), expect: [
    { at: 'axios.get', message: 'axios.get() has no timeout: axios waits forever by default (timeout 0) (2 more calls like it in this file)', fixed: 'axios.get(c, { timeout: 10000 })' },
  ] },
  { name: 'leaves axios(config) alone when the config is a variable (it may set the timeout), and reports axios(url) with a URL variable', text: lines('const axios = require("axios");', 'const config = { url, timeout: opts.timeout };', 'axios(config);', 'axios(targetUrl);'), expect: [{ at: 'axios', message: 'no timeout' }] },
  { name: 'leaves a fetch behind a base path alone (a path prefix of the page, not a host)', text: lines('export async function check(email) {', '  const res = await fetch(`${env.NEXT_PUBLIC_BASE_PATH ?? ""}/api/auth/check-sso`, { method: "POST", body: email });', '}'), expect: [] },
  { name: 'leaves a fetch of a relative URL alone (only a browser resolves it) and reports an absolute one', text: lines('export async function upload(f) {', '  await fetch("/api/files/upload", { method: "POST", body: f });', '  await fetch(`${process.env.FILES_URL}/upload`, { method: "POST", body: f });', '}'), expect: [{ at: 'fetch', message: 'no timeout' }] },
  { name: 'reports a fetch whose result is discarded with void as information, and an awaited one as a warning', text: lines('export function ping() {', '  void fetch("https://telemetry.example.com/capture", { method: "POST" });', '}', 'export async function load() {', '  return await fetch("https://api.example.com/x");', '}'), expect: [{ at: 'fetch', message: 'its result is discarded (void)', severity: 'information' }, { at: 'fetch', message: 'has no signal', severity: 'warning' }] },
  { name: 'leaves a fetch raced against a timer alone (Promise.race bounds the wait), and reports a race of two fetches', text: lines('export async function ping(endpoint) {', '  await Promise.race([fetch(endpoint, { method: "POST" }).catch(() => null), new Promise((resolve) => { setTimeout(resolve, 150); })]);', '  await Promise.race([fetch(endpoint)]);', '}'), expect: [{ at: 'fetch', message: 'no timeout' }] },
  { name: 'reports axios(config) without a timeout', text: lines('const axios = require("axios");', 'axios({ url, method: "get" });'), expect: [{ at: 'axios', message: 'no timeout', fixed: '{ url, method: "get", timeout: 10000 }' }] },
  { name: 'does not report axios calls with a timeout or after axios.defaults.timeout is set', text: lines('import axios from "axios";', 'axios.get(url, { timeout: 2000 });', 'axios.defaults.timeout = 5000;', 'axios.post(url, body);'), expect: [] },
  { name: 'reports axios.create without a timeout once, not each call through the instance', text: lines('import axios from "axios";', 'const api = axios.create({ baseURL });', 'api.get("/x");', 'api.post("/y");'), expect: [{ at: 'axios.create', message: 'sets no timeout', fixed: '{ baseURL, timeout: 10000 }' }] },
  { name: 'does not report an axios instance created with a timeout or given one later', text: lines('import axios from "axios";', 'const a = axios.create({ timeout: 1000 });', 'const b = axios.create();', 'b.defaults.timeout = 3000;', 'a.get("/");'), expect: [] },
  { name: 'reports got without a timeout', text: lines('import got from "got";', 'await got(url).json();', 'await got.post(url, { json: body });'), expect: [
    { at: 'got', message: 'got waits forever', fixed: 'got(url, { timeout: { request: 10000 } })' },
    { at: 'got.post', message: 'no timeout', fixed: '{ json: body, timeout: { request: 10000 } }' },
  ] },
  { name: 'does not report got with a timeout', text: lines('import got from "got";', 'await got(url, { timeout: { request: 5000 } });'), expect: [] },
  { name: 'reports undici left on its 300 s defaults as information', text: lines('import { request } from "undici";', 'await request(url);'), expect: [{ at: 'request', message: '300 s', severity: 'information', fixed: 'headersTimeout: 10000, bodyTimeout: 10000' }] },
  { name: 'does not report undici with a headersTimeout', text: lines('import { request } from "undici";', 'await request(url, { headersTimeout: 5000, bodyTimeout: 5000 });'), expect: [] },
  { name: 'reports http.get and https.request without a timeout', text: lines('import http from "node:http";', 'import * as https from "https";', 'http.get(url, (res) => res.resume());', 'https.request({ host, path });'), expect: [
    { at: 'http.get', message: 'no timeout option and no setTimeout', fixed: 'http.get(url, { timeout: 10000 }, (res)' },
    { at: 'https.request', message: 'no timeout option', fixed: '{ host, path, timeout: 10000 }' },
  ] },
  { name: 'does not report http requests with a timeout option or setTimeout', text: lines('const http = require("http");', 'http.get({ host, timeout: 3000 });', 'function f() {', '  const req = http.request(url);', '  req.setTimeout(5000);', '}', 'http.get(url).setTimeout(100);'), expect: [] },
  { name: 'reports the request package without a timeout', text: lines('const request = require("request");', 'request({ url, json: true }, cb);'), expect: [{ at: 'request', message: 'request package', fixed: '{ url, json: true, timeout: 10000 }' }] },
  { name: 'does not report ky, whose default timeout is 10 s', text: lines('import ky from "ky";', 'await ky.get(url).json();'), expect: [] },
  { name: 'does not report fetch of a data: URL or of a Request object, which may carry its own signal', text: lines('await fetch("data:,");', 'await fetch(new Request(url, init));', 'await fetch(request);'), expect: [] },
  { name: 'does not report minified bundles', text: 'fetch(a);' + 'var x=1;'.repeat(1000) + '\n', expect: [] },
  { name: 'does not report methods named get on unrelated objects', text: lines('map.get(key);', 'router.get("/x", handler);', 'cache.request(url);'), expect: [] },
];

describe('missing-timeout in TypeScript and JavaScript', () => {
  runCases('missing-timeout', 'client.ts', cases);
  runCases('missing-timeout', 'client.js', cases.slice(0, 2));
});

const nestController = (...body: string[]) => lines(
  "import { Controller, Get, Inject } from '@nestjs/common';",
  "import { ClientProxy } from '@nestjs/microservices';",
  "import { firstValueFrom, timeout } from 'rxjs';",
  '@Controller()',
  'export class UsersController {',
  "  constructor(@Inject('USER_SERVICE') private readonly userClient: ClientProxy) {}",
  ...body,
  '}',
);
const nest: CodeCase[] = [
  { name: 'reports the send() calls of a NestJS ClientProxy without rxjs timeout() once, at the first, counting the others', text: nestController('  a() { return this.userClient.send({ cmd: "get" }, {}); }', '  async b() { return firstValueFrom(this.userClient.send({ cmd: "list" }, {})); }'), expect: [{ at: 'this.userClient.send', message: 'userClient.send() waits for a reply with no timeout (1 more call in this file)' }] },
  { name: 'reports the send() calls of several clients of a file once, naming each client', text: lines("import { ClientProxy } from '@nestjs/microservices';", 'export class AdminController {', "  constructor(private readonly postClient: ClientProxy, private readonly userClient: ClientProxy) {}", '  a() { return this.postClient.send("posts", {}); }', '  b() { return this.userClient.send("users", {}); }', '}'), expect: [{ at: 'this.postClient.send', message: 'postClient.send() and userClient.send() wait for a reply with no timeout (1 more call in this file)' }] },
  { name: 'does not report send() piped through timeout(), directly or through a variable, nor emit()', text: nestController('  a() { return this.userClient.send({ cmd: "get" }, {}).pipe(timeout(5000)); }', '  async b() { const reply = this.userClient.send({ cmd: "list" }, {}); return firstValueFrom(reply.pipe(timeout(3000))); }', '  c() { this.userClient.emit("user.created", {}); }'), expect: [] },
  { name: 'does not report send() on an object that is not a NestJS client', text: lines("import { ClientProxy } from '@nestjs/microservices';", 'export class Mailer {', '  constructor(private readonly transport: SmtpTransport) {}', '  a() { return this.transport.send({ to: "x" }); }', '}'), expect: [] },
];
describe('missing-timeout on NestJS microservice clients', () => runCases('missing-timeout', 'users.controller.ts', nest));

describe('missing-timeout: relative URLs in constants', () => {
  it('leaves a fetch of a relative URL held in a constant of the file alone (whole or as a template prefix), and reports a constant set to an absolute URL', async () => {
    const text = lines('const BASE_URL = "/api/manage/admin/discord-bot";', 'const HOOKS = "https://hooks.example.org";', 'export async function config() {', '  await fetch(`${BASE_URL}/config`);', '  await fetch(BASE_URL, { method: "DELETE" });', '  await fetch(`${HOOKS}/send`);', '}');
    const found = await findingsOf('missing-timeout', 'lib.ts', text);
    assert.deepEqual(found.map((f) => [f.range.start.line, /more call/.test(f.message)]), [[5, false]]);
  });
});
