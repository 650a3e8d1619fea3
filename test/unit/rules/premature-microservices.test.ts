import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lines } from './helpers';
import { summary, systemFindings } from './serviceHelpers';

const RULE = 'premature-microservices';
const NAMES = ['users', 'orders', 'carts', 'catalog', 'payments'];

/** Five built services of `size` lines each; `shared`: each connects to one Postgres. */
function system(size: number, shared: boolean, count = NAMES.length, store = { url: 'postgres://db:5432/shop', image: 'postgres:16' }): Record<string, string> {
  const names = NAMES.slice(0, count);
  const compose = ['services:', ...names.flatMap((n) => [`  ${n}:`, `    build: ./${n}`, ...(shared ? ['    environment:', `      DATABASE_URL: ${store.url}`] : [])]), '  db:', `    image: ${store.image}`];
  const files: Record<string, string> = { '/w/compose.yaml': lines(...compose) };
  for (const n of names) files[`/w/${n}/app.py`] = lines('from flask import Flask', 'app = Flask(__name__)', ...Array.from({ length: size - 2 }, (_, i) => `x${i} = ${i}`));
  return files;
}

describe(RULE, () => {
  it('reports five small services sharing one database, once, on the first service', async () => {
    const f = await systemFindings([RULE], system(120, true));
    assert.deepEqual(summary(f), ['premature-microservices /w/compose.yaml:2']);
    assert.match(f[0].message, /5 services with a median of 120 lines of code each .*5 of them share database 'shop' on db/);
    assert.equal(f[0].related?.length, 5);
  });

  it('leaves alone services that are large, independent, or too few', async () => {
    assert.deepEqual(await systemFindings([RULE], system(800, true)), []);
    assert.deepEqual(await systemFindings([RULE], system(120, false)), []);
    assert.deepEqual(await systemFindings([RULE], system(120, true, 4)), []);
  });

  it('counts copies of one service (built from the same folder) once: four services and two replicas are too few', async () => {
    const files = system(120, true, 4);
    files['/w/compose.yaml'] = files['/w/compose.yaml'].replace('  db:', lines('  users-2:', '    build: ./users', '    environment:', '      DATABASE_URL: postgres://db:5432/shop', '  users-3:', '    build: ./users', '    environment:', '      DATABASE_URL: postgres://db:5432/shop', '  db:'));
    assert.deepEqual(await systemFindings([RULE], files), []);
    const five = system(120, true);
    five['/w/compose.yaml'] = five['/w/compose.yaml'].replace('  db:', lines('  users-2:', '    build: ./users', '  db:'));
    const f = await systemFindings([RULE], five);
    assert.match(f[0].message, /^5 services .*5 of them share/);
  });

  it('does not count a load generator or a reverse proxy serving the browser code: four services and those two are too few', async () => {
    const files = system(120, true, 4);
    files['/w/compose.yaml'] = files['/w/compose.yaml'].replace('  db:', lines('  load:', '    build: ./load-gen', '    environment:', '      DATABASE_URL: postgres://db:5432/shop', '  web:', '    build: ./web', '  db:'));
    files['/w/load-gen/robot.py'] = lines('from locust import HttpUser', ...Array.from({ length: 100 }, (_, i) => `x${i} = ${i}`));
    files['/w/web/Dockerfile'] = 'FROM nginx:1.27.0\nCOPY static /usr/share/nginx/html\n';
    files['/w/web/static/js/controller.js'] = lines(...Array.from({ length: 100 }, (_, i) => `var x${i} = ${i};`));
    assert.deepEqual(await systemFindings([RULE], files), []);
    const five = system(120, true);
    five['/w/compose.yaml'] = five['/w/compose.yaml'].replace('  db:', lines('  load:', '    build: ./load-gen', '  db:'));
    five['/w/load-gen/robot.py'] = lines('from locust import HttpUser', 'x = 1');
    assert.match((await systemFindings([RULE], five))[0].message, /^5 services /);
  });

  it('does not count a shared message broker as coupling: it is what decouples the services', async () => {
    const broker = { url: 'amqp://db:5672', image: 'rabbitmq:3.13' };
    assert.deepEqual(await systemFindings([RULE], system(120, true, NAMES.length, broker)), []);
  });

  it('does not count one database server that holds a database for each service as sharing', async () => {
    const files = system(120, true);
    files['/w/compose.yaml'] = files['/w/compose.yaml'].replace(/(  (\w+):\n    build: \.\/\w+\n    environment:\n      DATABASE_URL: postgres:\/\/db:5432\/)shop/g, '$1$2');
    assert.match(files['/w/compose.yaml'], /db:5432\/carts/);
    assert.deepEqual(await systemFindings([RULE], files), []);
  });

  it('follows the thresholds of the config file', async () => {
    const config = { thresholds: { 'premature-microservices': { minServices: 4, medianLines: 1000 } } };
    assert.deepEqual(summary(await systemFindings([RULE], system(800, true, 4), config)), ['premature-microservices /w/compose.yaml:2']);
  });
});
