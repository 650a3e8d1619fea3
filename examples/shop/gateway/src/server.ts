// API gateway: the only public entry point; forwards /api/<service>/... to the service that owns it.
import express, { type Request, type Response } from 'express';

const UPSTREAMS: Record<string, string> = {
  orders: process.env.ORDERS_URL ?? 'http://orders:8081',
  users: process.env.USERS_URL ?? 'http://users:3001',
  payments: process.env.PAYMENTS_URL ?? 'http://payments:8082',
};

const app = express();
app.use(express.json());

app.get('/health', (_req, res) => {
  res.json({ status: 'ok' });
});

async function forward(req: Request, res: Response): Promise<void> {
  const base = UPSTREAMS[req.params.service];
  if (!base) {
    res.status(404).json({ error: `no service ${req.params.service}` });
    return;
  }
  const path = req.originalUrl.replace(`/api/${req.params.service}`, `/${req.params.service}`);
  try {
    const upstream = await fetch(base + path, {
      method: req.method,
      headers: { 'content-type': 'application/json', authorization: req.header('authorization') ?? '' },
      body: ['GET', 'HEAD'].includes(req.method) ? undefined : JSON.stringify(req.body),
    });
    res.status(upstream.status);
    res.type(upstream.headers.get('content-type') ?? 'application/json');
    res.send(Buffer.from(await upstream.arrayBuffer()));
  } catch (err) {
    console.error(`upstream ${req.params.service} failed`, err);
    res.status(502).json({ error: 'bad gateway' });
  }
}

app.all('/api/:service/*', forward);
app.all('/api/:service', forward);

app.listen(8080, () => console.log('gateway listening on :8080'));
