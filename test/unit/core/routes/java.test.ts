import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractRoutes } from '../../../../server/src/core/code/routes/index';
import { applySecurityConfig } from '../../../../server/src/core/code/routes/javaSecurity';
import type { FileRoutes } from '../../../../server/src/core/code/routes/types';
import { makeSource } from '../../../../server/src/core/documents/source';
import { parseCode } from '../../../../server/src/core/documents/treeSitter';
import { lines } from '../../rules/helpers';

async function extract(text: string, file = 'src/main/java/App.java'): Promise<FileRoutes> {
  return extractRoutes(makeSource(file, text, 'java'), await parseCode('java', text));
}

const show = (f: FileRoutes) => f.routes.map((r) => `${r.method} ${r.path}${r.router ? ` @${r.router}` : ''}${r.auth.length ? ` auth=${r.auth.map((a) => `${a.kind}:${a.name}`).join('+')}` : ''}`);

interface Case { name: string; text: string; routes?: string[]; mounts?: string[]; skipped?: string[] }

const cls = (...body: string[]) => lines('package x;', ...body);

const cases: Case[] = [
  { name: 'reads Spring mappings under the class-level @RequestMapping prefix', text: cls('@RestController', '@RequestMapping("/owners")', 'class OwnerResource {', '  @GetMapping("/{ownerId}") Owner find(@PathVariable int ownerId) { return null; }', '  @PostMapping Owner create() { return null; }', '  @PutMapping(value = "/{id}") void update() {}', '  @DeleteMapping(path = "{id}") void delete() {}', '}'), routes: ['GET /owners/{ownerId}', 'POST /owners', 'PUT /owners/{id}', 'DELETE /owners/{id}'] },
  { name: 'reads @RequestMapping with methods, arrays of paths and no method as any method', text: cls('@Controller', 'class A {', '  @RequestMapping(method = RequestMethod.GET, value = "/a")', '  String a() { return ""; }', '  @RequestMapping(path = {"/b", "/c"}, method = {RequestMethod.PUT, RequestMethod.PATCH})', '  void b() {}', '  @RequestMapping("/any")', '  void any() {}', '}'), routes: ['GET /a', 'PUT /b', 'PATCH /b', 'PUT /c', 'PATCH /c', 'ANY /any'] },
  { name: 'multiplies an array of class prefixes by the method paths', text: cls('@RestController', '@RequestMapping({"/v1/items", "/v2/items"})', 'class A {', '  @GetMapping("/{id}") void get() {}', '}'), routes: ['GET /v1/items/{id}', 'GET /v2/items/{id}'] },
  { name: 'resolves paths joined from static final constants of the file', text: cls('@RestController', '@RequestMapping(Api.BASE + "/vets")', 'class A {', '  static final String BASE = "/api";', '  @GetMapping(BASE_ID) void get() {}', '  private static final String BASE_ID = "/{id}";', '}'), routes: ['GET /api/vets/{id}'] },
  { name: 'skips a mapping whose path comes from elsewhere, with the expression', text: cls('@RestController', 'class A {', '  @GetMapping(Paths.ORDERS) void get() {}', '}'), routes: [], skipped: ['path built at run time: `Paths.ORDERS`'] },
  { name: 'does not read the mappings of a Feign client as routes', text: cls('@FeignClient(name = "customers")', 'interface CustomersClient {', '  @GetMapping("/owners/{id}") Owner get(@PathVariable int id);', '}'), routes: [] },
  { name: 'reads nothing from a class without mappings', text: cls('@Service', 'class A {', '  String path = "/x";', '  @Transactional void get() {}', '}'), routes: [] },
  { name: 'reads method and class security annotations as auth, and @PermitAll as none', text: cls('@RestController', '@PreAuthorize("hasRole(\'USER\')")', 'class A {', '  @GetMapping("/a") void a() {}', '  @Secured("ROLE_ADMIN") @PostMapping("/b") void b() {}', '  @PermitAll @GetMapping("/c") void c() {}', '  @PreAuthorize("permitAll()") @GetMapping("/d") void d() {}', '}'), routes: ["GET /a auth=decorator:@PreAuthorize(\"hasRole('USER')\")", 'POST /b auth=decorator:@Secured("ROLE_ADMIN")', 'GET /c', 'GET /d'] },
  // JAX-RS
  { name: 'reads JAX-RS resources as routes keyed for the application path', text: cls('@Path("/orders")', 'public class OrderResource {', '  @GET public List<Order> list() { return null; }', '  @GET @Path("{id}") public Order get() { return null; }', '  @POST @RolesAllowed("admin") public void create() {}', '}'), routes: ['GET /orders @java:jaxrs', 'GET /orders/{id} @java:jaxrs', 'POST /orders @java:jaxrs auth=decorator:@RolesAllowed("admin")'] },
  { name: 'applies @ApplicationPath of the same file as a prefix', text: cls('@ApplicationPath("/api")', 'class App extends Application {}', '@Path("items")', 'class Items {', '  @DELETE @Path("{id}") void del() {}', '}'), routes: ['DELETE /api/items/{id}'] },
  { name: 'makes a mount of an @ApplicationPath without resources in its file', text: cls('@ApplicationPath("api")', 'public class RestApplication extends Application {}'), mounts: ['/api -> java:jaxrs'] },
  { name: 'skips a JAX-RS sub-resource locator', text: cls('@Path("/shop")', 'class Shop {', '  @Path("cart") public Cart cart() { return null; }', '}'), routes: [], skipped: ['JAX-RS sub-resource locator `cart`: its routes are chosen at run time'] },
];

