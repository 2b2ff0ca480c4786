import type { Channel, FieldViolation } from '@pdmc/contracts';
import { MAX_REPRESENTATIVES } from './petition';

/** A registration's receipt time may run ahead of the server's clock by this much (clock skew at the desk). */
export const RECEIPT_CLOCK_SKEW_MS = 60_000;

/** The facts of a registration that its rules look at, with what the reference data says of them. */
export interface RegistrationFacts {
  channel: Channel;
  /** The category asked for, if any, and whether it is a taxonomy leaf. */
  categoryId?: number;
  categoryKnown: boolean;
  /** Whether the town is in the gazetteer. */
  townKnown: boolean;
  receivedAt: Date;
  petitionerCount: number;
  referral?: { dueAt?: string };
  /** The petitioner's own online submission (the category may then be suggested). */
  online: boolean;
}

/**
 * The rules a registration must meet beyond its fields' shapes, each broken one named by field
 * and rule: a known category (required from staff), a known town, a receipt not in the future,
 * at most five representatives of a group visit (信访工作条例 art. 20), and a referral exactly
 * for transferred items, due no earlier than the receipt.
 */
export function registrationViolations(facts: RegistrationFacts, now: Date): FieldViolation[] {
  const violations: FieldViolation[] = [];
  if (facts.categoryId !== undefined && !facts.categoryKnown) {
    violations.push({ field: 'categoryId', rule: 'knownCategory', message: 'categoryId is not a taxonomy leaf' });
  }
  if (facts.categoryId === undefined && !facts.online) {
    violations.push({ field: 'categoryId', rule: 'isDefined', message: 'categoryId should not be null or undefined' });
  }
  if (!facts.townKnown) {
    violations.push({ field: 'townCode', rule: 'knownTown', message: 'townCode is not in the gazetteer' });
  }
  if (facts.receivedAt.getTime() > now.getTime() + RECEIPT_CLOCK_SKEW_MS) {
    violations.push({ field: 'receivedAt', rule: 'notInFuture', message: 'receivedAt must not be in the future' });
  }
  if (facts.channel === 'visit' && facts.petitionerCount > MAX_REPRESENTATIVES) {
    violations.push({
      field: 'petitioners',
      rule: 'maxRepresentatives',
      message: `a group visit elects at most ${MAX_REPRESENTATIVES} representatives (信访工作条例 art. 20)`,
    });
  }
  if (facts.channel === 'transferred' && !facts.referral) {
    violations.push({ field: 'referral', rule: 'requiredForTransferred', message: 'a transferred or assigned item needs its referral' });
  }
  if (facts.channel !== 'transferred' && facts.referral) {
    violations.push({ field: 'referral', rule: 'onlyForTransferred', message: 'referral is only for channel "transferred"' });
  }
  if (facts.referral?.dueAt && new Date(facts.referral.dueAt).getTime() < facts.receivedAt.getTime()) {
    violations.push({ field: 'referral.dueAt', rule: 'notBeforeReceipt', message: 'referral.dueAt must not be before receivedAt' });
  }
  return violations;
}
