import { COPY_EXAMPLE, example, examples, SCAFFOLD_LESSON, TYPES_LESSON } from './examples';
import type { LanguageProfile } from './types';

/**
 * The fallback for a language without a curated profile (`go`, `elixir`, `c`…), worded from its name.
 * It names no tool: the planner is told to take the commands from the project's manifest and the
 * architecture, and to prefer single-file checks or `test -f`. Its validator lists are empty, so the
 * verify-command validator never flags anything for it.
 */
export function genericProfile(language: string): LanguageProfile {
  const placeholders =
    'Angle brackets mark names to replace with the conventions of ' +
    `${language} projects (file layout, extensions, commands).`;
  return {
    name: language,
    curated: false,
    setupCommandExample: `the usual ${language} project initialiser`,
    setupManifestExample: 'the project manifest',
    scaffoldManifests: `the manifest and build files ${language} projects use`,
    buildInvocationExamples: `build, install or dependency-fetching command of ${language}`,
    safeVerifyExamples: '`test -f <manifest>` or a parse or format check that reads only that file',
    commonVerifyCommand:
      `the standard single-file syntax or compile check of ${language} — take the command from the ` +
      "project's manifest and architecture, and use `test -f <file>` when there is none",
    workedExamples: examples(
      example(`${SCAFFOLD_LESSON} ${placeholders}`, {
        title: 'Project scaffold',
        description:
          'Write the project manifest: name, version, the `pomodoro` entry point and the dependencies named in the architecture.',
        outputs: ['<manifest>'],
        depends_on: [],
        spec_refs: ['Constraints'],
        arch_refs: ['Dependencies'],
        verify: ['test -f <manifest>'],
      }),
      example(TYPES_LESSON, {
        title: 'Session data types',
        description:
          'Define the Phase enumeration (work, short break, long break) and the Session type from the ' +
          'Data Models section, rejecting a non-positive duration with an InvalidDuration error.',
        outputs: ['<source dir>/<types file>'],
        depends_on: [1],
        spec_refs: ['Start Session', 'Constraints'],
        arch_refs: ['Data Models'],
        verify: ['<single-file check> <source dir>/<types file>'],
      }),
      COPY_EXAMPLE,
    ),
    buildInvocationTokens: [],
    sourceExtensions: [],
    manifestFilenames: [],
    toolingTokens: [],
  };
}
