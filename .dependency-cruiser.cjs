/**
 * Layering rules: the "may import" column of the folder table in ARCHITECTURE.md, and the arrows of "The shape we
 * are moving to" (domain/ at the bottom, sandbox/ only for app/ and tests/, no cycles). Run by `npm run lint` as
 *   depcruise --config .dependency-cruiser.cjs .
 *
 * Test code is exempt from the layer rules (not from the cycle rule): tests/, bench/ and unit tests beside their
 * source (`*.test.ts`) may import everything, as the table says of tests/ and bench/.
 *
 * A rule names what a folder may NOT import (everything of ours outside its allowance), so a new folder of ours must
 * be added to OURS to be checked.
 */

/** Every top-level folder of ours, present or planned (scheduled jobs live in app/jobs/, a layer of their own below). */
const OURS = [
  'app',
  'engine',
  'dialogs',
  'nlu',
  'bots',
  'skills',
  'integrations',
  'support',
  'store',
  'sandbox',
  'prompts',
  'domain',
  'ports',
  'tests',
  'bench',
];
const TEST_CODE = ['^tests/', '^bench/', '\\.test\\.ts$'];

/** Anything of ours outside the listed folders (paths are folders, or single files like `store/port\\.ts$`). */
const oursExcept = (...allowed) => ({ path: `^(${OURS.join('|')})/`, pathNot: allowed.map((a) => (a.includes('/') ? `^${a}` : `^${a}/`)) });
const layer = (name, folder, comment, ...allowed) => ({
  name,
  comment,
  severity: 'error',
  from: { path: `^${folder}/`, pathNot: TEST_CODE },
  to: oursExcept(folder, ...allowed),
});
/** `from` may import these only for their types (`import type`), never a value. */
const typesOnly = (name, folder, comment, target) => ({
  name,
  comment,
  severity: 'error',
  from: { path: `^${folder}/`, pathNot: TEST_CODE },
  to: { path: target, dependencyTypesNot: ['type-only'] },
});

/**
 * KNOWN_VIOLATIONS: imports that break the rules above today and that the redesign removes (see "The shape we are
 * moving to"). They are reported as "ignored" instead of failing the build, one exact (rule, from, to) each, so any
 * NEW violation fails `npm run lint`. Delete an entry when its import goes; the list must be empty when the redesign
 * is done. Do not add to it: fix the import, or change the rule (and ARCHITECTURE.md) on purpose.
 */
