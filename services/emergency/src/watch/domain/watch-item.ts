import type { PetitionFlagsV1 } from '@pdmc/contracts';

export type WatchReason = 'threatOfExtremeAction' | 'abnormal' | 'collective';
export type RiskLevel = 'high' | 'elevated';

export interface WatchItem {
  petitionId: string;
  caseNumber: string;
  townCode: string;
  headcount: number;
  reasons: WatchReason[];
  riskLevel: RiskLevel;
  receivedAt: Date;
  createdAt: Date;
}

/**
 * The emergency duty officer watches petitions that may turn into incidents at the centre:
 * threats of extreme action and abnormal petitioning are high risk, collective visits elevated.
 * Returns undefined when nothing needs watching.
 */
export function assessRisk(flags: PetitionFlagsV1): { reasons: WatchReason[]; riskLevel: RiskLevel } | undefined {
  const reasons: WatchReason[] = [];
  if (flags.threatOfExtremeAction) reasons.push('threatOfExtremeAction');
  if (flags.abnormal) reasons.push('abnormal');
  if (flags.collective) reasons.push('collective');
  if (reasons.length === 0) return undefined;
  const riskLevel: RiskLevel = flags.threatOfExtremeAction || flags.abnormal ? 'high' : 'elevated';
  return { reasons, riskLevel };
}
