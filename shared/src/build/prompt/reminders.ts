/**
 * Reminders appended (after a blank line) to a prompt that is sent again (reference §5.4): to the
 * implementer's prompt when it touched no file although the task has outputs (step 2), to the fixer's when
 * its attempt changed nothing (step 8), and to either when a run ended on malformed `edit_file` calls (the
 * call wrapper's one fresh retry). Reminders are not part of any hashed prompt, so their wording is ours.
 */

export const WRITE_FILE_REMINDER = [
  '<important>',
  'You have not created any file yet. Call `write_file` for every file listed under "Files to Produce";',
  'a reply that only describes the code creates nothing.',
  '</important>',
].join('\n');

export const NO_OP_REMINDER = [
  '<important>',
  'Your last attempt changed no file, so the errors above are still there. Fix them by calling',
  '`edit_file` or `write_file`; a reply in text alone changes nothing.',
  '</important>',
].join('\n');

export const EDIT_SCHEMA_REMINDER = [
  '<important>',
  '`edit_file` takes `edits` as a list of objects with exactly two string keys, "old" and "new", for example:',
  'edit_file(path="src/main.py", edits=[{"old": "text to find", "new": "replacement"}])',
  'Other key names (old_str, new_str, search, replace, …) and a JSON string instead of a list are rejected.',
  '</important>',
].join('\n');
