/**
 * Writes messages/zh-Hant.json from messages/zh-Hans.json through OpenCC
 * (`npm run i18n:hant`). A unit test fails when the two drift apart.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { hantDeep } from '../hant';

const dir = fileURLToPath(new URL('../../i18n/messages/', import.meta.url));
const hans = JSON.parse(readFileSync(dir + 'zh-Hans.json', 'utf8'));
writeFileSync(dir + 'zh-Hant.json', JSON.stringify(hantDeep(hans), null, '\t') + '\n');
console.log(`zh-Hant.json: ${Object.keys(hans).length} messages`);
