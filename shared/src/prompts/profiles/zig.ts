import { COPY_EXAMPLE, example, examples, SCAFFOLD_LESSON, TEST_LESSON, TYPES_LESSON } from './examples';
import type { LanguageProfile } from './types';

export const zig: LanguageProfile = {
  name: 'zig',
  curated: true,
  setupCommandExample: '`zig init -m`',
  setupManifestExample: '`build.zig` and `build.zig.zon`',
  scaffoldManifests: '`build.zig` and `build.zig.zon`',
  buildInvocationExamples: '`zig build` in any form (`zig build run`, `zig build test`)',
  safeVerifyExamples: '`zig ast-check build.zig`, `zig fmt --check build.zig.zon` or `test -f build.zig.zon`',
  commonVerifyCommand: '`zig ast-check <file>` (one command per file)',
  workedExamples: examples(
    example(SCAFFOLD_LESSON, {
      title: 'Build scaffold',
      description:
        'Write build.zig (an executable `pomodoro` rooted at src/main.zig, plus `run` and `test` steps) ' +
        'and build.zig.zon (name, version, minimum Zig version, no dependencies).',
      outputs: ['build.zig', 'build.zig.zon'],
      depends_on: [],
      spec_refs: ['Constraints'],
      arch_refs: ['Dependencies'],
      verify: ['zig ast-check build.zig', 'zig fmt --check build.zig.zon'],
    }),
    example(TYPES_LESSON, {
      title: 'Session data types',
      description:
        'Define the Phase enum (work, short_break, long_break), the Session struct from the Data Models ' +
        'section and the TimerError error set in src/types.zig; Session.init returns ' +
        'error.InvalidDuration for a zero duration.',
      outputs: ['src/types.zig'],
      depends_on: [1],
      spec_refs: ['Start Session', 'Constraints'],
      arch_refs: ['Data Models'],
      verify: ['zig ast-check src/types.zig'],
    }),
    example(TEST_LESSON, {
      title: 'Timer tests',
      description:
        'Test blocks in src/timer_test.zig importing timer.zig: the long break after four work sessions, ' +
        'pause and resume, and error.InvalidDuration for a zero duration, using the values of the spec ' +
        'examples.',
      outputs: ['src/timer_test.zig'],
      depends_on: [2, 3],
      spec_refs: ['Start Session', 'Examples'],
      arch_refs: ['Components > Timer'],
      verify: ['zig test src/timer_test.zig'],
      covers: ['Start Session'],
    }),
    COPY_EXAMPLE,
  ),
  buildInvocationTokens: ['zig build'],
  sourceExtensions: ['.zig'],
  manifestFilenames: ['build.zig', 'build.zig.zon'],
  toolingTokens: ['zig build', 'zig init', 'zig ast-check', 'zig fmt', 'zig test', 'build.zig'],
};
