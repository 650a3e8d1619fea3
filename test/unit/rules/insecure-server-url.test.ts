import { describe } from 'node:test';
import { ok, ruleCases, spec, type V } from '../openapi/build';

const paths = { '/v1/orders': { get: { responses: ok } } };
/** Servers in 3.x, host + schemes in 2.0. */
const served = (v: V, url: string) => {
  if (v !== '2.0') return spec(v, { servers: [{ url }], paths });
  const m = /^(\w+):\/\/([^/]*)(.*)$/.exec(url)!;
  return spec(v, { host: m[2], basePath: m[3] || '/', schemes: [m[1]], paths });
};

describe('insecure-server-url', () => {
  ruleCases('insecure-server-url', [
    { name: 'reports a plain-HTTP public server and fixes it to https', doc: (v) => served(v, 'http://api.shop.example.com/v1'), expect: [{ message: 'HTTP', at: 'http', fix: true }] },
    {
      name: 'reports each plain-HTTP server once, in the root list and on an operation',
      versions: ['3.0', '3.1'],
      doc: (v) => spec(v, { servers: [{ url: 'http://a.example.com' }, { url: 'https://b.example.com' }], paths: { '/v1/x': { get: { servers: [{ url: 'http://c.example.com' }], responses: ok } } } }),
      expect: [{ message: 'http://a.example.com', fix: true }, { message: 'http://c.example.com', fix: true }],
    },
    { name: 'reports Swagger schemes that allow http besides https, without a fix', versions: ['2.0'], doc: (v) => spec(v, { host: 'api.example.com', schemes: ['http', 'https'], paths }), expect: [{ message: 'besides https', at: 'http' }] },
    { name: 'leaves Swagger schemes of http and https without a host to the deployment (no server named)', versions: ['2.0'], doc: (v) => spec(v, { schemes: ['http', 'https'], paths }), expect: [] },
    { name: 'reports Swagger schemes of http alone without a host', versions: ['2.0'], doc: (v) => spec(v, { schemes: ['http'], paths }), expect: [{ message: 'schemes allows plain HTTP: serve the API over https only', at: 'http' }] },
    { name: 'finds nothing for an https server', doc: (v) => served(v, 'https://api.shop.example.com/v1'), expect: [] },
    { name: 'finds nothing for a localhost server', doc: (v) => served(v, 'http://localhost:8080/v1'), expect: [] },
    { name: 'finds nothing for a host of the system\'s own network: a compose service name, a cluster DNS name, a private address', versions: ['3.0', '3.1'], doc: (v) => spec(v, { servers: [{ url: 'http://analytics-service:8000' }, { url: 'http://orders.shop.svc.cluster.local/v1' }, { url: 'http://10.0.3.7:8080' }, { url: 'http://192.168.1.20' }], paths }), expect: [] },
    { name: 'still reports a public address and a public IP', versions: ['3.0', '3.1'], doc: (v) => spec(v, { servers: [{ url: 'http://api.example.com' }, { url: 'http://77.24.99.81:8000' }, { url: 'http://172.32.0.1' }], paths }), expect: [{ message: 'api.example.com' }, { message: '77.24.99.81' }, { message: '172.32.0.1' }] },
    { name: 'finds nothing for 127.0.0.1', doc: (v) => served(v, 'http://127.0.0.1:3000'), expect: [] },
    { name: 'finds nothing for a relative or templated server URL', versions: ['3.0', '3.1'], doc: (v) => spec(v, { servers: [{ url: '/api/v1' }, { url: '{scheme}://api.example.com' }, { url: 'http://{host}/v1' }], paths }), expect: [] },
  ], 'warning');
});
