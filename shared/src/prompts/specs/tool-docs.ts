/**
 * Tool descriptions shared by the prompts of tool-using agents. They describe the tools of the
 * reference (§4.2 for the spec fixer, §5.5 for the build agents) in words; the tool schemas
 * themselves are defined where the tools are.
 */

export const READ_FILE = '- read_file(path): the whole text of a file.';

export const READ_LINES =
  '- read_lines(path, start_line, end_line): a numbered range of lines, 1-based and inclusive.';

export const GREP_FILE =
  '- grep_file(path, pattern): the lines matching a case-insensitive regular expression, each with one line of context.';

export const LIST_FILES = '- list_files(directory): the entries of one directory, with file sizes.';

export const WRITE_FILE =
  '- write_file(path, content): creates a file, or replaces one, with the full content given.';

export const EDIT_FILE = `- edit_file(path, edits): changes an existing file. "edits" is a list of objects, each {"old": "...", "new": "..."} with two strings — an array, never a string holding JSON. The edits apply in order; each "old" must occur exactly once in the file at that moment (include a few surrounding words to make it unique) and must differ from its "new". A failed edit is reported back so you can correct it.`;

export const RUN_COMMAND =
  '- run_command(command): runs one command in the output directory and returns its exit code and output. Command substitution, environment variables and paths outside the output directory are refused.';

export const CONTEXT_TOOLS = [
  '- copy_context_file(context_path, dest_path): copies a file from the context folder into the output unchanged; use it for images, sounds and other binary files.',
  '- read_context_file(context_path): the text of a file in the context folder.',
].join('\n');

/** The tools of the build implementer and fixer, minus the context tools. */
export const BUILD_FILE_TOOLS = [
  READ_FILE,
  READ_LINES,
  GREP_FILE,
  LIST_FILES,
  WRITE_FILE,
  EDIT_FILE,
  RUN_COMMAND,
].join('\n');
