import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scanContextFile } from '../../../server/src/core/workspace/codeScan';

const pairs = (path: string, text: string) => scanContextFile(path, text).map((p) => `${p.name}=${p.value}@${text.slice(p.location.start, p.location.end)}`).sort();

describe('the key/value reading of a service config file', () => {
  it('reads a Python settings class from what follows `=`, not its annotations, and keeps dict entries and plain assignments', () => {
    const text = ['class Settings(BaseSettings):', '    SMTP_HOST: str | None = None', '    SMTP_PORT: int = 587', '    DB_HOST: str = "db"', '    CACHE_URL: str = "redis://cache:6379/0"', '    MAIL_SERVER: str', 'REDIS_HOST = "redis"', "DATABASES = {'default': {", "    'HOST': 'pg',", '}}', ''].join('\n');
    assert.deepEqual(pairs('/w/app/core/config.py', text), ['CACHE_URL=redis://cache:6379/0@redis://cache:6379/0', 'DB_HOST=db@db', 'HOST=pg@pg', 'REDIS_HOST=redis@redis', 'SMTP_PORT=587@587']);
  });

  it('reads `key: value` lines of YAML and properties-like config as before', () => {
    assert.deepEqual(pairs('/w/app/application.yml', 'spring:\n  redis:\n    host: cache\n'), ['host=cache@cache']);
  });
});
