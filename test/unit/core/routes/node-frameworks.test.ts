import { describe } from 'node:test';
import { lines, runServiceCases, type ServiceCase } from './helpers';

const fastify: ServiceCase[] = [
  {
    name: 'reads fastify shorthand routes and route() objects with several methods',
    files: { '/s/server.js': lines("const fastify = require('fastify')({ logger: true });", "fastify.get('/health', async () => ({ ok: true }));", "fastify.route({ method: ['GET', 'HEAD'], url: '/items/:id', handler: show });", 'fastify.listen({ port: 3000 });') },
    routes: ['GET /health', 'GET /items/{}', 'HEAD /items/{}'],
  },
  {
    name: 'follows a plugin registered with a prefix from another file, and an inline plugin',
    files: {
      '/s/app.ts': lines("import Fastify from 'fastify';", "import users from './users';", 'const app = Fastify();', "app.register(users, { prefix: '/v1/users' });", "app.register(async (instance) => { instance.get('/ping', h); }, { prefix: '/internal' });"),
      '/s/users.ts': lines("import type { FastifyInstance } from 'fastify';", 'export default async function users(fastify: FastifyInstance) {', "  fastify.get('/:id', show);", '}'),
    },
    routes: ['GET /internal/ping', 'GET /v1/users/{}'],
  },
  {
    name: 'takes an onRequest hook or a preHandler option with an auth name as auth evidence',
    files: { '/s/server.js': lines("const Fastify = require('fastify');", 'const app = Fastify();', "app.get('/open', h);", "app.get('/secret', { preHandler: [app.authenticate] }, h);", "app.post('/x', { schema }, h);") },
    routes: ['GET /open', 'GET /secret [app.authenticate]', 'POST /x'],
  },
  {
    name: 'takes a fastify auth hook as covering every route of the instance',
    files: { '/s/server.js': lines("const Fastify = require('fastify');", 'const app = Fastify();', "app.get('/a', h);", "app.addHook('onRequest', verifyJwt);") },
    routes: ['GET /a [verifyJwt]'],
  },
  {
    name: 'skips a plugin whose prefix is built at run time',
    files: { '/s/server.js': lines("const Fastify = require('fastify');", "const users = require('./users');", 'const app = Fastify();', 'app.register(users, { prefix: `/${version}` });') },
    routes: [],
    skipped: ['mount prefix is built at run time'],
  },
];

const koa: ServiceCase[] = [
  {
    name: 'reads a koa router with its own prefix mounted with app.use(router.routes())',
    files: { '/s/app.js': lines("const Koa = require('koa');", "const Router = require('@koa/router');", 'const app = new Koa();', "const router = new Router({ prefix: '/api' });", "router.get('/healthz', h);", "router.get('user', '/users/:id', jwt({ secret }), show);", 'app.use(router.routes()).use(router.allowedMethods());') },
    routes: ['GET /api/healthz', 'GET /api/users/{} [jwt({ secret })]'],
  },
  {
    name: 'follows nested koa routers across files',
    files: {
      '/s/app.js': lines("const Koa = require('koa');", "const Router = require('koa-router');", "const v1 = require('./v1');", 'const app = new Koa();', 'const root = new Router();', "root.use('/v1', v1.routes());", 'app.use(root.routes());'),
      '/s/v1.js': lines("const Router = require('koa-router');", 'const r = new Router();', "r.post('/orders', create);", 'module.exports = r;'),
    },
    routes: ['POST /v1/orders'],
  },
];

