import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findSecrets, isPlaceholder, looksLikeSecret, redact, secretName } from '../../../server/src/core/secrets/index';

// Made-up values in the shapes of real tokens; none of them works anywhere.
const GH = 'ghp_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8';
const AWS = 'AKIA' + 'IOSFODNN7EXAMPL3';
const STRIPE = 'sk_live_' + '4eC39HqLyjWDarjtT1zdp7dc';
const SLACK = 'xoxb-' + '2048613597-0987654321-QrX7vTzLk2PaYbNc5WmHs8Ud';
const GOOGLE = 'AIza' + 'SyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q';
const JWT = 'eyJhbGciOiJIUzI1NiJ9.' + 'eyJzdWIiOiIxMjM0NTY3ODkwIn0.' + 'dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';

describe('secrets: known token formats', () => {
  const table: [string, string][] = [
    ['GitHub token', GH],
    ['AWS access key id', AWS],
    ['Stripe secret key', STRIPE],
    ['Slack token', SLACK],
    ['Google API key', GOOGLE],
    ['JSON Web Token', JWT],
    ['private key', `-----BEGIN RSA PRIVATE KEY-----\nMIIEow${'QkFDS0VORA'.repeat(12)}\n-----END RSA PRIVATE KEY-----`],
  ];
  for (const [kind, value] of table) {
    it(`finds a ${kind} in free text, whatever it is assigned to`, () => {
      const text = `const x = "${value}";`;
      const found = findSecrets(text);
      assert.equal(found.length, 1);
      assert.equal(found[0].kind, kind);
      assert.equal(text.slice(found[0].start, found[0].end), value);
      assert.equal(looksLikeSecret('anything', value), kind);
    });
  }
});

describe('secrets: passwords in URLs', () => {
  it('reads a password up to the last @ before the host, as URL parsers do, and one password per URL of a list', () => {
    const text = 'postgres://user:myAwEsOm3pa55@w0rd@db:5432/db';
    assert.deepEqual(findSecrets(text).map((f) => text.slice(f.start, f.end)), ['myAwEsOm3pa55@w0rd']);
    const list = 'amqp://u:Pw-one-2024@h1:5672/,amqp://u:Pw-two-2024@h2:5672/';
    assert.deepEqual(findSecrets(list).map((f) => list.slice(f.start, f.end)), ['Pw-one-2024', 'Pw-two-2024']);
  });
});

describe('secrets: private key stubs', () => {
  it('takes a key block without key material (a stub cut short with ..., a few characters) for no secret, and still redacts it', () => {
    const stub = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC4...';
    assert.equal(looksLikeSecret('privateKey', stub), undefined);
    assert.equal(looksLikeSecret('privateKey', '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----'), undefined);
    assert.match(redact(`key: "${stub}"`), /REDACTED private key/);
    const body = 'MIIEpAIBAAKCAQEA1Xq8z2vY3kHnPbW9pJ4rT5sU6wK9bV3nHpQ7rTaB4eYhN2dWfL5mC8xR1oZ0gD7uF6iX3c';
    const elided = `-----BEGIN RSA PRIVATE KEY-----\n${body}\n\u2026\n${body}\n-----END RSA PRIVATE KEY-----`;
    assert.equal(looksLikeSecret('privateKey', elided), undefined, 'an excerpt with an elision line');
    assert.ok(looksLikeSecret('privateKey', elided.replace('\u2026\n', '')), 'the same block without the elision');
  });
});

describe('secrets: endpoint paths', () => {
  it("takes an endpoint's path (with a query) held by a secret-named constant for no secret, and still a token with slashes", () => {
    assert.equal(looksLikeSecret('AUTH', 'auth/token?grant_type=client_credentials'), undefined);
    assert.equal(looksLikeSecret('getToken', 'third-party-service/v1/auth/token'), undefined);
    assert.equal(looksLikeSecret('AUTH_MODULE_SECRET', '@medusajs/medusa/auth'), undefined);
    assert.ok(looksLikeSecret('API_TOKEN', 'x9Fq2LmZ/8RtYw3KpB7v/Qe4NcJ1hGd'));
  });
  it('takes a rate limit held by a key named for a password action for no password', () => {
    assert.equal(looksLikeSecret('change_password', '1/m/user'), undefined);
    assert.equal(looksLikeSecret('reset_password', '5/hour'), undefined);
    assert.ok(looksLikeSecret('reset_password', 'Tr0ub4dor&3'));
  });
});