const KNOWN_VIOLATIONS = [
  // The REST channel serves the customer's live stream of a person's messages from the support service's events
  // (-> a relay subscription on the channel port, with the SSE writer shared from a neutral module).
  ['bots-import-engine', 'bots/rest.ts', 'support/agent-api.ts'],
  ['bots-import-engine', 'bots/rest.ts', 'support/escalations.ts'],
].map(([name, from, to]) => ({ type: 'dependency', rule: { name, severity: 'error' }, from, to }));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle has no bottom layer to test or reason about first.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that does not resolve breaks at run time.',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'only-app-and-tests-import-sandbox',
      severity: 'error',
      comment: 'The sandbox stands in for commerce and logistics providers; production code reaches them only through ports wired in app/.',
      from: { path: `^(${OURS.filter((f) => !['app', 'tests', 'bench', 'sandbox'].includes(f)).join('|')})/`, pathNot: TEST_CODE },
      to: { path: '^sandbox/' },
    },
    {
      name: 'nobody-imports-app-or-tests',
      severity: 'error',
      comment: 'app/ is the composition root and tests/ the cross-cutting suites; nothing below them may depend on them.',
      from: { path: `^(${OURS.filter((f) => !['app', 'tests', 'bench'].includes(f)).join('|')})/`, pathNot: TEST_CODE },
      to: { path: '^(app|tests|bench)/' },
    },
    {
      name: 'not-to-dev-dep',
      severity: 'error',
      comment: 'Production code may not import a devDependency (it is not installed in the image).',
      from: { path: `^(${OURS.filter((f) => !['tests', 'bench'].includes(f)).join('|')})/`, pathNot: TEST_CODE },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'], pathNot: ['node_modules/@types/'] },
    },
    {
      name: 'pure-core',
      severity: 'error',
      comment: 'domain/ and dialogs/ are pure: no Node built-ins (I/O, clocks through ports) and no npm package but zod.',
      from: { path: '^(domain|dialogs)/', pathNot: TEST_CODE },
      to: { dependencyTypes: ['core', 'npm'], pathNot: ['node_modules/zod/'] },
    },

    layer('domain-imports-only-domain', 'domain', 'domain/ is the bottom: shapes and pure helpers, one home each.'),
    layer('ports-import-only-domain', 'ports', 'A port is an interface over domain types.', 'domain'),
    layer('prompts-import-only-domain-types', 'prompts', 'prompts/ holds what Smile says; it depends on nothing of ours but domain types.', 'domain'),
    typesOnly('prompts-import-domain-types-only', 'prompts', 'prompts/ may name domain types, not call domain code.', '^domain/'),
    layer(
      'dialogs-import-domain-prompts-catalogue',
      'dialogs',
      'dialogs/ is pure: domain, prompt keys (types) and the NLU catalogue (types).',
      'domain',
      'prompts',
      'nlu/catalogue\\.ts$',
    ),
    typesOnly(
      'dialogs-import-prompt-and-catalogue-types-only',
      'dialogs',
      'dialogs/ names prompt keys and catalogue types; it does not run NLU or render text.',
      '^(prompts/|nlu/catalogue\\.ts$)',
    ),
    layer(
      'nlu-imports-prompts-and-domain',
      'nlu',
      'nlu/ understands text; it knows the prompts (templates) and domain, not the flows or channels.',
      'prompts',
      'domain',
    ),
    layer(
      'engine-imports-dialogs-nlu-ports',
      'engine',
      'engine/ runs turns through ports: dialogs, nlu, prompts (rendering), domain and the port interfaces; never a channel, an adapter, support internals, the sandbox or app/.',
      'dialogs',
      'nlu',
      'prompts',
      'domain',
      'ports',
      'store/port\\.ts$',
      'integrations/ports\\.ts$',
    ),
    layer(
      'bots-import-engine',
      'bots',
      'A channel translates to a Turn and renders a Reply (its own sentences from prompts/); it talks to the engine and its ports, never to store/.',
      'engine',
      'domain',
      'ports',
      'prompts',
    ),
    layer(
      'skills-import-engine-and-nlu',
      'skills',
      'The Alexa skill is a channel: the engine, the channel contract in bots/, the NLU catalogue (its interaction model); never store/.',
      'engine',
      'bots',
      'nlu',
      'domain',
      'ports',
      'prompts',
    ),
    layer('integrations-import-domain', 'integrations', 'An adapter implements a port over domain types.', 'domain', 'ports'),
    layer(
      'support-imports-store-and-ports',
      'support',
      'Human handoff: its own store and ports, and the sentences it says to the customer (prompts/).',
      'store',
      'domain',
      'ports',
      'prompts',
    ),
    layer('store-imports-domain', 'store', 'Persistence over domain types.', 'domain', 'ports'),
    layer(
      'sandbox-imports-domain',
      'sandbox',
      'The stand-in providers share only the domain shapes with Smile, and keep their state in the same store (PRODUCT.md 6).',
      'domain',
      'store/port\\.ts$',
    ),
    layer(
      'jobs-import-engine-ports',
      'app/jobs',
      'Scheduled work (app/jobs/) goes through the engine and ports (the store port included), not channels or the rest of app/.',
      'engine',
      'dialogs',
      'nlu',
      'prompts',
      'domain',
      'ports',
      'store/port\\.ts$',
    ),
  ],
  options: {
    knownViolations: KNOWN_VIOLATIONS,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^node_modules/', '^\\.ci/', '^skill-package/', '^dist/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
