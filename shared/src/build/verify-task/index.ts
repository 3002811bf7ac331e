/**
 * VMD verification tasks at build time (reference §5.9): preparing a task (fixture, harness, module
 * candidates, synthetic prompt), writing its two files, and the fixer's prompt. Running the verify command
 * and the fix loop belong to the build runner.
 */

export { type VerifyFixPromptInput, verifyFixPrompt } from './fix-prompt';
export { FIXTURE_FORMAT, serializeGroup, serializeScenarios } from './fixture';
export { implementationFiles, moduleCandidates, moduleFromPath } from './module-candidates';
export { renderNodeScenariosHarness } from './node-harness';
export {
  isNodeHarness,
  type PrepareVerifyInput,
  prepareVerifyTask,
  runnableScenarios,
  type VerifyTaskMaterials,
  type VerifyTaskProblem,
  writeVerifyMaterials,
} from './prepare';
export { type HarnessInput, renderPythonGroupHarness, renderPythonScenariosHarness } from './python-harness';