describe('secrets: names and values', () => {
  const yes: [string, string][] = [
    ['POSTGRES_PASSWORD', 'shop-dev-2024'],
    ['dbPassword', 'Tr0ub4dor&3'],
    ['api_key', 'f3a9c2e81b7d4c6e9a0b5d2f7e1c8a4b'],
    ['JWT_SECRET', 'x9!Kq2#pL7@mN4$rT8'],
    ['SECRET_KEY', 'django-insecure-8k$2j#h@v!q9z&w7x'],
    ['DATABASE_URL', 'postgres://shop:shop-dev-2024@postgres:5432/shop'],
    ['MYSQL_DSN', 'shop:Tr0ub4dor-2024@tcp(db:3306)/shop'],
    ['signing_key', 'k7x2-p9q3-m4n8-z5w1'],
    ['botToken', 'xoxb-' + '20431-58862-QrX7vTzLk2PaYb'],
    ['notes', 'see the docs... then use ' + 'xoxb-' + '20431-58862-QrX7vTzLk2PaYb'],
    ['MYSQL_ROOT_PASSWORD', '12345678'],
    ['aws_access_key_id', 'AKIA' + '6RAO3SOP6GE5ISKO'],
    ['apiToken', 'aB3dE9fGh2JkLmN4pQrS7tUv'],
    ['ADMIN_TOKEN', 'QX7K_ZP9M_W2RT_8VLD'],
  ];
  for (const [name, value] of yes) it(`reports ${name} set to a literal secret`, () => assert.ok(looksLikeSecret(name, value)));
  const no: [string, string][] = [
    ['POSTGRES_PASSWORD', '${POSTGRES_PASSWORD}'],
    ['DB_PASSWORD', '$DB_PASSWORD'],
    ['password', 'changeme'],
    ['api_key', '<your-api-key>'],
    ['api_key', 'xxxxxxxxxxxxxxxxxxxx'],
    ['PASSWORD_FILE', '/run/secrets/db_password'],
    ['password_field', 'password'],
    ['PASSWORD', 'password'],
    ['token', 'Bearer'],
    ['api_key', 'short'],
    ['cache_key', 'f3a9c2e81b7d4c6e9a0b5d2f7e1c8a4b'],
    ['TOKEN_URL', 'https://auth.example.com/token'],
    ['password_prompt', 'Enter your password'],
    ['DATABASE_URL', 'postgres://shop:${DB_PASSWORD}@postgres:5432/shop'],
    ['DATABASE_URL', 'postgres://postgres@postgres:5432/shop'],
    ['SVIX_REDIS_DSN', 'redis://redis:6379'],
    ['defaultDSN', 'root:@tcp(localhost:3306)/tinode?parseTime=true&collation=utf8mb4_0900_ai_ci'],
    ['signature', 'benefits_search_vector_update()'],
    ['signature', 'customer_meter_sum(uuid, text)'],
    ['SENTRY_DSN_TOKEN', 'https://o4507.ingest.sentry.io/450781'],
    ['SENTRY_DSN', 'https://bcadda4b593d454797a1260e094f0c5d@o1161119.ingest.sentry.io/6252448'],
    ['Password', '$2a$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW'],
    ['password_hash', '$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG'],
    ['client_id', 'f3a9c2e81b7d4c6e9a0b5d2f7e1c8a4b'],
    ['session_key', 'user_session_identifier'],
    ['LEGACY_SALT', 'seaweedfs-sse-s3-kek-wrapping-v1'],
    ['VAULT_TOKEN', 'vault-test-token-123'],
    ['UidPidToken', 'UID_PID_TOKEN_STATUS:'],
    ['client_secret', 'client_secret'],
    ['TLS_TRUST_PWD', '.tls.certPrivateKeyPassword'],
    ['PASSWORD_PROPERTY', 'spring.datasource.password'],
    ['API_KEY', 'api-key'],
    ['API_KEY', 'my-dev-api-key-42'],
    ['botToken', 'xoxb-test-token-secret'],
    ['botAccessToken', 'xoxb-' + 'BOT-SECRET'],
    ['refreshToken', 'xoxe-' + 'REFRESH-SECRET'],
    ['secretToken', 'xoxb-extremely-secret-token-abcdef123456'],
    ['STRIPE_KEY', 'sk_test_placeholder_value_for_tests'],
    ['BEDROCK_USE_DEFAULT_CREDENTIALS', '__BEDROCK_DEFAULT_CREDENTIALS__'],
    ['ingestion_api_key', 'pk-lf-1234567890'],
    ['botToken', 'xoxb-' + '1111-aaaaaaaaaa'],
    ['apiKey', 'sk-ant-' + 'api03-AAAAAAAAAAAAAAAA'],
    ['accessKeyId', 'ASIA' + '1234567890ABCDEF'],
    ['url', 'https://b.s3.amazonaws.com/f?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=' + 'AKIA' + '6RAO3SOP6GE5ISKO' + '%2F20230117%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=ab12'],
    ['webhookUrl', 'https://hooks.slack.com/services/' + 'T11111111/B11111111/YYYYYYYYYYYYYYYYYYYYYYYY'],
    ['secret', 'unknown'],
    ['PROJECT_API_KEY', 'phc_' + 'hgJkUVJFYtmaJqrvf6CYN67TIQ8yhXAkWzUn9AMU4yX'],
    ['ACCESS_KEY_SECRET', "$t('accessKeySecret')"],
    ['DB_PWD', '--password'],
    ['ctxCredentials', 'github.com/jcmturner/gokrb5/v8/ctxCredentials'],
    ['passwordFlag', '--db-password='],
    ['STRIPE_PUBLISHABLE_KEY', 'pk_live_' + '51HxQ2eKq8Zr3vT0aBcDeFgHiJkLmNoP'],
    ['MYSQL_RANDOM_ROOT_PASSWORD', '"yes"'],
    ['attributeKeyOAuth2RefreshTokenSignature', 'OAuth2RefreshTokenSignature'],
    ['eventAccessTokenIssued', 'AccessTokenIssuedEventName'],
    ['DUMMY_SIGNATURE', 'ErYCCrMCAdHtim9kQ7xTQp2Lm8sV3nW1'],
    ['REDACTED_CREDENTIAL_VALUE', '_FLOWISE_BLANK_07167752-1a71-43b1-bf8f-4f32252165db'],
    ['fakeApiToken', 'aB3dE9fGh2JkLmN4pQrS7tUv'],
    ['ACCESS_TOKEN', 'xoxp-' + '1-Mi0yLTU5MTAx...MDkwN2U0YjlmZmI4YzA1NTYwZjNlMjRiZDYwNGU0ZA'],
  ];
  for (const [name, value] of no) it(`does not report ${name} set to ${JSON.stringify(value)}`, () => assert.equal(looksLikeSecret(name, value), undefined));

  it('reads names in every case style', () => {
    assert.equal(secretName('dbPassword'), 'password');
    assert.equal(secretName('DB_PASSWORD'), 'password');
    assert.equal(secretName('stripe-api-key'), 'key');
    assert.equal(secretName('clientSecret'), 'key');
    assert.equal(secretName('passwordHash'), undefined);
    assert.equal(secretName('monkey'), undefined);
  });

  it('treats environment references and placeholders as placeholders', () => {
    for (const v of ['${X}', '$X', '$(DB_PASSWORD)', '{{ .Values.pw }}', 'vault:secret/db', 'your-token-here', '********']) assert.ok(isPlaceholder(v), v);
    assert.equal(isPlaceholder('shop-dev-2024'), false);
  });
});

