import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { ServiceConfig } from '@pdmc/platform';

export class EmergencyConfig extends ServiceConfig {
  override HTTP_PORT = 3004;
  override MONGO_DB = 'pdmc_emergency';

  /**
   * JSON file with `dispatchPlans` (incident type → severity → units and acknowledgement
   * minutes) and/or `incidentRules` (automatic incidents from intake's events); what it leaves
   * out keeps the built-in default. Checked at start-up.
   */
  @IsOptional()
  @IsString()
  EMERGENCY_PLAN_FILE?: string = undefined;

  /** How often the escalation pass looks for dispatches not acknowledged in time. */
  @IsInt()
  @Min(100)
  @Max(600000)
  ESCALATION_POLL_MS = 15000;
}
