import { z } from 'zod';

/** The post-task reviewer's structured output (reference §5.4 step 9). */

export const reviewIssueSchema = z.object({
  file: z.string().describe('Output file the problem is in, relative to the output directory'),
  target: z.string().describe('The function, type or section concerned'),
  problem: z.string().describe('How the code departs from the specification or the contracts'),
  suggestion: z.string().describe('The concrete change that fixes it'),
});
export type ReviewIssue = z.output<typeof reviewIssueSchema>;

export const reviewReportSchema = z.object({
  passed: z.boolean().describe('True when the code meets the specification; then issues is empty'),
  issues: z.array(reviewIssueSchema).describe('Every problem found'),
});
export type ReviewReport = z.output<typeof reviewReportSchema>;
