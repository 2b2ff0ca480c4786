import { IsIn, IsInt, Max, Min } from 'class-validator';
import { ServiceConfig } from '@pdmc/platform';

/** Who approves an extension of the handling limit (art. 34: the head of the body). */
export const EXTENSION_APPROVERS = ['unit_head', 'centre_director'] as const;
export type ExtensionApprover = (typeof EXTENSION_APPROVERS)[number];

export class HandlingConfig extends ServiceConfig {
  override HTTP_PORT = 3003;
  override MONGO_DB = 'pdmc_handling';

  /** The role that approves extensions: the unit head, or the centre director where the centre decides so. */
  @IsIn(EXTENSION_APPROVERS)
  EXTENSION_APPROVER: ExtensionApprover = 'unit_head';

  /** How often the timer job looks for cases whose review window has passed. */
  @IsInt()
  @Min(1000)
  @Max(86_400_000)
  CASE_TIMER_INTERVAL_MS = 60_000;
}
