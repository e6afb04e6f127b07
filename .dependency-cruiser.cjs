/**
 * The project's layers, checked by dependency-cruiser in `npm test` (npm run lint:layers): data flows one way,
 * specs → engine → target, and the reference model predicts from below everything.
 *
 *   reference/     the model of AWS: imports nothing of the project
 *   src/           the engine: runs any target through the Target interface, loads clauses as data
 *   specs/         the clauses: the engine's API and the reference's helpers only
 *   test-targets/  the targets: the engine and the reference, never a clause
 *   app/           the composition root: the CLI, the public entry points, the vitest adapter and the docs
 *                  generators, which pick targets and clauses; nothing shipped below it imports it
 *   scripts/, bench/, test/: on top, importing what they need
 */
module.exports = {
  forbidden: [
    {
      name: 'nothing-below-imports-the-app',
      comment: 'The composition root is the top of what ships: the engine, the specs, the targets and the model never import it.',
      severity: 'error',
      from: { path: '^(src|reference|specs|test-targets)/' },
      to: { path: '^app/' },
    },
    {
      name: 'reference-is-the-bottom',
      comment: 'The reference model is a drop-in fake of AWS: it imports nothing of the engine, the targets or the specs.',
      severity: 'error',
      from: { path: '^reference/' },
      to: { path: '^(src|specs|test-targets|app|scripts|bench|test)/' },
    },
    {
      name: 'engine-imports-no-target',
      comment: 'The engine runs any target through the Target interface; only the composition root picks targets.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^test-targets/' },
    },
    {
      name: 'engine-imports-no-clause',
      comment: 'Clauses are loaded as data (src/spec-loader.ts); the engine never names one.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^specs/' },
    },
    {
      name: 'specs-see-engine-and-reference-only',
      comment: 'A clause is written against the engine and the reference; it never knows a target or a test.',
      severity: 'error',
      from: { path: '^specs/' },
      to: { path: '^(test-targets|scripts|bench|test)/' },
    },
    {
      name: 'targets-know-no-clause',
      comment: 'A target serves every clause alike; naming one would make it a special case.',
      severity: 'error',
      from: { path: '^test-targets/' },
      to: { path: '^(specs|scripts|bench|test)/' },
    },
    {
      name: 'shipped-code-imports-no-tooling',
      comment: 'What the package ships never imports the scripts, benchmarks or tests.',
      severity: 'error',
      from: { path: '^(src|reference|specs|test-targets|app)/' },
      to: { path: '^(scripts|bench|test)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|\\.emulators|\\.tools)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'] },
  },
};
