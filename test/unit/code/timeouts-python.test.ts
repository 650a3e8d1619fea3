import { describe } from 'node:test';
import { lines } from '../rules/helpers';
import { runCases, type CodeCase } from './table';

// requests is covered by test/unit/rules/missing-timeout.test.ts; these are the other Python clients.
const cases: CodeCase[] = [
  { name: 'reports httpx calls and clients with timeout=None', text: lines('import httpx', 'httpx.get(u, timeout=None)', 'c = httpx.Client(timeout=None)', 'a = httpx.AsyncClient(timeout=httpx.Timeout(None))'), expect: [
    { at: 'None', message: "turning off httpx's 5 s default", fixed: 'httpx.get(u, timeout=10)' },
    { at: 'None', message: 'timeout=None' },
    { at: 'httpx.Timeout(None)', message: 'timeout=None' },
  ] },
  { name: 'does not report httpx without a timeout, whose default is 5 s', text: lines('import httpx', 'httpx.get(u)', 'with httpx.Client() as c:', '    c.get(u)', 'httpx.post(u, timeout=3)'), expect: [] },
  { name: 'reports an aiohttp ClientSession without a ClientTimeout and adds one', text: lines('import aiohttp', 'async def f():', '    async with aiohttp.ClientSession() as s:', '        await s.get(u)'), expect: [{ at: 'aiohttp.ClientSession', message: 'up to 300 s', fixed: 'aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10))' }] },
  { name: 'does not report an aiohttp ClientSession whose every request passes timeout=', text: lines('import aiohttp', 'async def f(cfg):', '    async with aiohttp.ClientSession() as session:', '        async with session.get(u, params=p, timeout=cfg.REQUEST_TIMEOUT) as r:', '            await r.json()', '        await session.post(u, json={}, timeout=5)'), expect: [] },
  { name: 'reports an aiohttp ClientSession when one of its requests passes no timeout', text: lines('import aiohttp', 'async def f(cfg):', '    async with aiohttp.ClientSession() as session:', '        await session.get(u, timeout=5)', '        await session.post(u, json={})'), expect: [{ at: 'aiohttp.ClientSession', message: 'up to 300 s' }] },
  { name: 'does not report an aiohttp ClientSession made for one chained request that passes timeout=', text: lines('import aiohttp', 'async def stop(url):', '    await aiohttp.ClientSession().get(f"{url}/stop", timeout=5)'), expect: [] },
  { name: 'reports an aiohttp ClientSession made for one chained request without a timeout', text: lines('import aiohttp', 'async def stop(url):', '    await aiohttp.ClientSession().get(f"{url}/stop")'), expect: [{ at: 'aiohttp.ClientSession', message: 'up to 300 s' }] },
  { name: 'does not report an aiohttp ClientSession with a timeout', text: lines('from aiohttp import ClientSession, ClientTimeout', 'ClientSession(timeout=ClientTimeout(total=5))'), expect: [] },
  { name: 'reports urllib.request.urlopen without a timeout', text: lines('import urllib.request', 'urllib.request.urlopen(u)', 'from urllib.request import urlopen', 'urlopen(u, data)'), expect: [
    { at: 'urllib.request.urlopen', message: 'no timeout', fixed: 'urllib.request.urlopen(u, timeout=10)' },
    { at: 'urlopen', message: 'no timeout', fixed: 'urlopen(u, data, timeout=10)' },
  ] },
  { name: 'does not report urlopen with a timeout, positional or keyword', text: lines('from urllib.request import urlopen', 'urlopen(u, timeout=5)', 'urlopen(u, None, 5)'), expect: [] },
  { name: 'reports a requests Session kept on an attribute', text: lines('import requests', 'class C:', '    def __init__(self):', '        self.http = requests.Session()', '    def f(self):', '        return self.http.get(u)'), expect: [{ at: 'self.http.get', message: 'has no timeout' }] },
];

describe('missing-timeout in Python beyond requests', () => runCases('missing-timeout', 'client.py', cases));
