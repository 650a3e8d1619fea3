import { describe } from 'node:test';
import { lines } from '../rules/helpers';
import { runCases, type CodeCase } from './table';

const cls = (imports: string[], ...body: string[]) => lines('package shop;', '', ...imports.map((i) => `import ${i};`), '', 'class Client {', ...body.map((b) => `  ${b}`), '}');

const cases: CodeCase[] = [
  { name: 'reports HttpClient.newHttpClient() and replaces it with a builder that sets connectTimeout', text: cls(['java.net.http.HttpClient'], 'HttpClient c = HttpClient.newHttpClient();'), expect: [{ at: 'HttpClient.newHttpClient()', message: 'no connect timeout', fixed: 'HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();' }] },
  { name: 'the fix imports java.time.Duration once', text: cls(['java.net.http.HttpClient'], 'HttpClient c = HttpClient.newHttpClient();'), expect: [{ at: 'HttpClient.newHttpClient()', message: 'connect timeout', fixed: 'import java.net.http.HttpClient;\nimport java.time.Duration;' }] },
  { name: 'reports an HttpClient builder without connectTimeout', text: cls(['java.net.http.HttpClient', 'java.time.Duration'], 'HttpClient c = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();'), expect: [{ at: 'HttpClient.newBuilder()', message: 'sets no connectTimeout', fixed: 'HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).version' }] },
  { name: 'reports an HttpRequest builder without timeout', text: cls(['java.net.http.HttpRequest', 'java.time.Duration'], 'HttpRequest r = HttpRequest.newBuilder(uri).GET().build();'), expect: [{ at: 'HttpRequest.newBuilder(uri)', message: 'has no timeout', fixed: 'HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET()' }] },
  { name: 'does not report builders with connectTimeout and timeout', text: cls(['java.net.http.*', 'java.time.Duration'], 'HttpClient c = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();', 'HttpRequest r = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build();'), expect: [] },
  { name: 'reports new RestTemplate() without a request factory', text: cls(['org.springframework.web.client.RestTemplate'], 'RestTemplate rt = new RestTemplate();'), expect: [{ at: 'new RestTemplate()', message: 'without timeouts' }] },
  { name: 'does not report a RestTemplate given a request factory', text: cls([], 'RestTemplate a = new RestTemplate(factory);', 'RestTemplate b() { RestTemplate t = new RestTemplate(); t.setRequestFactory(f); return t; }'), expect: [] },
  { name: 'reports a WebClient without a response timeout', text: cls([], 'WebClient w = WebClient.create("http://users");'), expect: [{ at: 'WebClient.create("http://users")', message: 'no response timeout' }] },
  { name: 'does not report a WebClient whose HttpClient sets responseTimeout', text: cls([], 'WebClient w = WebClient.builder().clientConnector(new ReactorClientHttpConnector(HttpClient.create().responseTimeout(Duration.ofSeconds(5)))).build();'), expect: [] },
  { name: 'does not report OkHttp, whose default timeouts are bounded', text: cls(['okhttp3.OkHttpClient'], 'OkHttpClient c = new OkHttpClient();'), expect: [] },
];

describe('missing-timeout in Java', () => runCases('missing-timeout', 'Client.java', cases));
