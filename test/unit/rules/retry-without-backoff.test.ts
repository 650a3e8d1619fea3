import { describe } from 'node:test';
import { runCases, type CodeCase } from '../code/table';
import { lines } from './helpers';

const RULE = 'retry-without-backoff';

const python: CodeCase[] = [
  { name: 'reports a Python retry loop that sleeps a constant delay and adds backoff with full jitter', text: lines('import time', 'def charge(o):', '    for attempt in range(3):', '        try:', '            return post(o)', '        except Exception:', '            time.sleep(1)'), expect: [{ at: 'time.sleep(1)', message: 'no backoff and no jitter', fixed: 'time.sleep(random.uniform(0, 1 * 2 ** attempt))' }] },
  { name: 'reports exponential backoff without jitter, saying jitter is missing', text: lines('import time', 'for attempt in range(5):', '    try:', '        call()', '    except IOError:', '        time.sleep(2 ** attempt)'), expect: [{ at: 'time.sleep(2 ** attempt)', message: ': no jitter' }] },
  { name: 'does not report backoff with jitter', text: lines('import time, random', 'for attempt in range(5):', '    try:', '        call()', '    except IOError:', '        time.sleep(random.uniform(0, 2 ** attempt))'), expect: [] },
  { name: 'does not report a worker loop that sleeps between rounds in finally', text: lines('import time', 'while True:', '    try:', '        process()', '    finally:', '        time.sleep(LOOP_DELAY)'), expect: [] },
  { name: 'does not report a polling loop that is not a retry', text: lines('import time', 'while True:', '    poll()', '    time.sleep(5)'), expect: [] },
  { name: 'reports tenacity wait_fixed and wait_exponential without wait_random', text: lines('from tenacity import retry, wait_fixed, wait_exponential', '@retry(wait=wait_fixed(2))', 'def a(): pass', '@retry(wait=wait_exponential(multiplier=1))', 'def b(): pass'), expect: [{ at: 'wait_fixed(2)', message: 'no backoff and no jitter' }, { at: 'wait_exponential(multiplier=1)', message: 'no jitter', fixed: 'wait_random_exponential(multiplier=1)' }] },
  { name: 'gives a bounded tenacity wait_fixed on a start-up function (waiting for the database) as a hint, and a retried request as a warning', text: lines('from tenacity import retry, stop_after_attempt, wait_fixed', '@retry(stop=stop_after_attempt(300), wait=wait_fixed(1))', 'def init(engine): pass', '@retry(stop=stop_after_attempt(3), wait=wait_fixed(1))', 'def fetch_orders(): pass', '@retry(wait=wait_fixed(1))', 'def wait_for_db(): pass'), expect: [{ at: 'wait_fixed(1)', message: 'A hint only: this is a start-up wait of one process', severity: 'hint' }, { at: 'wait_fixed(1)', message: 'no backoff and no jitter', severity: 'warning' }, { at: 'wait_fixed(1)', message: 'no backoff and no jitter', severity: 'warning' }] },
  { name: 'does not report tenacity wait_random_exponential or wait_exponential plus wait_random', text: lines('from tenacity import *', '@retry(wait=wait_random_exponential(max=60))', 'def a(): pass', '@retry(wait=wait_exponential() + wait_random(0, 2))', 'def b(): pass'), expect: [] },
];

