// Users service: accounts, log-in sessions, avatars and a customer's order history.
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import express from 'express';
import { Pool } from 'pg';
import { createClient } from 'redis';

const app = express();
app.use(express.json({ limit: '5mb' }));

const db = new Pool({ connectionString: process.env.DATABASE_URL });
const cache = createClient({ url: process.env.REDIS_URL });
const ORDERS_URL = process.env.ORDERS_URL ?? 'http://orders:8081';
const AVATAR_DIR = '/data/avatars';

interface Session {
  userId: string;
  expiresAt: number;
}

const sessions = new Map<string, Session>();

app.post('/users/login', async (req, res) => {
  const { email, password } = req.body;
  const { rows } = await db.query('SELECT id FROM users WHERE email = $1 AND password_hash = crypt($2, password_hash)', [email, password]);
  if (!rows.length) return res.status(401).json({ error: 'invalid credentials' });
  const token = randomBytes(24).toString('hex');
  sessions.set(token, { userId: rows[0].id, expiresAt: Date.now() + 8 * 3600_000 });
  res.json({ token });
});

app.get('/users/me', (req, res) => {
  const session = sessions.get(req.header('authorization')?.replace('Bearer ', '') ?? '');
  if (!session || session.expiresAt < Date.now()) return res.status(401).end();
  res.redirect(`/users/${session.userId}`);
});

app.get('/users/:id', async (req, res) => {
  const cached = await cache.get(`user:${req.params.id}`);
  if (cached) return res.type('json').send(cached);
  const { rows } = await db.query('SELECT id, email, name FROM users WHERE id = $1', [req.params.id]);
  if (!rows.length) return res.status(404).end();
  await cache.set(`user:${req.params.id}`, JSON.stringify(rows[0]), { EX: 300 });
  res.json(rows[0]);
});

app.get('/users/:id/orders', async (req, res) => {
  const upstream = await fetch(`${ORDERS_URL}/orders?userId=${encodeURIComponent(req.params.id)}`);
  res.status(upstream.status).json(await upstream.json());
});

app.put('/users/:id/avatar', async (req, res) => {
  await mkdir(AVATAR_DIR, { recursive: true });
  await writeFile(`${AVATAR_DIR}/${req.params.id}.png`, Buffer.from(req.body.png, 'base64'));
  res.status(204).end();
});

app.post('/users/:id/events', async (req, res) => {
  await db.query('INSERT INTO user_events (user_id, type, payload) VALUES ($1, $2, $3)', [req.params.id, req.body.type, req.body]);
  res.status(202).end();
});

await cache.connect();
app.listen(3001, () => console.log('users listening on :3001'));
