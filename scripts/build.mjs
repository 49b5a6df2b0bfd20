// Compiles the server (apps/server, modules, infrastructure) with swc into dist/, rewriting the
// @modules/* and @infrastructure/* aliases, and copies the data files the code reads at run time.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

rmSync('dist', { recursive: true, force: true });
execFileSync(
  'npx',
  ['swc', 'apps/server', 'modules', 'infrastructure', '-d', 'dist', '--config-file', '.swcrc', '--ignore', '**/*.spec.ts,**/*.fake.ts,**/*.fixture.ts', '--quiet'],
  { stdio: 'inherit' },
);

// Seed data and other assets: every `data` and `forms` folder under modules/ and infrastructure/.
function copyDataFolders(dir) {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (!statSync(path).isDirectory()) continue;
    if (entry === 'data' || entry === 'forms') cpSync(path, join('dist', path), { recursive: true });
    else copyDataFolders(path);
  }
}
copyDataFolders('modules');
copyDataFolders('infrastructure');
if (!existsSync('dist/apps/server/main.js')) throw new Error('build produced no dist/apps/server/main.js');

// The web consoles (apps/console, Vite + React) into dist/console, served by the server at `/`.
execFileSync('npx', ['vite', 'build', 'apps/console', '--logLevel', 'warn'], { stdio: 'inherit' });
if (!existsSync('dist/console/index.html')) throw new Error('build produced no dist/console/index.html');
