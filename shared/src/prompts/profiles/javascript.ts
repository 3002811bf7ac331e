import { COPY_EXAMPLE, example, examples, SCAFFOLD_LESSON, TEST_LESSON, TYPES_LESSON } from './examples';
import type { LanguageProfile } from './types';

/** Parses package.json without installing anything (`node -e` evaluates CommonJS by default). */
export const PACKAGE_JSON_CHECK = `node -e "JSON.parse(require('node:fs').readFileSync('package.json', 'utf8'))"`;

export const javascript: LanguageProfile = {
  name: 'javascript',
  curated: true,
  setupCommandExample: '`npm init -y`',
  setupManifestExample: '`package.json`',
  scaffoldManifests: '`package.json`',
  buildInvocationExamples: '`npm install`, `npm run build`, `npm run bundle`, `yarn install` or `yarn build`',
  safeVerifyExamples: `\`test -f package.json\` or a parse check such as \`${PACKAGE_JSON_CHECK}\``,
  commonVerifyCommand: '`node --check <file>` (one command per file)',
  workedExamples: examples(
    example(SCAFFOLD_LESSON, {
      title: 'Package scaffold',
      description:
        'Write package.json: name, `"type": "module"`, the `pomodoro` bin entry, a `test` script ' +
        'running `node --test`, and the dependencies named in the architecture.',
      outputs: ['package.json'],
      depends_on: [],
      spec_refs: ['Constraints'],
      arch_refs: ['Dependencies'],
      verify: [PACKAGE_JSON_CHECK],
    }),
    example(TYPES_LESSON, {
      title: 'Session data types',
      description:
        'In src/models.js export the frozen PHASES object (work, shortBreak, longBreak) and ' +
        'createSession(phase, minutes), which throws InvalidDurationError for a non-positive duration; ' +
        'document the Session shape with a JSDoc typedef.',
      outputs: ['src/models.js'],
      depends_on: [1],
      spec_refs: ['Start Session', 'Constraints'],
      arch_refs: ['Data Models'],
      verify: ['node --check src/models.js'],
    }),
    example(TEST_LESSON, {
      title: 'Timer tests',
      description:
        'Tests with node:test and node:assert for src/timer.js: the long break after four work ' +
        'sessions, pause and resume, and InvalidDurationError for zero or negative durations, using the ' +
        'values of the spec examples.',
      outputs: ['test/timer.test.js'],
      depends_on: [2, 3],
      spec_refs: ['Start Session', 'Examples'],
      arch_refs: ['Components > Timer'],
      verify: ['node --test test/timer.test.js'],
      covers: ['Start Session'],
    }),
    COPY_EXAMPLE,
  ),
  buildInvocationTokens: ['npm install', 'npm run build', 'npm run bundle', 'yarn install', 'yarn build'],
  sourceExtensions: ['.js', '.mjs', '.cjs'],
  manifestFilenames: [],
  toolingTokens: ['npm', 'yarn', 'node --check', 'node --test', 'node:test', 'package.json'],
};
