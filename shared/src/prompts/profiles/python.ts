import { COPY_EXAMPLE, example, examples, SCAFFOLD_LESSON, TEST_LESSON, TYPES_LESSON } from './examples';
import type { LanguageProfile } from './types';

const TOML_CHECK = `python -c "import tomllib; tomllib.load(open('pyproject.toml', 'rb'))"`;

export const python: LanguageProfile = {
  name: 'python',
  curated: true,
  setupCommandExample: '`python -m venv .venv`',
  setupManifestExample: 'the `.venv` virtual environment',
  scaffoldManifests: '`pyproject.toml` or `setup.cfg`',
  buildInvocationExamples:
    '`pip install .`, `python -m build`, `python setup.py build` or `python setup.py install`',
  safeVerifyExamples: `\`test -f pyproject.toml\` or a parse check such as \`${TOML_CHECK}\``,
  commonVerifyCommand: '`python -m py_compile <files>`',
  workedExamples: examples(
    example(SCAFFOLD_LESSON, {
      title: 'Project scaffold',
      description:
        'Write pyproject.toml (project metadata, the `pomodoro` console script, pytest configured with ' +
        '`pythonpath = ["src"]`) and the package marker src/pomodoro/__init__.py.',
      outputs: ['pyproject.toml', 'src/pomodoro/__init__.py'],
      depends_on: [],
      spec_refs: ['Constraints'],
      arch_refs: ['Dependencies'],
      verify: ['test -f src/pomodoro/__init__.py', TOML_CHECK],
    }),
    example(TYPES_LESSON, {
      title: 'Session data types',
      description:
        'Define the Phase enum (work, short_break, long_break) and the frozen Session dataclass from the ' +
        'Data Models section in src/pomodoro/models.py; Session rejects a non-positive duration with ' +
        'InvalidDuration in __post_init__.',
      outputs: ['src/pomodoro/models.py'],
      depends_on: [1],
      spec_refs: ['Start Session', 'Constraints'],
      arch_refs: ['Data Models'],
      verify: ['python -m py_compile src/pomodoro/models.py'],
    }),
    example(TEST_LESSON, {
      title: 'Timer tests',
      description:
        'pytest tests for src/pomodoro/timer.py: the long break after four work sessions, pause and ' +
        'resume, and InvalidDuration for zero or negative durations, using the values of the spec examples.',
      outputs: ['tests/test_timer.py'],
      depends_on: [2, 3],
      spec_refs: ['Start Session', 'Examples'],
      arch_refs: ['Components > Timer'],
      verify: ['python -m pytest tests/test_timer.py -q'],
      covers: ['Start Session'],
    }),
    COPY_EXAMPLE,
  ),
  buildInvocationTokens: ['pip install', 'python -m build', 'setup.py build', 'setup.py install'],
  sourceExtensions: ['.py'],
  manifestFilenames: [],
  toolingTokens: [
    'pip',
    'pytest',
    'py_compile',
    'venv',
    'pyproject.toml',
    'setup.cfg',
    'setup.py',
    'tomllib',
  ],
};
