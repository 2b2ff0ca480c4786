import type { PetitionRegisteredV1 } from '@pdmc/contracts';
import type { CategoryRef } from '../domain/petition';
import type { PetitionDocument } from '../infrastructure/petition.schema';

/** The `intake.petition.registered.v1` payload, copied field by field so nothing else slips in. */
export function registeredPayload(doc: Omit<PetitionDocument, 'outbox'>, category: CategoryRef): PetitionRegisteredV1 {
  const { flags, referral } = doc;
  return {
    petitionId: doc._id,
    caseNumber: doc.caseNumber,
    channel: doc.channel,
    itemClass: doc.itemClass,
    category: { id: category.id, level1: category.level1, level2: category.level2, level3: category.level3 },
    townCode: doc.townCode,
    headcount: doc.headcount,
    flags: {
      collective: flags.collective,
      repeat: flags.repeat,
      escalated: flags.escalated,
      abnormal: flags.abnormal,
      threatOfExtremeAction: flags.threatOfExtremeAction,
      backlog: flags.backlog ?? false,
    },
    receivedAt: new Date(doc.receivedAt).toISOString(),
    ...(referral
      ? {
          referral: {
            kind: referral.kind,
            authority: referral.authority,
            authorityLevel: referral.authorityLevel,
            reference: referral.reference,
            ...(referral.dueAt ? { dueAt: new Date(referral.dueAt).toISOString() } : {}),
            reportRequired: referral.reportRequired,
          },
        }
      : {}),
  };
}
