// Writes the JSON schema of .backend-architect.yaml and package.json's contributes.configuration from the zod schemas.
import { readFileSync, writeFileSync } from 'node:fs';
import { configFileJsonSchema, settingsContribution } from '../server/src/core/config/jsonSchema';

writeFileSync('schemas/backend-architect.schema.json', JSON.stringify(configFileJsonSchema(), null, 2) + '\n');
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
pkg.contributes.configuration.properties = settingsContribution();
writeFileSync('package.json', JSON.stringify(pkg, null, 2) + '\n');
console.log('wrote schemas/backend-architect.schema.json and package.json contributes.configuration');
