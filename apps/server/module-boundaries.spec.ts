import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const REPO = resolve(__dirname, '../..');

/**
 * Proof that `npm run boundaries` (CI) fails on a deep import into another module: the repository's
 * own dependency-cruiser rules, run over a small fixture tree with the same layout.
 */
describe('module boundaries (dependency-cruiser rules)', () => {
  let dir: string;
  const write = (path: string, text: string): void => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  const cruise = () =>
    spawnSync(process.execPath, [join(REPO, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs'), 'modules', '--config', join(REPO, '.dependency-cruiser.cjs'), '--output-type', 'err'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 60_000,
    });

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'vpvkac-boundaries-'));
    write('tsconfig.json', JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@modules/*': ['modules/*/index.ts'] } } }));
    write('modules/network/index.ts', "export { centreCode } from './domain/centre';\n");
    write('modules/network/domain/centre.ts', "export const centreCode = 'CES-1';\n");
    write('modules/intake/index.ts', "export { viaIndex } from './application/uses-public-api';\n");
    write('modules/intake/application/uses-public-api.ts', "import { centreCode } from '@modules/network';\nexport const viaIndex = centreCode;\n");
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('accepts an import through the other module’s index.ts', () => {
    const result = cruise();
    expect(result.stdout + result.stderr).not.toContain('error');
    expect(result.status).toBe(0);
  }, 60_000);

  it('fails on a deep import into another module', () => {
    write('modules/intake/application/deep.ts', "import { centreCode } from '../../network/domain/centre';\nexport const deep = centreCode;\n");
    try {
      const result = cruise();
      expect(result.status).not.toBe(0);
      expect(result.stdout).toContain('no-deep-import-into-another-module');
      expect(result.stdout).toContain('modules/intake/application/deep.ts → modules/network/domain/centre.ts');
    } finally {
      rmSync(join(dir, 'modules/intake/application/deep.ts'));
    }
  }, 60_000);
});
