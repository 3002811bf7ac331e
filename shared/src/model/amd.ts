import type { Range } from '../text/range';
import type { Frontmatter, Located, Section } from './common';

export const AMD_SECTIONS = [
  'Overview',
  'Components',
  'Data Models',
  'Flow',
  'Dependencies',
  'Notes',
] as const;

/** A `### Name` chunk under `## Components`. */
export interface Component {
  name: string;
  nameRange: Range;
  range: Range;
  /** `@path:` value, relative to the output directory. */
  path?: Located<string>;
  description: string;
  interface?: string;
  interfaceLanguage?: string;
  /** Range of the `**Interface:**` marker when present. */
  interfaceRange?: Range;
  contracts: Located<string>[];
  /** `**Contracts:** None`. */
  contractsNone: boolean;
  contractsRange?: Range;
  /** `**Depends on:**` names (empty for `None`). */
  dependsOn: Located<string>[];
}

export interface DataModel {
  name: string;
  nameRange: Range;
  range: Range;
  definition?: string;
  definitionLanguage?: string;
}

export interface ExternalDependency {
  name: string;
  purpose: string;
  range: Range;
}

export interface AmdSpec {
  kind: 'amd';
  /** Absolute path. */
  file: string;
  frontmatter?: Frontmatter;
  /** `spec:` — the SMD id this architecture describes. */
  specId?: Located<string>;
  status?: Located<string>;
  /** The H1 text without an `Architecture:` prefix. */
  title?: Located<string>;
  sections: Section[];
  overview: string;
  components: Component[];
  dataModels: DataModel[];
  flow: string;
  dependencies: ExternalDependency[];
  notes: string;
}
