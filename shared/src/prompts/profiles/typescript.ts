import { COPY_EXAMPLE, example, examples, SCAFFOLD_LESSON, TEST_LESSON, TYPES_LESSON } from './examples';
import { PACKAGE_JSON_CHECK } from './javascript';
import type { LanguageProfile } from './types';

export const typescript: LanguageProfile = {
  name: 'typescript',
  curated: true,
  setupCommandExample: '`npm init -y` followed by `npx tsc --init`',
  setupManifestExample: '`package.json` and `tsconfig.json`',
  scaffoldManifests: '`package.json` and `tsconfig.json`',
  buildInvocationExamples: '`npm install`, `npm run build`, `tsc --build` or `tsc -b`',
  safeVerifyExamples: `\`test -f tsconfig.json\` or a parse check such as \`${PACKAGE_JSON_CHECK}\``,
  commonVerifyCommand:
    '`npx tsc --noEmit` (it checks the whole project, so it suits every task after the scaffold)',
  workedExamples: examples(
    example(SCAFFOLD_LESSON, {
      title: 'Package scaffold',
      description:
        'Write package.json (`"type": "module"`, the `pomodoro` bin entry, typescript and vitest as ' +
        'devDependencies, `build` and `test` scripts) and tsconfig.json (strict, rootDir src, outDir dist).',
      outputs: ['package.json', 'tsconfig.json'],
      depends_on: [],
      spec_refs: ['Constraints'],
      arch_refs: ['Dependencies'],
      verify: ['test -f tsconfig.json', PACKAGE_JSON_CHECK],
    }),
    example(TYPES_LESSON, {
      title: 'Session data types',
      description:
        'In src/models.ts export the Phase union type, the readonly Session interface from the Data ' +
        'Models section, and createSession(phase, minutes), which throws InvalidDurationError for a ' +
        'non-positive duration.',
      outputs: ['src/models.ts'],
      depends_on: [1],
      spec_refs: ['Start Session', 'Constraints'],
      arch_refs: ['Data Models'],
      verify: ['npx tsc --noEmit'],
    }),
    example(TEST_LESSON, {
      title: 'Timer tests',
      description:
        'vitest tests for src/timer.ts: the long break after four work sessions, pause and resume, and ' +
        'InvalidDurationError for zero or negative durations, using the values of the spec examples.',
      outputs: ['test/timer.test.ts'],
      depends_on: [2, 3],
      spec_refs: ['Start Session', 'Examples'],
      arch_refs: ['Components > Timer'],
      verify: ['npx vitest run test/timer.test.ts'],
      covers: ['Start Session'],
    }),
    COPY_EXAMPLE,
  ),
  buildInvocationTokens: ['npm install', 'npm run build', 'tsc --build', 'tsc -b'],
  sourceExtensions: ['.ts', '.tsx'],
  manifestFilenames: [],
  toolingTokens: ['npm', 'npx', 'tsc', 'tsconfig.json', 'vitest', 'package.json'],
};
