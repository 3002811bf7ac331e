import type { z } from 'zod';
import { crossSpecAuditReportSchema, specAuditReportSchema } from './audit';
import { reviewReportSchema } from './review';
import { specTaskPlanSchema } from './task-plan';

export * from './audit';
export * from './review';
export * from './task-plan';

/** Every structured output by its type name — the name of the forced tool that carries it. */
export const OUTPUT_SCHEMAS = {
  SpecAuditReport: specAuditReportSchema,
  CrossSpecAuditReport: crossSpecAuditReportSchema,
  SpecTaskPlan: specTaskPlanSchema,
  ReviewReport: reviewReportSchema,
} as const satisfies Record<string, z.ZodType>;

export type OutputName = keyof typeof OUTPUT_SCHEMAS;
