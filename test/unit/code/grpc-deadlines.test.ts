import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, findingsOf, lines } from '../rules/helpers';

const RULE = 'missing-timeout';

interface Case {
  name: string;
  file: string;
  text: string;
  /** Fragments of the expected messages, in order; empty: no finding. */
  expect: string[];
  severity?: string;
}

const goPrelude = ['package main', '', 'import (', '  "context"', '  "google.golang.org/grpc"', '  pb "example.com/shop/genproto"', ')', ''];

const cases: Case[] = [
  // Go
  {
    name: 'reports a Go gRPC call made with context.TODO()',
    file: 'checkout.go',
    text: lines(...goPrelude, 'func convert(conn *grpc.ClientConn) {', '  pb.NewCurrencyServiceClient(conn).Convert(context.TODO(), &pb.CurrencyConversionRequest{})', '}'),
    expect: ['The gRPC call Convert(context.TODO(), …) has no deadline'],
  },
  {
    name: 'reports a call through a client variable made with context.Background()',
    file: 'worker.go',
    text: lines(...goPrelude, 'func run(conn *grpc.ClientConn) {', '  cl := pb.NewCartServiceClient(conn)', '  cl.GetCart(context.Background(), &pb.GetCartRequest{})', '}'),
    expect: ['The gRPC call GetCart(context.Background(), …)'],
  },
  {
    name: 'does not report a Go gRPC call whose function sets a deadline',
    file: 'checkout.go',
    text: lines(...goPrelude, 'func convert(conn *grpc.ClientConn) {', '  ctx, cancel := context.WithTimeout(context.Background(), time.Second)', '  defer cancel()', '  pb.NewCurrencyServiceClient(conn).Convert(ctx, &pb.CurrencyConversionRequest{})', '}'),
    expect: [],
  },
  {
    name: 'does not report calls inside a gRPC server method, whose context carries the caller\'s deadline',
    file: 'checkout.go',
    text: lines(...goPrelude, 'func (s *server) PlaceOrder(ctx context.Context, req *pb.PlaceOrderRequest) (*pb.PlaceOrderResponse, error) {', '  _, err := pb.NewCartServiceClient(s.conn).GetCart(ctx, &pb.GetCartRequest{})', '  return nil, err', '}'),
    expect: [],
  },
  {
    name: 'gives one information finding for the calls of a file whose contexts come from callers and that sets no deadline',
    file: 'rpc.go',
    text: lines(...goPrelude, 'func (fe *frontend) currencies(ctx context.Context) error {', '  _, err := pb.NewCurrencyServiceClient(fe.conn).GetSupportedCurrencies(ctx, &pb.Empty{})', '  return err', '}', 'func (fe *frontend) cart(ctx context.Context, id string) error {', '  _, err := pb.NewCartServiceClient(fe.conn).GetCart(ctx, &pb.GetCartRequest{UserId: id})', '  return err', '}'),
    expect: ['2 gRPC calls in this file (GetSupportedCurrencies, …) get a context from their callers'],
    severity: 'information',
  },
  {
    name: 'does not treat a cloud SDK constructor that takes a context as a gRPC client',
    file: 'secrets.go',
    text: lines('package main', '', 'import "context"', '', 'func load() {', '  client, _ := secretmanager.NewClient(context.Background())', '  client.AccessSecretVersion(context.Background(), nil)', '}'),
    expect: [],
  },
  {
    name: 'reports a deadline whose derived context is discarded while a later call takes the old one',
    file: 'catalog.go',
    text: lines('package main', '', 'import ("context"; "time")', '', 'func list(ctx context.Context) {', '  _, cancel := context.WithTimeout(ctx, time.Second*3)', '  defer cancel()', '  client.ListProducts(ctx, req)', '}'),
    expect: ['context.WithTimeout(...) result is discarded'],
  },
  {
    name: 'does not report a discarded deadline when no later call takes a context (grpc.NewClient): dead code, no call to pass it to',
    file: 'catalog.go',
    text: lines('package main', '', 'import ("context"; "time")', '', 'func dial(ctx context.Context, addr string) {', '  _, cancel := context.WithTimeout(ctx, time.Second*3)', '  defer cancel()', '  conn, err = grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()))', '}'),
    expect: [],
  },
  {
    name: 'does not report a deadline whose context is used',
    file: 'catalog.go',
    text: lines('package main', '', 'import ("context"; "time")', '', 'func dial(ctx context.Context) {', '  ctx, cancel := context.WithTimeout(ctx, time.Second*3)', '  defer cancel()', '  use(ctx)', '}'),
    expect: [],
  },
  // Python
  {
    name: 'reports a Python stub call without timeout=',
    file: 'recommendation.py',
    text: lines('import grpc', 'import demo_pb2_grpc', '', 'channel = grpc.insecure_channel("catalog:3550")', 'stub = demo_pb2_grpc.ProductCatalogServiceStub(channel)', '', 'def products():', '    return stub.ListProducts(demo_pb2.Empty())'),
    expect: ['The gRPC call ListProducts() has no timeout'],
  },
  {
    name: 'reports a stub kept on self and called with .future()',
    file: 'client.py',
    text: lines('import grpc', 'from shop import cart_pb2_grpc', '', 'class Cart:', '    def __init__(self, channel):', '        self.stub = cart_pb2_grpc.CartServiceStub(channel)', '    def get(self, req):', '        return self.stub.GetCart.future(req)'),
    expect: ['The gRPC call GetCart() has no timeout'],
  },
  {
    name: "reports a file's Python stub calls without timeout= once, counting the others",
    file: 'remote.py',
    text: lines('import grpc', 'from feast.protos import RegistryServer_pb2_grpc', '', 'class Remote:', '    def __init__(self, channel):', '        self.stub = RegistryServer_pb2_grpc.RegistryServerStub(channel)', '    def apply(self, req):', '        return self.stub.ApplyEntity(req)', '    def get(self, req):', '        return self.stub.GetEntity(req)', '    def delete(self, req):', '        return self.stub.DeleteEntity(req)'),
    expect: ['The gRPC call ApplyEntity() has no timeout: grpcio sets no deadline by default, so it waits forever for a slow or dead server (2 more calls like it in this file)'],
  },
  {
    name: 'does not report a Python stub call with timeout=',
    file: 'recommendation.py',
    text: lines('import grpc', 'import demo_pb2_grpc', 'stub = demo_pb2_grpc.ProductCatalogServiceStub(grpc.insecure_channel("x:1"))', 'stub.ListProducts(demo_pb2.Empty(), timeout=2)'),
    expect: [],
  },
  // Node
  {
    name: 'reports a @grpc/grpc-js call without a deadline option',
    file: 'checkout.js',
    text: lines("const grpc = require('@grpc/grpc-js');", "const client = new proto.hipstershop.CurrencyService('currency:7000', grpc.credentials.createInsecure());", 'client.convert({ from, to }, (err, res) => done(err, res));'),
    expect: ['The gRPC call convert() has no deadline'],
  },
  {
    name: 'does not report a grpc-js call that passes a deadline, or metadata this check cannot read',
    file: 'checkout.js',
    text: lines("const grpc = require('@grpc/grpc-js');", "const client = new CurrencyClient('currency:7000', grpc.credentials.createInsecure());", 'client.convert(req, { deadline: Date.now() + 2000 }, cb);', 'client.convert(req, metadata, cb);', 'client.close();'),
    expect: [],
  },
  // Java
  {
    name: 'reports a grpc-java stub in a file that never sets a deadline',
    file: 'AdClient.java',
    text: lines('class AdClient {', '  private final AdServiceGrpc.AdServiceBlockingStub stub;', '  AdClient(ManagedChannel ch) { stub = AdServiceGrpc.newBlockingStub(ch); }', '  Ads get(AdRequest r) { return stub.getAds(r); }', '}'),
    expect: ['Calls through this AdServiceGrpc stub have no deadline'],
  },
  {
    name: 'does not report grpc-java stubs called with withDeadlineAfter',
    file: 'AdClient.java',
    text: lines('class AdClient {', '  AdServiceGrpc.AdServiceBlockingStub stub = AdServiceGrpc.newBlockingStub(ch);', '  Ads get(AdRequest r) { return stub.withDeadlineAfter(2, TimeUnit.SECONDS).getAds(r); }', '}'),
    expect: [],
  },
];

