import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mapSpecs, nameKey, type ServiceFolder } from '../../../server/src/core/workspace/specs/mapping';

const SERVICES: ServiceFolder[] = [
  { id: 'orders', name: 'orders', dir: '/w/orders' },
  { id: 'payment-service', name: 'payment-service', dir: '/w/payment' },
  { id: 'catalogue', name: 'catalogue', dir: '/w/catalogue' },
];
const none = new Map();

function map(path: string, title?: string, services = SERVICES, config = [] as Parameters<typeof mapSpecs>[2]) {
  return mapSpecs([{ path, title }], services, config, none);
}

describe('which spec belongs to which service', () => {
  it('gives a spec in a service folder to that service', () => {
    assert.deepEqual(map('/w/orders/api/openapi.yaml').mappings.map((m) => [m.service, m.via]), [['orders', 'folder']]);
  });

  it('gives a spec whose file name names a service to it', () => {
    assert.deepEqual(map('/w/api/payments.yaml').mappings.map((m) => [m.service, m.via]), [['payment-service', 'file name']]);
  });

  it('does not give a spec of one version to the service of another (content-analysis-v2.yaml, service content-analysis-v3), and gives it to the same version', () => {
    const versioned: ServiceFolder[] = [{ id: 'content-analysis-v3', name: 'content-analysis-v3', dir: '/w/services/content-analysis-v3' }];
    assert.deepEqual(map('/w/docs/api/content-analysis-v2.yaml', undefined, versioned).mappings, []);
    assert.deepEqual(map('/w/docs/api/content-analysis-v3.yaml', undefined, versioned).mappings.map((m) => m.service), ['content-analysis-v3']);
    assert.deepEqual(map('/w/docs/api/content-analysis.yaml', undefined, versioned).mappings.map((m) => m.service), ['content-analysis-v3']);
  });

  it('gives a spec whose title names a service to it', () => {
    assert.deepEqual(map('/w/api/openapi.yaml', 'Sock Shop Catalogue API').mappings.map((m) => [m.service, m.via]), [['catalogue', 'title']]);
  });

  it('leaves a spec that names no service unmapped, with the reason', () => {
    const r = map('/w/api/openapi.yaml', 'Petstore');
    assert.equal(r.mappings.length, 0);
    assert.match(r.skipped[0].reason, /no service folder holds it/);
  });

  it('skips a spec whose title names two services instead of guessing', () => {
    const r = map('/w/api/openapi.yaml', 'Orders and Catalogue');
    assert.equal(r.mappings.length, 0);
    assert.match(r.skipped[0].reason, /names several services \(orders, catalogue\)/);
  });

  it('skips a spec in one service folder that names another service', () => {
    const r = map('/w/orders/specs/catalogue.yaml');
    assert.equal(r.mappings.length, 0);
    assert.match(r.skipped[0].reason, /folder of service orders but its file name names catalogue/);
  });

  it('gives a spec in a folder that two services build to that one code base, or to the one its title names', () => {
    const shared = [...SERVICES, { id: 'web', name: 'web', dir: '/w/shop' }, { id: 'worker', name: 'worker', dir: '/w/shop' }];
    assert.deepEqual(map('/w/shop/openapi.yaml', undefined, shared).mappings.map((m) => [m.service, m.dir]), [['web, worker', '/w/shop']]);
    assert.deepEqual(map('/w/shop/openapi.yaml', 'Web', shared).mappings.map((m) => m.service), ['web']);
    assert.match(map('/w/shop/openapi.yaml', 'Orders', shared).skipped[0].reason, /several services \(web, worker\)/);
  });

  it('follows the config file over every other sign, with its gateway prefix', () => {
    const r = map('/w/orders/openapi.yaml', undefined, SERVICES, [{ service: 'catalogue', specs: ['/w/orders/openapi.yaml'], prefix: '/cat' }]);
    assert.deepEqual(r.mappings.map((m) => [m.service, m.via, m.prefix]), [['catalogue', 'config', '/cat']]);
  });

  it('reports a config entry naming a service that does not exist as skipped', () => {
    const r = map('/w/api/x.yaml', undefined, SERVICES, [{ service: 'nope', specs: ['/w/api/x.yaml'] }]);
    assert.match(r.skipped[0].reason, /service 'nope', which no compose file/);
  });

  it('reads service names without their noise words', () => {
    assert.equal(nameKey('OrdersService'), 'order');
    assert.equal(nameKey('orders-svc'), 'order');
    assert.equal(nameKey('Orders API v2'), 'order');
    assert.equal(nameKey('openapi'), '');
  });
});
