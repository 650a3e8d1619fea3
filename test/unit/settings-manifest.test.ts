// Keeps package.json (settings, config schema, commands, activation, engines) in step with the code it describes.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import ts from 'typescript';
import { COMMAND_IDS } from '../../client/src/commandIds';
import { ANALYZED_LANGUAGES } from '../../client/src/documentSelector';
import { configFileJsonSchema, serverSettingDefaults, settingsContribution } from '../../server/src/core/config/jsonSchema';
import { ANALYZE_WORKSPACE_COMMAND } from '../../server/src/lsp/protocol';

const root = join(__dirname, '..', '..');
const readJson = (path: string) => JSON.parse(readFileSync(join(root, path), 'utf8'));
const pkg = readJson('package.json');
const settings: Record<string, { description?: string; markdownDescription?: string; default?: unknown }> =
  pkg.contributes.configuration.properties;
const contributedCommands: { command: string; title: string; category?: string }[] = pkg.contributes.commands;

/** Keys of the object literal assigned to `name` in a TypeScript source file. */
function objectLiteralKeys(file: string, name: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(join(root, file), 'utf8'), ts.ScriptTarget.Latest, true);
  let keys: string[] | undefined;
  source.forEachChild(function visit(node): void {
    if (ts.isVariableDeclaration(node) && node.name.getText() === name && node.initializer && ts.isObjectLiteralExpression(node.initializer)) {
      keys = node.initializer.properties.map((p) => p.name!.getText());
    }
    node.forEachChild(visit);
  });
  assert.ok(keys, `${file} assigns an object literal to ${name}`);
  return keys;
}

describe('settings', () => {
  test('package.json contributes exactly the settings generated from the zod schema (run npm run gen:schemas)', () => {
    assert.deepEqual(settings, settingsContribution());
  });

  test('every setting has a description and a default', () => {
    for (const [key, setting] of Object.entries(settings)) {
      assert.ok(setting.description || setting.markdownDescription, `${key} has a description`);
      assert.ok('default' in setting, `${key} has a default`);
    }
  });

  test('every server setting defaults in package.json to what the server assumes when it is unset', () => {
    for (const [key, value] of Object.entries(serverSettingDefaults())) assert.deepEqual(settings[key]?.default, value, key);
  });

  test('settings that run a program from the workspace are restricted in untrusted workspaces', () => {
    assert.deepEqual(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations, ['backendArchitect.helm.render', 'backendArchitect.helm.path']);
  });
});

describe('config file schema', () => {
  test('schemas/backend-architect.schema.json is the schema generated from the zod config file schema', () => {
    assert.deepEqual(readJson('schemas/backend-architect.schema.json'), configFileJsonSchema());
  });

  test('the schema is contributed for editing .backend-architect.yaml', () => {
    const entry = pkg.contributes.yamlValidation?.find((v: { fileMatch: string }) => v.fileMatch === '.backend-architect.yaml');
    assert.equal(entry?.url, './schemas/backend-architect.schema.json');
  });
});

describe('commands', () => {
  test('every contributed command has a handler registered in client/src/commands.ts', () => {
    const ids = COMMAND_IDS as Record<string, string>;
    const handled = objectLiteralKeys('client/src/commands.ts', 'COMMAND_FACTORIES').map((name) => ids[name]);
    assert.deepEqual(contributedCommands.map((c) => c.command).sort(), handled.sort());
  });

  test('every command the client registers is contributed in package.json', () => {
    assert.deepEqual(Object.values(COMMAND_IDS).sort(), contributedCommands.map((c) => c.command).sort());
  });

  test('every command has a title and the Backend Architect category', () => {
    for (const c of contributedCommands) {
      assert.ok(c.title, `${c.command} has a title`);
      assert.equal(c.category, 'Backend Architect', c.command);
    }
  });

  test('the server command id differs from every contributed command, so the language client can register it', () => {
    assert.ok(!contributedCommands.some((c) => c.command === ANALYZE_WORKSPACE_COMMAND));
  });
});

describe('activation and engines', () => {
  test('the extension activates on every language the client sends to the server', () => {
    for (const language of ANALYZED_LANGUAGES) assert.ok(pkg.activationEvents.includes(`onLanguage:${language}`), language);
  });

  test('the extension activates in a workspace that has a config file', () => {
    assert.ok(pkg.activationEvents.includes('workspaceContains:.backend-architect.yaml'));
  });

  test('engines.vscode matches the major.minor of @types/vscode and is no newer than 1.139', () => {
    const engine = /^\^(\d+)\.(\d+)\.\d+$/.exec(pkg.engines.vscode);
    assert.ok(engine, `engines.vscode ${pkg.engines.vscode} is ^major.minor.patch`);
    const [major, minor] = [Number(engine[1]), Number(engine[2])];
    for (const version of [pkg.devDependencies['@types/vscode'], readJson('node_modules/@types/vscode/package.json').version]) {
      assert.match(version, new RegExp(`^${major}\\.${minor}\\.`), `@types/vscode ${version}`);
    }
    assert.ok(major === 1 && minor <= 139, `engines.vscode ${pkg.engines.vscode} is no newer than 1.139`);
  });
});