const ts: CodeCase[] = [
  { name: 'reports a TypeScript retry loop awaiting a constant setTimeout', text: lines('for (let i = 0; i < 3; i++) {', '  try { return await call(); } catch {', '    await new Promise((r) => setTimeout(r, 500));', '  }', '}'), expect: [{ at: 'setTimeout(r, 500)', message: 'no backoff and no jitter', fixed: 'setTimeout(r, Math.random() * 500 * 2 ** i)' }] },
  { name: 'does not report waiting for the delay the server asked for (Retry-After)', text: lines('while (true) {', '  try { return await send(); } catch (e) {', '    await delay(retryAfterInMs);', '  }', '}'), expect: [] },
  { name: 'reads exponent notation as a constant delay', text: lines('for (let i = 0; i < 5; i++) {', '  try { return connect(); } catch {', '    await new Promise((r) => setTimeout(r, 1e3));', '  }', '}'), expect: [{ at: 'setTimeout(r, 1e3)', message: 'no backoff and no jitter' }] },
  { name: 'does not report a delay computed over several lines with backoff and jitter', text: lines('for (let attempt = 1; attempt < 5; attempt++) {', '  try { return await send(); } catch (e) {', '    const waitMs = Math.min(', '      applyJitter(backoff(attempt - 1, START, CAP)),', '      remaining,', '    );', '    await sleep(waitMs);', '  }', '}'), expect: [] },
  { name: 'reports axios-retry with a constant retryDelay', text: lines('import axiosRetry from "axios-retry";', 'axiosRetry(client, { retries: 3, retryDelay: () => 1000 });'), expect: [{ at: '() => 1000', message: 'constant', fixed: 'retryDelay: axiosRetry.exponentialDelay' }] },
  { name: 'does not report axios-retry with exponentialDelay', text: lines('import axiosRetry from "axios-retry";', 'axiosRetry(client, { retries: 3, retryDelay: axiosRetry.exponentialDelay });'), expect: [] },
  { name: 'reports p-retry with randomize: false', text: lines('import pRetry from "p-retry";', 'await pRetry(run, { retries: 5, randomize: false });'), expect: [{ at: 'false', message: 'no jitter', fixed: 'randomize: true' }] },
];

const go: CodeCase[] = [
  { name: 'reports a Go retry loop with a constant time.Sleep and adds backoff with jitter', text: lines('package main', '', 'import (', '\t"time"', ')', '', 'func charge() error {', '\tvar err error', '\tfor attempt := 0; attempt < 3; attempt++ {', '\t\tif err = call(); err == nil {', '\t\t\treturn nil', '\t\t}', '\t\tif err != nil {', '\t\t\ttime.Sleep(2 * time.Second)', '\t\t}', '\t}', '\treturn err', '}'), expect: [{ at: 'time.Sleep(2 * time.Second)', message: 'no backoff and no jitter', fixed: 'time.Sleep(time.Duration(rand.Int63n(int64(2 * time.Second) << attempt)))' }] },
  { name: 'does not report a Go ticker loop that checks no error', text: lines('package main', 'import "time"', 'func f() {', '\tfor {', '\t\ttick()', '\t\ttime.Sleep(time.Second)', '\t}', '}'), expect: [] },
];

go.push(
  { name: 'reports a linearly growing Go delay computed in the loop as missing jitter only', text: lines('package main', 'import "time"', 'func f() {', '\tfor i := 1; i <= 3; i++ {', '\t\tif err := start(); err != nil {', '\t\t\tlog("retrying", err)', '\t\t}', '\t\td := time.Second * 10 * time.Duration(i)', '\t\ttime.Sleep(d)', '\t}', '}'), expect: [{ at: 'time.Sleep(d)', message: ': no jitter' }] },
  { name: 'reports a constant wait after a 429 status as a retry', text: lines('package main', 'import "time"', 'func f() {', '\tfor {', '\t\tr, err := c.Get(u)', '\t\tif err != nil {', '\t\t\treturn', '\t\t}', '\t\tif r.StatusCode == 429 {', '\t\t\ttime.Sleep(500 * time.Millisecond)', '\t\t\tcontinue', '\t\t}', '\t\tbreak', '\t}', '}'), expect: [{ at: 'time.Sleep(500 * time.Millisecond)', message: 'no backoff and no jitter' }] },
  { name: 'does not report a busy-wait loop', text: lines('package main', 'import "time"', 'func f() error {', '\tfor {', '\t\tif err := g(); err != nil {', '\t\t\treturn err', '\t\t}', '\t\tfor !done() {', '\t\t\ttime.Sleep(10 * time.Millisecond)', '\t\t}', '\t}', '}'), expect: [] },
);
ts.push({ name: 'does not report UI timers in a loop with a try block', text: lines('for (const el of items) {', '  try { render(el); } catch (e) { log(e); }', '  setTimeout(() => el.focus(), 20);', '}'), expect: [] });

