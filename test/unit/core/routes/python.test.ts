import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { regexTemplate } from '../../../../server/src/core/code/routes/django';
import { lines, routesOf, runServiceCases, type ServiceCase } from './helpers';

const flask: ServiceCase[] = [
  {
    name: 'reads flask routes with their methods, defaulting to GET',
    files: { '/s/app.py': lines('from flask import Flask', 'app = Flask(__name__)', "@app.route('/orders/<int:id>', methods=['GET', 'DELETE'])", 'def order(id): ...', "@app.route('/health')", 'def health(): ...', "@app.post('/orders')", 'def create(): ...') },
    routes: ['DELETE /orders/{}', 'GET /health', 'GET /orders/{}', 'POST /orders'],
  },
  {
    name: 'follows a blueprint with its own prefix, registered in an app factory of another file',
    files: {
      '/s/app/__init__.py': lines('from flask import Flask', 'from .views import bp', 'def create_app():', '    app = Flask(__name__)', '    app.register_blueprint(bp)', '    return app'),
      '/s/app/views.py': lines('from flask import Blueprint', "bp = Blueprint('cart', __name__, url_prefix='/cart')", "@bp.route('/<id>')", 'def get(id): ...'),
    },
    routes: ['GET /cart/{}'],
  },
  {
    name: 'lets register_blueprint(url_prefix=) replace the blueprint prefix',
    files: { '/s/app.py': lines('from flask import Flask, Blueprint', "bp = Blueprint('x', __name__, url_prefix='/old')", "@bp.get('/a')", 'def a(): ...', 'app = Flask(__name__)', "app.register_blueprint(bp, url_prefix='/new')") },
    routes: ['GET /new/a'],
  },
  {
    name: 'takes login_required and jwt_required decorators and an auth before_request hook as auth evidence',
    files: { '/s/app.py': lines('from flask import Flask, Blueprint', "bp = Blueprint('x', __name__)", '@bp.before_request', 'def require_login(): ...', "@bp.get('/a')", 'def a(): ...', 'app = Flask(__name__)', "@app.get('/me')", '@jwt_required()', 'def me(): ...', "@app.get('/open')", 'def open_(): ...', 'app.register_blueprint(bp)') },
    routes: ['GET /a [require_login]', 'GET /me [@jwt_required()]', 'GET /open'],
  },
  {
    name: 'skips a route whose path is an f-string and methods from a variable',
    files: { '/s/app.py': lines('from flask import Flask', 'app = Flask(__name__)', "@app.route(f'/v{VERSION}/x')", 'def x(): ...', "@app.route('/y', methods=METHODS)", 'def y(): ...') },
    routes: [],
    skipped: ['built at run time', 'chosen at run time'],
  },
];