describe('Java route extraction', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const got = await extract(c.text);
      if (c.routes) assert.deepEqual(show(got), c.routes);
      if (c.mounts) assert.deepEqual(got.mounts.map((m) => `${m.prefix} -> ${m.target}`), c.mounts);
      if (c.skipped) assert.deepEqual(got.skipped.map((s) => s.reason), c.skipped);
    });
  }

  it('points a route at its mapping annotation and its handler method', async () => {
    const text = cls('@RestController', 'class A {', '  @GetMapping("/x") void handleX() {}', '}');
    const [r] = (await extract(text)).routes;
    assert.equal(text.slice(r.at.start, r.at.end), '@GetMapping("/x")');
    assert.equal(text.slice(r.handler!.start, r.handler!.end), 'handleX');
    assert.equal(r.framework, 'spring');
  });
});

const securityConfig = lines(
  'package x;',
  '@Configuration',
  'class SecurityConfig {',
  '  @Bean SecurityFilterChain chain(HttpSecurity http) throws Exception {',
  '    return http.authorizeHttpRequests(auth -> auth',
  '        .requestMatchers(HttpMethod.OPTIONS).permitAll()',
  '        .requestMatchers("/actuator/**", "/public/*").permitAll()',
  '        .requestMatchers(HttpMethod.GET, "/owners/**").permitAll()',
  '        .requestMatchers("/admin/**").hasRole("ADMIN")',
  '        .anyRequest().authenticated())',
  '      .build();',
  '  }',
  '}',
);

describe('Spring Security config as auth evidence', () => {
  it('reads the matcher rules of a SecurityFilterChain in order', async () => {
    const f = await extract(securityConfig, 'src/main/java/SecurityConfig.java');
    assert.deepEqual(f.securityMatchers!.map((m) => [m.patterns.join(','), m.method ?? '', m.access]), [
      ['/**', 'OPTIONS', 'permitAll'],
      ['/actuator/**,/public/*', '', 'permitAll'],
      ['/owners/**', 'GET', 'permitAll'],
      ['/admin/**', '', 'authenticated'],
      ['/**', '', 'authenticated'],
    ]);
  });

  it('marks the routes of another file with the first rule that covers them, and none for permitAll', async () => {
    const config = await extract(securityConfig, 'src/main/java/SecurityConfig.java');
    const controller = await extract(cls('@RestController', 'class A {', '  @GetMapping("/owners/{id}") void a() {}', '  @PostMapping("/owners/{id}") void b() {}', '  @GetMapping("/public/x") void c() {}', '  @GetMapping("/public/x/y") void d() {}', '  @DeleteMapping("/admin/users/{id}") void e() {}', '}'));
    const [, secured] = applySecurityConfig([config, controller]);
    assert.deepEqual(secured.routes.map((r) => `${r.method} ${r.path} ${r.auth.map((a) => `${a.kind}:${a.name}`).join('+')}`), [
      'GET /owners/{id} ',
      'POST /owners/{id} config:anyRequest().authenticated()',
      'GET /public/x ',
      'GET /public/x/y config:anyRequest().authenticated()',
      'DELETE /admin/users/{id} config:requestMatchers("/admin/**").hasRole("ADMIN")',
    ]);
  });

  it('leaves routes alone when the service has no security config', async () => {
    const controller = await extract(cls('@RestController', 'class A {', '  @GetMapping("/x") void a() {}', '}'));
    assert.deepEqual(applySecurityConfig([controller])[0].routes[0].auth, []);
  });
});
