import { readFileSync } from 'node:fs';

/**
 * How `npm run serve` starts the production server, read from package.json: its node
 * flags (the V8 heap's limit) and script. The benchmark, the crash drill and the
 * end-to-end servers start it with these, so they run it as production does.
 */
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> };
const found = /\bnode((?: --\S+)*) (src\/server\.js)$/.exec(pkg.scripts.serve);
if (!found) throw new Error('package.json: the serve script should end in `node [flags] src/server.js`');
export const SERVER_ARGS: string[] = [...found[1].split(' ').filter(Boolean), found[2]];
