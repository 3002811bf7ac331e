/**
 * The PromptSpec system (reference §7): twelve system prompts, registered on import, rendered per
 * language. `render('audit.spec_audit', { language: 'rust' })` gives the text to send.
 */
import './specs';

export * from './profiles';
export {
  checkPromptSpec,
  defaultRegistry,
  definePrompt,
  getPrompt,
  PromptRegistry,
  registeredIds,
  registerPrompt,
  render,
} from './registry';
export { BLOCK_SEPARATOR, renderSpec } from './render';
export { block, placeholders, placeholdersIn } from './template';
export * from './types';
