/**
 * Obligation ids are derived from the facts that create them, so a redelivered or replayed event
 * finds the obligation it created instead of creating another, and the event that fulfils an
 * obligation can name it without a query.
 */
export const obligationId = {
  acceptance: (petitionId: string) => `acceptance:${petitionId}`,
  referral: (petitionId: string) => `referral:${petitionId}`,
  handling: (petitionId: string) => `handling:${petitionId}`,
  rehandling: (caseId: string, decidedAt: string) => `rehandling:${caseId}:${decidedAt}`,
  objection: (caseId: string, workUnit: string) => `objection:${caseId}:${workUnit}`,
  task: (taskId: string) => `task:${taskId}`,
  meetingTask: (meetingId: string, taskId: string) => `meeting-task:${meetingId}:${taskId}`,
  reviewWindow: (caseId: string) => `review-window:${caseId}`,
  review: (caseId: string) => `review:${caseId}`,
  reexaminationWindow: (caseId: string) => `reexamination-window:${caseId}`,
  reexamination: (caseId: string) => `reexamination:${caseId}`,
};
