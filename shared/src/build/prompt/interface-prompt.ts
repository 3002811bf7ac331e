import { fenceFor } from '../../parse/render-smd';

/**
 * The user prompt of the build-time interface extraction (reference §5.7): `# Source files for <ID>`, then
 * each source file under `## <path>` in a fence tagged with the project language. Text as the original,
 * except that a fence grows past any backtick run in the file.
 */
export function interfaceExtractionPrompt(
  specId: string,
  files: readonly { path: string; text: string }[],
  language = '',
): string {
  const sections = [`# Source files for ${specId}\n`];
  for (const file of files) {
    const fence = fenceFor(file.text);
    sections.push(`## ${file.path}\n\n${fence}${language}\n${file.text}\n${fence}\n`);
  }
  return sections.join('\n');
}