describe('missing-timeout: gRPC deadlines and deadlines thrown away', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const found = await findingsOf(RULE, c.file, c.text);
      assert.deepEqual(found.map((f) => c.expect.find((e) => f.message.includes(e)) ?? f.message), c.expect);
      if (c.severity) assert.ok(found.every((f) => f.severity === c.severity), found.map((f) => f.severity).join());
    });
  }

  it('adds timeout= to a Python stub call as its quick fix', async () => {
    const text = lines('import grpc', 'import demo_pb2_grpc', 'stub = demo_pb2_grpc.CartServiceStub(grpc.insecure_channel("x:1"))', 'stub.GetCart(req)');
    const [f] = await findingsOf(RULE, 'cart.py', text);
    assert.match(applyFix(text, f), /stub\.GetCart\(req, timeout=\d+(\.\d+)?\)/);
  });
});

describe('missing-timeout: Go calls judged per function', () => {
  it('reports calls from functions without a deadline even when another function of the file sets one', async () => {
    const text = lines(...goPrelude, 'func (fe *frontend) ads(ctx context.Context) error {', '  ctx, cancel := context.WithTimeout(ctx, time.Millisecond*100)', '  defer cancel()', '  _, err := pb.NewAdServiceClient(fe.conn).GetAds(ctx, &pb.AdRequest{})', '  return err', '}', 'func (fe *frontend) cart(ctx context.Context) error {', '  _, err := pb.NewCartServiceClient(fe.conn).GetCart(ctx, &pb.GetCartRequest{})', '  return err', '}');
    const found = await findingsOf(RULE, 'rpc.go', text);
    assert.deepEqual(found.map((f) => f.message.split(':')[0]), ['The gRPC call GetCart gets a context from its callers and sets no deadline']);
  });
});

describe('missing-timeout: Go clients that are not gRPC', () => {
  it('does not take a client built from an options literal (go-redis NewClusterClient) for a generated gRPC client', async () => {
    const text = lines('package infra', 'import (', '  "context"', '  "github.com/redis/go-redis/v9"', ')', 'var RedisClient *redis.ClusterClient', 'func Connect(ctx context.Context) error {', '  RedisClient = redis.NewClusterClient(&redis.ClusterOptions{MinIdleConns: 2})', '  return RedisClient.Ping(ctx).Err()', '}');
    assert.deepEqual(await findingsOf(RULE, 'redis.go', text), []);
    const grpc = lines('package infra', 'import "context"', 'func Call(ctx context.Context, conn *Conn) error {', '  c := pb.NewCartServiceClient(conn)', '  _, err := c.GetCart(ctx, &pb.GetCartRequest{})', '  return err', '}');
    assert.equal((await findingsOf(RULE, 'cart.go', grpc)).length, 1);
  });
});
