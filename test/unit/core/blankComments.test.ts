import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { blankComments } from '../../../server/src/core/text/blankComments';
import { scanFile } from '../../../server/src/core/code/breakers';

describe('blankComments', () => {
  it('blanks // and /* */ comments, keeping offsets, lines and the // of a URL in a string', () => {
    const text = 'const a = "http://orders:8080"; // call "http://old"\n/* fetch("http://users")\n*/ b();';
    const out = blankComments(text, 'js');
    assert.equal(out.length, text.length);
    assert.equal(out.split('\n').length, 3);
    assert.match(out, /"http:\/\/orders:8080"/);
    assert.doesNotMatch(out, /old|users/);
    assert.match(out, /\*?\s*b\(\);$/);
  });

  it("blanks Python's # comments, not a # inside a string, and skips triple-quoted strings whole", () => {
    const text = "url = 'http://a/#frag'  # requests.get('http://b')\ns = '''it's # not a comment'''\n";
    const out = blankComments(text, 'py');
    assert.match(out, /'http:\/\/a\/#frag'/);
    assert.doesNotMatch(out, /http:\/\/b/);
    assert.match(out, /# not a comment'''/);
  });

  it('leaves no outbound call in commented-out Java', () => {
    const java = 'class R {\n  /*\n  Mono<String> x() { return webClient.get().uri("http://card:9000/api").retrieve(); }\n  */\n}\n';
    assert.deepEqual(scanFile('/w/RouteConfig.java', java).calls, []);
    assert.equal(scanFile('/w/RouteConfig.java', java.replace('/*', '').replace('*/', '')).calls.length, 1);
  });
});
