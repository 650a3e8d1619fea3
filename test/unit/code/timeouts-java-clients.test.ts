import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { findingsOf, lines } from '../rules/helpers';

const RULE = 'missing-timeout';

const cases: { name: string; text: string; expect: string[] }[] = [
  { name: 'reports RestClient.create()', text: lines('import org.springframework.web.client.RestClient;', 'class A { RestClient c = RestClient.create(); }'), expect: ['RestClient.create() sets no timeouts'] },
  { name: 'reports RestClient.builder() without a request factory', text: lines('import org.springframework.web.client.RestClient;', 'class A { RestClient c = RestClient.builder().baseUrl("http://orders").build(); }'), expect: ['RestClient.builder() sets no timeouts'] },
  { name: 'does not report RestClient.builder() given a request factory', text: lines('import org.springframework.web.client.RestClient;', 'class A { RestClient c = RestClient.builder().requestFactory(factory).build(); }'), expect: [] },
  { name: 'does not take Elasticsearch\'s low-level RestClient for Spring\'s (told apart by the import)', text: lines('import org.elasticsearch.client.RestClient;', 'class A { RestClient c = RestClient.builder(new HttpHost("es", 9200)).build(); }'), expect: [] },
  { name: "reports an injected RestClient.Builder's build() as a RestClient without timeouts, not as a RestTemplateBuilder named in a comment", text: lines('//import org.springframework.boot.web.client.RestTemplateBuilder;', 'import org.springframework.web.client.RestClient;', 'class A {', '  RestClient restClient(RestClient.Builder builder) { return builder.build(); }', '}'), expect: ['This RestClient.Builder builds a RestClient without timeouts'] },
  { name: 'reports RestTemplateBuilder.build() without timeouts', text: lines('class A {', '  RestTemplate rt(RestTemplateBuilder builder) { return builder.build(); }', '}'), expect: ['This RestTemplateBuilder builds a RestTemplate without connect or read timeouts'] },
  { name: 'does not report RestTemplateBuilder with read and connect timeouts', text: lines('class A {', '  RestTemplate rt(RestTemplateBuilder builder) { return builder.connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(5)).build(); }', '}'), expect: [] },
  { name: 'reports HttpClients.createDefault()', text: lines('class A { CloseableHttpClient c = HttpClients.createDefault(); }'), expect: ['HttpClients.createDefault() builds an Apache HttpClient without a RequestConfig'] },
  { name: 'does not report an Apache client with a default RequestConfig', text: lines('class A { CloseableHttpClient c = HttpClients.custom().setDefaultRequestConfig(cfg).build(); }'), expect: [] },
  { name: 'does not report OkHttp, whose defaults are bounded', text: lines('class A { OkHttpClient c = new OkHttpClient(); }'), expect: [] },
  { name: 'reports a Feign client on Feign\'s default timeouts as information', text: lines('@FeignClient(name = "orders")', 'interface Orders { @GetMapping("/orders") List<Order> all(); }'), expect: ['This Feign client runs on Feign\'s default timeouts'] },
];

describe('missing-timeout: Java HTTP clients', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const found = await findingsOf(RULE, 'Client.java', c.text);
      assert.deepEqual(found.map((f) => c.expect.find((e) => f.message.includes(e)) ?? f.message), c.expect);
    });
  }

  it('does not report a Feign client or RestClient when application.yml sets client timeouts', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ba-spring-'));
    const java = join(root, 'src/main/java/shop');
    mkdirSync(java, { recursive: true });
    mkdirSync(join(root, 'src/main/resources'), { recursive: true });
    writeFileSync(join(root, 'src/main/resources/application.yml'), lines('spring:', '  cloud:', '    openfeign:', '      client:', '        config:', '          default:', '            connectTimeout: 2000', '            readTimeout: 5000'));
    const text = lines('@FeignClient(name = "orders")', 'interface Orders { @GetMapping("/orders") List<Order> all(); }');
    assert.deepEqual(await findingsOf(RULE, join(java, 'Orders.java'), text), []);
    const without = join(mkdtempSync(join(tmpdir(), 'ba-spring-')), 'src/main/java/Orders.java');
    assert.equal((await findingsOf(RULE, without, text)).length, 1);
  });
});

describe('missing-timeout: Feign clients behind a breaker starter', () => {
  it('does not report a Feign client of a module whose pom.xml declares a Hystrix starter', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ba-feign-'));
    mkdirSync(join(root, 'src/main/java'), { recursive: true });
    writeFileSync(join(root, 'pom.xml'), '<project><dependency><artifactId>spring-cloud-starter-netflix-hystrix</artifactId></dependency></project>\n');
    const text = lines('@FeignClient(name = "auth")', 'interface Auth { @PostMapping("/users") void create(User u); }');
    assert.deepEqual(await findingsOf(RULE, join(root, 'src/main/java/Auth.java'), text), []);
  });
});

describe('missing-timeout: the Feign clients of one module', () => {
  it('reports one finding per module, on the first client in path order, the others related, and names the key of the build\'s Spring Cloud', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ba-feign-'));
    const java = join(root, 'src/main/java/bank');
    mkdirSync(java, { recursive: true });
    writeFileSync(join(root, 'pom.xml'), lines('<project><parent><artifactId>spring-boot-starter-parent</artifactId>', '<version>2.7.14</version></parent></project>'));
    const client = (name: string) => lines(`@FeignClient(name = "${name}")`, `interface ${name} { @GetMapping("/x") String get(); }`);
    for (const name of ['Accounts', 'Transactions', 'Users']) writeFileSync(join(java, `${name}.java`), client(name));
    const first = await findingsOf(RULE, join(java, 'Accounts.java'), client('Accounts'));
    assert.equal(first.length, 1);
    assert.match(first[0].message, /as do 2 more of this module: set connect and read timeouts \(feign\.client\.config, under default or per client\)/);
    assert.deepEqual(first[0].related?.map((r) => r.path?.split('/').pop()), ['Transactions.java', 'Users.java']);
    assert.deepEqual(await findingsOf(RULE, join(java, 'Users.java'), client('Users')), []);
  });

  it('takes no file that names @FeignClient only in a comment (an enabling annotation\'s Javadoc) for a client', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ba-feign-'));
    const java = join(root, 'src/main/java/bank');
    mkdirSync(java, { recursive: true });
    const enabling = lines('@EnableFeignClients', 'public @interface EnableBankFeignClients {', '  /** List of classes annotated with @FeignClient. */', '  Class<?>[] clients() default {};', '}');
    writeFileSync(join(java, 'AEnableBankFeignClients.java'), enabling);
    const client = lines('@FeignClient(name = "users")', 'interface Users { @GetMapping("/x") String get(); }');
    writeFileSync(join(java, 'Users.java'), client);
    assert.deepEqual(await findingsOf(RULE, join(java, 'AEnableBankFeignClients.java'), enabling), []);
    const found = await findingsOf(RULE, join(java, 'Users.java'), client);
    assert.equal(found.length, 1);
    assert.doesNotMatch(found[0].message, /more of this module/);
  });
});
