/**
 * The user-prompt texts of a build (reference §5.3, §5.4, §5.6, §5.7): pure functions of the specs, the
 * plan and the files on disk at the moment they are called. No model call and no write happens here.
 */

export { renderArchRef, renderComponent, renderDataModel } from './arch-sections';
export {
  type BuildPromptContext,
  buildPromptContext,
  componentsForPaths,
  createPromptContext,
} from './context';
export { contextFilesBlock, isTextMime } from './context-files';
export { copyTaskPrompt } from './copy-prompt';
export { currentFileBlock, type FixPromptInput, fixPrompt } from './fix-prompt';
export { interfaceExtractionPrompt } from './interface-prompt';
export { EDIT_SCHEMA_REMINDER, NO_OP_REMINDER, WRITE_FILE_REMINDER } from './reminders';
export { isReviewable, reviewFixPrompt, reviewIssuesText, reviewPrompt } from './review-prompt';
export { renderExample, renderRequirement, renderSpecRef } from './spec-sections';
export { taskPrompt } from './task-prompt';
export { type ResolvedRef, resolveArchRefs, resolveSpecRefs, unresolvedRefs } from './task-refs';