const hono: ServiceCase[] = [
  {
    name: 'reads hono routes with basePath and sub-apps mounted with route()',
    files: {
      '/s/index.ts': lines("import { Hono } from 'hono';", "import { books } from './books';", "const app = new Hono().basePath('/api');", "app.get('/health', (c) => c.text('ok'));", "app.route('/books', books);", 'export default app;'),
      '/s/books.ts': lines("import { Hono } from 'hono';", 'export const books = new Hono();', "books.get('/:id', (c) => c.json({}));", "books.on(['PUT', 'PATCH'], '/:id', update);"),
    },
    routes: ['GET /api/books/{}', 'GET /api/health', 'PATCH /api/books/{}', 'PUT /api/books/{}'],
  },
  {
    name: 'takes a hono middleware on a path pattern as auth for the routes under it',
    files: { '/s/index.ts': lines("import { Hono } from 'hono';", "import { jwt } from 'hono/jwt';", 'const app = new Hono();', "app.use('/admin/*', jwt({ secret: 'x' }));", "app.get('/admin/users', h);", "app.get('/public', h);") },
    routes: ["GET /admin/users [jwt({ secret: 'x' })]", 'GET /public'],
  },
  {
    name: "reads @hono/zod-openapi routes (app.openapi(createRoute({ method, path }), handler)) from a register function in another file, mounted with route()",
    files: {
      '/s/index.ts': lines("import { OpenAPIHono } from '@hono/zod-openapi';", "import { registerGetMonitor } from './get';", "const app = new OpenAPIHono().basePath('/v1');", 'export const monitorsApi = new OpenAPIHono();', 'registerGetMonitor(monitorsApi);', "monitorsApi.openapi(createRoute({ method: 'delete', path: '/{id}', responses: {} }), remove);", "app.route('/monitors', monitorsApi);"),
      '/s/get.ts': lines("import { createRoute } from '@hono/zod-openapi';", "import type { monitorsApi } from './index';", "const getRoute = createRoute({ method: 'get', tags: ['monitor'], path: '/{id}', responses: {} });", 'export function registerGetMonitor(api: typeof monitorsApi) {', '  return api.openapi(getRoute, async (c) => c.json({}));', '}'),
    },
    routes: ['DELETE /v1/monitors/{}', 'GET /v1/monitors/{}'],
  },
];

