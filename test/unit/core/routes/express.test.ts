import { describe } from 'node:test';
import { lines, runServiceCases, type ServiceCase } from './helpers';

const cases: ServiceCase[] = [
  {
    name: 'reads routes on an express app and a router mounted under a prefix in the same file',
    files: { '/s/app.js': lines("const express = require('express');", 'const app = express();', 'const router = express.Router();', "app.get('/health', (req, res) => res.end());", "router.post('/orders/:id', create);", "app.use('/v1', router);", 'app.listen(3000);') },
    routes: ['GET /health', 'POST /v1/orders/{}'],
  },
  {
    name: 'follows a router imported from another file and mounted with app.use',
    files: {
      '/s/app.js': lines("const express = require('express');", "const users = require('./routes/users');", 'const app = express();', "app.use('/api/users', users);"),
      '/s/routes/users.js': lines("const router = require('express').Router();", "router.get('/:id', show);", "router.delete('/:id', remove);", 'module.exports = router;'),
    },
    routes: ['DELETE /api/users/{}', 'GET /api/users/{}'],
  },
  {
    name: 'follows an ES module router with a named export through an index file',
    files: {
      '/s/src/server.ts': lines("import express from 'express';", "import { itemsRouter } from './items';", 'const app = express();', "app.use('/items', itemsRouter);"),
      '/s/src/items/index.ts': lines("import { Router } from 'express';", 'export const itemsRouter = Router();', "itemsRouter.get('/', list);"),
    },
    routes: ['GET /items'],
  },
  {
    name: 'reads router.route chains with one route per method',
    files: { '/s/app.js': lines("const express = require('express');", 'const app = express();', "app.route('/books').get(list).post(create);") },
    routes: ['GET /books', 'POST /books'],
  },
  {
    name: 'takes auth middleware before the handler, app.use(auth) before later routes only, and auth on a mount',
    files: {
      '/s/app.js': lines("const express = require('express');", "const admin = require('./admin');", 'const app = express();', "app.get('/public', h);", "app.get('/me', passport.authenticate('jwt'), me);", 'app.use(requireAuth);', "app.get('/orders', orders);", "app.use('/admin', checkJwt, admin);"),
      '/s/admin.js': lines("const { Router } = require('express');", 'const r = Router();', "r.get('/stats', stats);", 'module.exports = r;'),
    },
    routes: ['GET /public', "GET /me [passport.authenticate('jwt')]", 'GET /orders [requireAuth]', 'GET /admin/stats [requireAuth, checkJwt]'],
  },
  {
    name: 'does not take an HTTP client call or a settings getter for a route',
    files: { '/s/client.js': lines("const axios = require('axios');", 'const express = require("express");', 'const app = express();', "axios.get('/users', config);", "const env = app.get('env');", "cache.get('/x', fallback);") },
    routes: [],
  },
  {
    name: 'skips a route whose path is built at run time and keeps a constant path',
    files: { '/s/app.js': lines("const express = require('express');", 'const app = express();', "const BASE = '/api';", 'app.get(`${BASE}/ok`, h);', 'app.get(`/x/${name}`, h);', 'app.get(prefix + "/y", h);', 'app.get(/^\\/re/, h);') },
    routes: ['GET /api/ok'],
    skipped: ['built at run time', 'built at run time', 'regular expression'],
  },
  {
    name: 'skips routes registered with a method chosen at run time',
    files: { '/s/app.js': lines("const express = require('express');", 'const app = express();', "for (const m of ['get', 'post']) app[m]('/x', h);") },
    routes: [],
    skipped: ['method is chosen at run time'],
  },
  {
    name: 'follows a routes function that the app is passed to',
    files: {
      '/s/index.js': lines("const express = require('express');", 'const app = express();', "require('./routes')(app);"),
      '/s/routes.js': lines('module.exports = function (app) {', "  app.get('/catalogue', list);", '};'),
    },
    routes: ['GET /catalogue'],
  },
  {
    name: 'skips the routes of a router no file of the service mounts',
    files: { '/s/routes/x.js': lines("const router = require('express').Router();", "router.get('/x', h);", 'module.exports = router;') },
    routes: [],
    skipped: ['mounted nowhere'],
  },
  {
    name: 'stops at a mount cycle instead of looping',
    files: {
      '/s/a.js': lines("const { Router } = require('express');", "const b = require('./b');", 'const a = Router();', "a.use('/b', b);", "a.get('/x', h);", 'module.exports = a;'),
      '/s/b.js': lines("const { Router } = require('express');", "const a = require('./a');", 'const b = Router();', "b.use('/a', a);", 'module.exports = b;'),
    },
    routes: [],
    skipped: ['cycle'],
  },
  {
    name: 'follows routers built inline in a chain and exported, and takes an authController for a router',
    files: {
      '/s/main.ts': lines("import express from 'express';", "import routes from './routes/routes';", 'const app = express();', 'app.use(routes);'),
      '/s/routes/routes.ts': lines("import { Router } from 'express';", "import authController from './auth.controller';", 'const api = Router().use(authController);', "export default Router().use('/api', api);"),
      '/s/routes/auth.controller.ts': lines("import { Router } from 'express';", 'const router = Router();', "router.get('/user', auth.required, me);", "router.get('/feed', auth.optional, feed);", 'export default router;'),
    },
    routes: ['GET /api/feed', 'GET /api/user [auth.required]'],
  },
  {
    name: 'says when a router is mounted under a prefix built at run time',
    files: {
      '/s/app.js': lines("const express = require('express');", "const v1 = require('./v1');", 'const app = express();', 'app.use(process.env.BASE_PATH + "/v1", v1);'),
      '/s/v1.js': lines("const r = require('express').Router();", "r.get('/x', h);", 'module.exports = r;'),
    },
    routes: [],
    skipped: ['mount prefix is built at run time', 'mounted under a prefix built at run time'],
  },
];

describe('route extraction for Express', () => runServiceCases(cases));