const java: CodeCase[] = [
  { name: 'reports a Java retry loop with a constant Thread.sleep', text: lines('class C {', '  void f() throws Exception {', '    for (int i = 0; i < 3; i++) {', '      try { call(); return; } catch (Exception e) { Thread.sleep(1000); }', '    }', '  }', '}'), expect: [{ at: 'Thread.sleep(1000)', message: 'no backoff and no jitter' }] },
  { name: 'reports a resilience4j retry with a fixed waitDuration', text: lines('import io.github.resilience4j.retry.RetryConfig;', 'class C { RetryConfig c = RetryConfig.custom().maxAttempts(3).waitDuration(Duration.ofMillis(500)).build(); }'), expect: [{ at: 'RetryConfig.custom().maxAttempts(3).waitDuration(Duration.ofMillis(500))', message: 'fixed interval' }] },
];

// A delay that grows with the attempt is backoff: missing jitter alone is information; a few attempts at start-up, a hint.
python.push(
  { name: 'reads a linear delay from the attempt as backoff (information: no jitter)', text: lines('import time', 'def fetch():', '    for attempt in range(20):', '        try:', '            return call()', '        except IOError:', '            time.sleep(attempt * 1.0)'), expect: [{ at: 'time.sleep(attempt * 1.0)', message: ': no jitter, so clients that failed together', severity: 'information' }] },
  { name: 'reads a delay doubled from itself as backoff', text: lines('import time', 'def fetch():', '    delay = 1', '    while True:', '        try:', '            return call()', '        except IOError:', '            time.sleep(delay)', '            delay = min(delay * 2, 30)'), expect: [{ at: 'time.sleep(delay)', message: ': no jitter', severity: 'information' }] },
  { name: 'makes a few attempts to reach the database at start-up a hint', text: lines('import time', 'def wait_for_db():', '    for attempt in range(5):', '        try:', '            return connect()', '        except IOError:', '            time.sleep(2)'), expect: [{ at: 'time.sleep(2)', message: 'at start-up', severity: 'hint' }] },
  { name: 'keeps a constant delay in a request path a warning', text: lines('import time', 'def charge(o):', '    for attempt in range(5):', '        try:', '            return post(o)', '        except IOError:', '            time.sleep(2)'), expect: [{ at: 'time.sleep(2)', message: 'no backoff and no jitter', severity: 'warning' }] },
);
ts.push(
  { name: 'reads Math.pow(2, n) as backoff (information: no jitter)', text: lines('async function send() {', '  for (let n = 0; n < 20; n++) {', '    try { return await call(); } catch {', '      await sleep(100 * Math.pow(2, n));', '    }', '  }', '}'), expect: [{ at: 'sleep(100 * Math.pow(2, n))', message: 'no jitter', severity: 'information' }] },
  { name: 'reads pause = pause * 2 as backoff', text: lines('async function send() {', '  let pause = 100;', '  while (true) {', '    try { return await call(); } catch {', '      await sleep(pause);', '      pause = pause * 2;', '    }', '  }', '}'), expect: [{ at: 'sleep(pause)', message: ': no jitter', severity: 'information' }] },
  { name: 'makes a bounded connect loop at start-up a hint', text: lines('async function connectDb() {', '  for (let i = 0; i < 5; i++) {', '    try { return await pool.connect(); } catch {', '      await sleep(1000);', '    }', '  }', '}'), expect: [{ at: 'sleep(1000)', message: 'at start-up', severity: 'hint' }] },
);
go.push(
  { name: 'reads time.Duration(i) * time.Second as backoff (information: no jitter)', text: lines('package main', 'import "time"', 'func send() error {', '\tfor i := 0; i < 20; i++ {', '\t\tif err := call(); err != nil {', '\t\t\ttime.Sleep(time.Duration(i) * time.Second)', '\t\t\tcontinue', '\t\t}', '\t\treturn nil', '\t}', '\treturn nil', '}'), expect: [{ at: 'time.Sleep(time.Duration(i) * time.Second)', message: 'no jitter', severity: 'information' }] },
  { name: 'reads 1 << i as backoff', text: lines('package main', 'import "time"', 'func send() error {', '\tfor i := 0; i < 20; i++ {', '\t\tif err := call(); err != nil {', '\t\t\ttime.Sleep(time.Duration(1<<i) * time.Second)', '\t\t\tcontinue', '\t\t}', '\t\treturn nil', '\t}', '\treturn nil', '}'), expect: [{ at: 'time.Sleep(time.Duration(1<<i) * time.Second)', message: 'no jitter', severity: 'information' }] },
  { name: 'reads pause = pause * 2 as backoff in Go', text: lines('package main', 'import "time"', 'func send() {', '\tpause := time.Second', '\tfor {', '\t\tif err := call(); err != nil {', '\t\t\ttime.Sleep(pause)', '\t\t\tpause = pause * 2', '\t\t\tcontinue', '\t\t}', '\t\tbreak', '\t}', '}'), expect: [{ at: 'time.Sleep(pause)', message: ': no jitter', severity: 'information' }] },
  { name: 'makes a three-attempt profiler start-up loop a hint', text: lines('package main', 'import "time"', 'func initProfiling() {', '\tfor i := 1; i <= 3; i++ {', '\t\tif err := start(); err != nil {', '\t\t\tlog("retrying", err)', '\t\t} else {', '\t\t\treturn', '\t\t}', '\t\td := time.Second * 10 * time.Duration(i)', '\t\ttime.Sleep(d)', '\t}', '}'), expect: [{ at: 'time.Sleep(d)', message: 'at start-up', severity: 'hint' }] },
);
java.push(
  { name: 'reads 1000L * attempt as backoff (information: no jitter)', text: lines('class C {', '  void send() throws Exception {', '    for (int attempt = 1; attempt < 20; attempt++) {', '      try { call(); return; } catch (Exception e) { Thread.sleep(1000L * attempt); }', '    }', '  }', '}'), expect: [{ at: 'Thread.sleep(1000L * attempt)', message: 'no jitter', severity: 'information' }] },
  { name: 'reads delay = Math.min(delay * 2, cap) as backoff', text: lines('class C {', '  void send() throws Exception {', '    long delay = 100;', '    while (true) {', '      try { call(); return; } catch (Exception e) { Thread.sleep(delay); delay = Math.min(delay * 2, 30000); }', '    }', '  }', '}'), expect: [{ at: 'Thread.sleep(delay)', message: ': no jitter', severity: 'information' }] },
  { name: 'reads 100L << i as backoff', text: lines('class C {', '  void send() throws Exception {', '    for (int i = 0; i < 20; i++) {', '      try { call(); return; } catch (Exception e) { Thread.sleep(100L << i); }', '    }', '  }', '}'), expect: [{ at: 'Thread.sleep(100L << i)', message: 'no jitter', severity: 'information' }] },
  { name: 'makes a bounded wait for the database in main a hint', text: lines('class App {', '  public static void main(String[] args) throws Exception {', '    for (int i = 0; i < 5; i++) {', '      try { connect(); break; } catch (Exception e) { Thread.sleep(2000); }', '    }', '  }', '}'), expect: [{ at: 'Thread.sleep(2000)', message: 'at start-up', severity: 'hint' }] },
);

describe('retry-without-backoff in Python', () => runCases(RULE, 'app.py', python));
describe('retry-without-backoff in TypeScript', () => runCases(RULE, 'client.ts', ts));
describe('retry-without-backoff in Go', () => runCases(RULE, 'main.go', go));
describe('retry-without-backoff in Java', () => runCases(RULE, 'C.java', java));