const nest: ServiceCase[] = [
  {
    name: 'reads nest controllers with class prefix, method paths and the global prefix',
    files: {
      '/s/src/main.ts': lines("import { NestFactory } from '@nestjs/core';", 'async function bootstrap() {', '  const app = await NestFactory.create(AppModule);', "  app.setGlobalPrefix('api');", '  await app.listen(3000);', '}'),
      '/s/src/users.controller.ts': lines("import { Controller, Get, Post, UseGuards } from '@nestjs/common';", "import { AuthGuard } from '@nestjs/passport';", "@Controller('users')", 'export class UsersController {', '  @Get()', '  list() {}', "  @Get(':id')", "  @UseGuards(AuthGuard('jwt'))", '  find() {}', '  @Post()', '  create() {}', '}'),
    },
    routes: ['GET /api/users', "GET /api/users/{} [AuthGuard('jwt')]", 'POST /api/users'],
  },
  {
    name: 'puts the version of URI versioning inside the global prefix: @Version, a controller version, the default, VERSION_NEUTRAL',
    files: {
      '/s/src/main.ts': lines("import { NestFactory } from '@nestjs/core';", "import { VersioningType } from '@nestjs/common';", 'async function bootstrap() {', '  const app = await NestFactory.create(AppModule);', "  app.setGlobalPrefix('api');", "  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '2' });", '  await app.listen(3000);', '}'),
      '/s/src/cats.controller.ts': lines("import { Controller, Get, Post, Version, VERSION_NEUTRAL } from '@nestjs/common';", "@Controller('cats')", 'export class CatsController {', "  @Version('1')", '  @Get()', '  list() {}', '  @Post()', '  create() {}', '  @Version(VERSION_NEUTRAL)', "  @Get('count')", '  count() {}', '}'),
      '/s/src/dogs.controller.ts': lines("import { Controller, Get } from '@nestjs/common';", "@Controller({ path: 'dogs', version: ['1', '3'] })", 'export class DogsController {', '  @Get()', '  list() {}', '}'),
    },
    routes: ['GET /api/cats/count', 'GET /api/v1/cats', 'GET /api/v1/dogs', 'GET /api/v3/dogs', 'POST /api/v2/cats'],
  },
  {
    name: 'leaves paths alone when versioning is by header, or not enabled',
    files: {
      '/s/src/main.ts': lines("import { NestFactory } from '@nestjs/core';", 'async function bootstrap() {', '  const app = await NestFactory.create(AppModule);', "  app.enableVersioning({ type: VersioningType.HEADER, header: 'X-Version' });", '  await app.listen(3000);', '}'),
      '/s/src/cats.controller.ts': lines("import { Controller, Get, Version } from '@nestjs/common';", "@Controller('cats')", 'export class CatsController {', "  @Version('1')", '  @Get()', '  list() {}', '}'),
    },
    routes: ['GET /cats'],
  },
  {
    name: 'takes an auth guard given as the APP_GUARD provider of a module for every route of the service, and not a throttler',
    files: {
      '/s/src/app.module.ts': lines("import { Module } from '@nestjs/common';", "import { APP_GUARD } from '@nestjs/core';", '@Module({', '  providers: [', '    { provide: APP_GUARD, useClass: ThrottlerGuard },', '    { provide: APP_GUARD, useFactory: (repo) => new AuthorizationRoleGuard(new Reflector(), repo), inject: [Repo] },', '  ],', '})', 'export class AppModule {}'),
      '/s/src/cats.controller.ts': lines("import { Controller, Get } from '@nestjs/common';", "@Controller('cats')", 'export class CatsController {', '  @Get()', '  list() {}', '}'),
    },
    routes: ['GET /cats [AuthorizationRoleGuard]'],
  },
  {
    name: 'takes a class-level guard for every method and reads a health controller without a path',
    files: {
      '/s/health.controller.ts': lines("import { Controller, Get } from '@nestjs/common';", "@Controller('health')", 'export class HealthController {', '  @Get()', '  check() {}', '}'),
      '/s/admin.controller.ts': lines("import { Controller, Delete, UseGuards } from '@nestjs/common';", '@UseGuards(JwtAuthGuard, RolesGuard)', "@Controller({ path: 'admin' })", 'export class AdminController {', "  @Delete(['users/:id', 'accounts/:id'])", '  remove() {}', '}'),
    },
    routes: ['DELETE /admin/accounts/{} [JwtAuthGuard, RolesGuard]', 'DELETE /admin/users/{} [JwtAuthGuard, RolesGuard]', 'GET /health'],
  },
  {
    name: 'does not read a class without @Controller and skips a controller path from a variable',
    files: { '/s/x.ts': lines("import { Controller, Get, Injectable } from '@nestjs/common';", '@Injectable()', 'export class Service {', '  @Get()', '  x() {}', '}', '@Controller(PATH)', 'export class Dyn {', '  @Get()', '  y() {}', '}') },
    routes: [],
    skipped: ['controller path is built at run time'],
  },
  {
    name: 'takes middleware applied with forRoutes to some paths and methods, and not the swagger ApiBearerAuth decorator',
    files: {
      '/s/user.module.ts': lines("import { MiddlewareConsumer, Module, RequestMethod } from '@nestjs/common';", 'export class UserModule {', '  configure(consumer: MiddlewareConsumer) {', "    consumer.apply(AuthMiddleware).forRoutes({ path: 'user', method: RequestMethod.PUT }, ProfileController);", '  }', '}'),
      '/s/user.controller.ts': lines("import { ApiBearerAuth, Controller, Get, Put } from '@nestjs/common';", '@ApiBearerAuth()', '@Controller()', 'export class UserController {', "  @Get('user')", '  get() {}', "  @Put('user')", '  put() {}', '}', "@Controller('profiles')", 'export class ProfileController {', "  @Get(':name')", '  one() {}', '}'),
    },
    routes: ['GET /profiles/{} [AuthMiddleware]', 'GET /user', 'PUT /user [AuthMiddleware]'],
  },
];

describe('route extraction for Fastify', () => runServiceCases(fastify));
describe('route extraction for Koa', () => runServiceCases(koa));
describe('route extraction for Hono', () => runServiceCases(hono));
describe('route extraction for NestJS', () => runServiceCases(nest));
