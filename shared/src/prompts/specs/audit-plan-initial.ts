import { definePrompt, registerPrompt } from '../registry';
import {
  PLANNER_VARIABLES,
  plannerExamples,
  plannerInstructions,
  plannerOutputFormat,
  plannerRole,
} from './planner-text';

/** Plans one spec from scratch; answers with a SpecTaskPlan of full tasks. */
export const planInitial = registerPrompt(
  definePrompt({
    id: 'audit.plan_initial',
    version: '1.0.0',
    variables: PLANNER_VARIABLES,
    blocks: (v) => [
      plannerRole(v, false),
      plannerInstructions(v),
      plannerOutputFormat(false),
      plannerExamples(v),
    ],
  }),
);
