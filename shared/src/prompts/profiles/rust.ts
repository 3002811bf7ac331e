import { COPY_EXAMPLE, example, examples, SCAFFOLD_LESSON, TEST_LESSON, TYPES_LESSON } from './examples';
import type { LanguageProfile } from './types';

export const rust: LanguageProfile = {
  name: 'rust',
  curated: true,
  setupCommandExample: '`cargo init`',
  setupManifestExample: '`Cargo.toml` and a first `src/main.rs`',
  scaffoldManifests: '`Cargo.toml`, `build.rs` or `rust-toolchain.toml`',
  buildInvocationExamples: '`cargo build`, `cargo run`, `cargo test` or `cargo install`',
  safeVerifyExamples:
    '`cargo metadata --no-deps --format-version 1` (reads the manifest without compiling), ' +
    '`cargo fmt --check` or `test -f Cargo.toml`',
  commonVerifyCommand: '`cargo check` (it checks the whole crate, so it suits every task after the scaffold)',
  workedExamples: examples(
    example(SCAFFOLD_LESSON, {
      title: 'Crate scaffold',
      description:
        'Write Cargo.toml (package metadata, the `pomodoro` binary, the dependencies named in the ' +
        'architecture) and an empty crate root src/lib.rs that later tasks extend with their `pub mod` lines.',
      outputs: ['Cargo.toml', 'src/lib.rs'],
      depends_on: [],
      spec_refs: ['Constraints'],
      arch_refs: ['Dependencies'],
      verify: ['cargo metadata --no-deps --format-version 1'],
    }),
    example(TYPES_LESSON, {
      title: 'Session data types',
      description:
        'Define the Phase enum (Work, ShortBreak, LongBreak) and the Session struct from the Data Models ' +
        'section in src/types.rs, deriving Debug, Clone and PartialEq, with Session::new returning ' +
        'Err(TimerError::InvalidDuration) for a zero duration; add `pub mod types;` to src/lib.rs.',
      outputs: ['src/types.rs', 'src/lib.rs'],
      depends_on: [1],
      spec_refs: ['Start Session', 'Constraints'],
      arch_refs: ['Data Models'],
      verify: ['cargo check'],
    }),
    example(TEST_LESSON, {
      title: 'Timer tests',
      description:
        'Integration tests in tests/timer.rs against the public API of the timer module: the long break ' +
        'after four work sessions, pause and resume, and InvalidDuration for a zero duration, using the ' +
        'values of the spec examples.',
      outputs: ['tests/timer.rs'],
      depends_on: [2, 3],
      spec_refs: ['Start Session', 'Examples'],
      arch_refs: ['Components > Timer'],
      verify: ['cargo test --test timer'],
      covers: ['Start Session'],
    }),
    COPY_EXAMPLE,
  ),
  buildInvocationTokens: ['cargo build', 'cargo run', 'cargo test', 'cargo install'],
  sourceExtensions: ['.rs'],
  manifestFilenames: [],
  toolingTokens: ['cargo', 'Cargo.toml', 'build.rs', 'rust-toolchain.toml'],
};
