import { COPY_EXAMPLE, example, examples, SCAFFOLD_LESSON, TEST_LESSON, TYPES_LESSON } from './examples';
import type { LanguageProfile } from './types';

export const lua: LanguageProfile = {
  name: 'lua',
  curated: true,
  setupCommandExample: '`luarocks init`',
  setupManifestExample: 'a `.rockspec` file',
  scaffoldManifests: '`conf.lua` for a LÖVE game or a `.rockspec` file for a LuaRocks package',
  buildInvocationExamples: '`love .`, `luarocks make` or `luarocks install`',
  safeVerifyExamples: '`luac -p conf.lua` (both kinds of manifest are plain Lua) or `test -f conf.lua`',
  commonVerifyCommand: '`luac -p <files>`',
  workedExamples: examples(
    example(SCAFFOLD_LESSON, {
      title: 'Game configuration',
      description:
        'Write conf.lua for LÖVE: window title "Pomodoro", a 400x300 window, and the save identity ' +
        '"pomodoro".',
      outputs: ['conf.lua'],
      depends_on: [],
      spec_refs: ['Constraints'],
      arch_refs: ['Dependencies'],
      verify: ['luac -p conf.lua'],
    }),
    example(TYPES_LESSON, {
      title: 'Session data types',
      description:
        'Write src/session.lua, a module returning the PHASES table (work, short_break, long_break) and ' +
        'Session.new(phase, minutes), which raises error("invalid duration") for a non-positive duration.',
      outputs: ['src/session.lua'],
      depends_on: [1],
      spec_refs: ['Start Session', 'Constraints'],
      arch_refs: ['Data Models'],
      verify: ['luac -p src/session.lua'],
    }),
    example(TEST_LESSON, {
      title: 'Timer tests',
      description:
        'busted tests for src/timer.lua: the long break after four work sessions, pause and resume, ' +
        'and the "invalid duration" error, using the values of the spec examples.',
      outputs: ['spec/timer_spec.lua'],
      depends_on: [2, 3],
      spec_refs: ['Start Session', 'Examples'],
      arch_refs: ['Components > Timer'],
      verify: ['busted spec/timer_spec.lua'],
      covers: ['Start Session'],
    }),
    COPY_EXAMPLE,
  ),
  buildInvocationTokens: ['love .', 'luarocks make', 'luarocks install'],
  sourceExtensions: ['.lua'],
  manifestFilenames: ['conf.lua'],
  toolingTokens: ['luarocks', 'LuaRocks', 'luac', 'love .', 'LÖVE', 'busted', 'rockspec', 'conf.lua'],
};
