// Writes docs/diagnostics.md from the diagnostic code tables.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderDiagnosticsDoc } from '../shared/src/diagnostics/codes-doc';

writeFileSync(join(__dirname, '..', 'docs', 'diagnostics.md'), renderDiagnosticsDoc());
