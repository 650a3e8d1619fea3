import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { markedGenerated } from '../../../server/src/core/openapi/gitattributes';

describe('.gitattributes linguist-generated', () => {
  it('reads folder globs, names at any depth, anchored paths and a bare attribute', () => {
    const text = ['# generated clients and specs', 'docs/openapi/** linguist-generated=true', '*.gen.yaml linguist-generated', '/api/openapi.json text linguist-generated=true', 'sdk/** -diff'].join('\n');
    assert.equal(markedGenerated(text, 'docs/openapi/2026-04.openapi.json'), true);
    assert.equal(markedGenerated(text, 'services/shop/shop.gen.yaml'), true);
    assert.equal(markedGenerated(text, 'api/openapi.json'), true);
    assert.equal(markedGenerated(text, 'docs/api/openapi.json'), false, 'an anchored path matches only from the folder of the file');
    assert.equal(markedGenerated(text, 'openapi/shop.yaml'), false);
    assert.equal(markedGenerated(text, 'sdk/openapi.yaml'), false, 'another attribute says nothing');
  });
  it('lets a later line unset the mark, as git does', () => {
    const text = ['docs/** linguist-generated=true', 'docs/openapi/hand.yaml -linguist-generated'].join('\n');
    assert.equal(markedGenerated(text, 'docs/openapi/hand.yaml'), false);
    assert.equal(markedGenerated(text, 'docs/openapi/other.yaml'), true);
  });
});
