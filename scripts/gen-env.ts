/** `npm run gen:env`: regenerates .env.example and the README's configuration table from config/variables.ts. */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderEnvExample, withConfigTable } from '../config/env-docs';

const root = resolve(__dirname, '..');
writeFileSync(resolve(root, '.env.example'), renderEnvExample());
const readmePath = resolve(root, 'README.md');
writeFileSync(readmePath, withConfigTable(readFileSync(readmePath, 'utf8')));
console.log('Wrote .env.example and the README configuration table.');
