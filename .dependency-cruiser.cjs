/**
 * Module boundaries (docs/architecture.md). A violation fails CI.
 * - another module only through its public index.ts (@modules/<name>)
 * - domain/ imports only the shared kernel (no Nest, no ORM)
 * - top-level infrastructure/ never imports modules/ (except the shared kernel)
 * - the shared kernel depends on no module and no framework
 */
const MODULES = 'network|intake|scheduling|remote-official|reporting';
module.exports = {
  forbidden: [
    {
      name: 'no-deep-import-into-another-module',
      comment: 'Import another module only through its index.ts',
      severity: 'error',
      from: { path: `^modules/(${MODULES}|shared-kernel)/` },
      to: {
        path: `^modules/(${MODULES}|shared-kernel)/.+`,
        pathNot: [`^modules/(${MODULES}|shared-kernel)/index\\.ts$`, '^modules/$1/'],
      },
    },
    {
      name: 'apps-use-public-module-api',
      severity: 'error',
      from: { path: '^apps/' },
      to: { path: `^modules/(${MODULES}|shared-kernel)/.+`, pathNot: `^modules/(${MODULES}|shared-kernel)/index\\.ts$` },
    },
    {
      name: 'domain-is-plain-typescript',
      comment: 'domain/ may import only the shared kernel and its own module’s domain',
      severity: 'error',
      from: { path: `^modules/(${MODULES})/domain/` },
      to: { path: '^node_modules/(@nestjs|@mikro-orm|pg|pg-boss|socket\\.io|fastify)/' },
    },
    {
      name: 'domain-does-not-reach-outward',
      severity: 'error',
      from: { path: `^modules/(${MODULES})/domain/` },
      to: { path: [`^modules/$1/(application|infrastructure|interface)/`, '^infrastructure/', '^apps/'] },
    },
    {
      name: 'infrastructure-does-not-import-modules',
      severity: 'error',
      from: { path: '^infrastructure/' },
      to: { path: `^modules/(${MODULES})/` },
    },
    {
      name: 'shared-kernel-is-plain',
      severity: 'error',
      from: { path: '^modules/shared-kernel/' },
      to: { path: ['^node_modules/(@nestjs|@mikro-orm|pg|pg-boss)/', `^modules/(${MODULES})/`, '^infrastructure/', '^apps/'] },
    },
    {
      name: 'no-circular-between-modules',
      severity: 'error',
      from: { path: `^modules/(${MODULES})/` },
      to: { circular: true, path: `^modules/(?!$1/)` },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^dist/|\\.spec\\.ts$|^apps/console/)' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