const fastapi: ServiceCase[] = [
  {
    name: 'leaves out a route its author keeps out of the schema (include_in_schema=False), and keeps one with True',
    files: { '/s/main.py': lines('from fastapi import FastAPI', 'app = FastAPI()', '@app.get("/stats", include_in_schema=False)', 'def stats(): ...', '@app.get("/alerts", include_in_schema=True)', 'def alerts(): ...') },
    routes: ['GET /alerts'],
  },
  {
    name: 'follows APIRouter prefixes and include_router prefixes across files',
    files: {
      '/s/main.py': lines('from fastapi import FastAPI', 'from app.routers import items', 'app = FastAPI()', "app.include_router(items.router, prefix='/v1')", "@app.get('/healthz')", 'def healthz(): ...'),
      '/s/app/routers/items.py': lines('from fastapi import APIRouter', "router = APIRouter(prefix='/items')", "@router.get('/{item_id}')", 'def read(item_id: int): ...', "@router.get('')", 'def all(): ...'),
    },
    routes: ['GET /healthz', 'GET /v1/items', 'GET /v1/items/{}'],
  },
  {
    name: 'adds a router\'s own prefix to the routers included into it (FastAPI), and follows a package that re-exports routers',
    files: {
      '/s/app/main.py': lines('from fastapi import FastAPI', 'from app.api import api_router, feeds_router', 'app = FastAPI()', 'app.include_router(api_router)', 'app.include_router(feeds_router)'),
      '/s/app/api/__init__.py': lines('from fastapi import APIRouter', 'from app.api import search', 'from .feeds import router as feeds_router', "api_router = APIRouter(prefix='/api/v1')", "api_router.include_router(search.router, prefix='/search')", "@api_router.get('/ping')", 'def ping(): ...'),
      '/s/app/api/search.py': lines('from fastapi import APIRouter', 'router = APIRouter()', "@router.get('/semantic')", 'def semantic(): ...', "@router.get('')", 'def search(): ...'),
      '/s/app/api/feeds.py': lines('from fastapi import APIRouter', "router = APIRouter(prefix='/api/v1/feeds')", "@router.get('/{feed_id}')", 'def feed(feed_id: str): ...'),
    },
    routes: ['GET /api/v1/feeds/{}', 'GET /api/v1/ping', 'GET /api/v1/search', 'GET /api/v1/search/semantic'],
  },
  {
    name: 'does not take a re-export of a name that is no router for a mount',
    files: {
      '/s/app/main.py': lines('from fastapi import FastAPI', 'from app.api import feeds_router', 'app = FastAPI()', 'app.include_router(feeds_router)'),
      '/s/app/api/__init__.py': lines('from .feeds import settings as feeds_router'),
      '/s/app/api/feeds.py': lines('from fastapi import APIRouter', 'router = APIRouter()', "@router.get('/x')", 'def x(): ...'),
    },
    routes: [],
    skipped: ['mounted nowhere'],
  },
  {
    name: 'takes a dependency named for requiring a role (require_admin, roles_required) as auth evidence, and not a database session',
    files: {
      '/s/main.py': lines('from fastapi import FastAPI, Depends', 'app = FastAPI()', "@app.get('/admin/users')", 'def users(admin = Depends(require_admin)): ...', "@app.get('/reports')", 'def reports(u = Depends(roles_required)): ...', "@app.get('/items')", 'def items(db = Depends(get_db)): ...'),
    },
    routes: ['GET /admin/users [Depends(require_admin)]', 'GET /items', 'GET /reports [Depends(roles_required)]'],
  },
  {
    name: 'takes Depends and Security with auth names on parameters, routes, routers and includes as auth evidence',
    files: {
      '/s/main.py': lines('from fastapi import FastAPI, Depends', 'from .admin import router as admin_router', 'app = FastAPI()', "app.include_router(admin_router, prefix='/admin', dependencies=[Depends(verify_token)])", "@app.get('/me')", 'def me(user: User = Depends(get_current_user)): ...', "@app.get('/items')", 'def items(db = Depends(get_db)): ...', "@app.get('/keys', dependencies=[Depends(api_key_auth)])", 'def keys(): ...'),
      '/s/admin.py': lines('from fastapi import APIRouter, Security', 'router = APIRouter()', "@router.get('/users')", 'def users(u: Annotated[User, Security(scheme, scopes=["admin"])]): ...'),
    },
    routes: ['GET /admin/users [Depends(verify_token), Security(scheme, scopes=["admin"])]', 'GET /items', 'GET /keys [Depends(api_key_auth)]', 'GET /me [Depends(get_current_user)]'],
  },
  {
    name: 'takes a parameter typed with an Annotated auth dependency alias, local or imported, as auth evidence',
    files: {
      '/s/main.py': lines('from fastapi import FastAPI, Depends', 'from app.deps import CurrentUser, SessionDep', 'Admin = Annotated[User, Depends(get_current_active_superuser)]', 'app = FastAPI()', "@app.get('/me')", 'def me(user: CurrentUser, session: SessionDep): ...', "@app.get('/admin')", 'def admin(user: Admin): ...', "@app.get('/open')", 'def open_(session: SessionDep): ...'),
    },
    routes: ['GET /admin [Admin]', 'GET /me [CurrentUser]', 'GET /open'],
  },
  {
    name: 'does not take requests.get or a dict get for a route',
    files: { '/s/client.py': lines('import requests', 'from fastapi import FastAPI', 'app = FastAPI()', "r = requests.get('/users', timeout=5)", "v = config.get('/x')") },
    routes: [],
  },
];

const django: ServiceCase[] = [
  {
    name: 'reads Django path and simple re_path patterns and follows include() to another URLconf',
    files: {
      '/s/project/urls.py': lines('from django.urls import include, path, re_path', 'urlpatterns = [', "    path('healthz/', views.health),", "    re_path(r'^legacy/(?P<pk>[0-9]+)/$', views.legacy),", "    path('api/', include('shop.urls')),", ']'),
      '/s/shop/urls.py': lines('from django.urls import path', 'urlpatterns = [', "    path('products/<slug:slug>/', views.product),", "    path('account/', login_required(views.account)),", "    path('login/', LoginView.as_view()),", ']'),
    },
    routes: ['ANY /api/account [login_required]', 'ANY /api/login', 'ANY /api/products/{}', 'ANY /healthz', 'ANY /legacy/{}'],
  },
  {
    name: 'skips regexes with more than named groups and patterns built at run time',
    files: { '/s/urls.py': lines('from django.urls import path, re_path', 'urlpatterns = [', "    re_path(r'^(a|b)/$', v),", '    *router.urls,', ']') },
    routes: [],
    skipped: ['regular expression', 'built at run time'],
  },
];

describe('route extraction for Flask', () => runServiceCases(flask));
describe('route extraction for FastAPI', () => runServiceCases(fastapi));
describe('route extraction for Django URLconfs', () => {
  runServiceCases(django);
  it('turns named groups of a simple regex into template parameters', () => {
    assert.equal(regexTemplate('^users/(?P<id>[0-9]+)/edit/$'), 'users/{id}/edit/');
    assert.equal(regexTemplate('^articles/(?P<slug>[-\\w]+)/favorite/?$'), 'articles/{slug}/favorite/');
    assert.equal(regexTemplate('^a/(\\d+)/$'), undefined);
  });
});

describe('FastAPI route paths as served', () => {
  it("serves a route declared as '' under APIRouter(prefix=X) at X itself, without a trailing slash", async () => {
    const found = await routesOf('/s/app/sources.py', lines('from fastapi import APIRouter', "router = APIRouter(prefix='/api/v1/sources')", "@router.get('')", 'def all(): ...', "@router.get('/')", 'def slash(): ...'));
    assert.deepEqual(found.routes.map((r) => r.path), ['/api/v1/sources', '/api/v1/sources/']);
  });
});