describe('secrets: redact', () => {
  it('replaces each secret with its kind and keeps the rest of the text', () => {
    const text = `token: ${GH}\nurl: postgres://u:hunter22@db/x\nname: orders\n`;
    const out = redact(text);
    assert.ok(!out.includes(GH) && !out.includes('hunter22'));
    assert.match(out, /token: \[REDACTED GitHub token\]/);
    assert.match(out, /postgres:\/\/u:\[REDACTED password in a connection string\]@db\/x/);
    assert.match(out, /name: orders/);
  });

  it('redacts KEY=value lines of .env files and leaves references alone', () => {
    const out = redact('API_KEY=f3a9c2e81b7d4c6e9a0b5d2f7e1c8a4b\nDB_PASSWORD=${DB_PASSWORD}\nPORT=8080\n');
    assert.equal(out, 'API_KEY=[REDACTED API key or token]\nDB_PASSWORD=${DB_PASSWORD}\nPORT=8080\n');
  });

  it('leaves prose and code expressions after a secret-like name alone, but not literals', () => {
    const prose = 'A hardcoded password: anyone who reads the file can log in.';
    assert.equal(redact(prose), prose);
    const code = 'password = request.form["password"]\ntoken = os.environ.get("TOKEN")';
    assert.equal(redact(code), code);
    assert.notEqual(redact('POSTGRES_PASSWORD: hunter2\n'), 'POSTGRES_PASSWORD: hunter2\n');
    assert.notEqual(redact('DB_PASSWORD: swordfish\n'), 'DB_PASSWORD: swordfish\n');
    assert.notEqual(redact('password = "swordfish" # the real one'), 'password = "swordfish" # the real one');
  });

  it('leaves a text without secrets unchanged', () => {
    const text = 'def charge(order):\n    return requests.post(PAYMENTS_URL, json=order, timeout=5)\n';
    assert.equal(redact(text), text);
  });
});
