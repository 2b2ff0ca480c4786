import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Principal } from '@pdmc/auth';
import { TASK_ISSUED_V1, TASK_REPORTED_V1 } from '@pdmc/contracts';
import type { BodyTask, Case } from '../domain/case';
import { assertTaskReportable, assertTaskReported, assertWorking, CaseRuleViolation, taskOf } from '../domain/case-rules';
import type { IssueTaskCommand, ReportTaskCommand, ReviewTaskReportCommand } from './case.commands';
import { caseKeys, CaseWorkflow } from './case-workflow';
import { TaskNotFoundError } from './errors';

/**
 * Tasks for responsible bodies (事涉单位, 属地管理、谁主管谁负责): the unit instructs a body with a
 * deadline, the body's liaison reports findings and actions, the unit accepts or sends back.
 */
@Injectable()
export class BodyTasksHandler {
  constructor(private readonly workflow: CaseWorkflow) {}

  issue(id: string, dto: IssueTaskCommand, principal: Principal): Promise<Case> {
    return this.workflow.act({
      id,
      principal,
      permission: 'case.work',
      scope: 'unit',
      action: null,
      step: (c, ctx) => {
        assertWorking(c.status, 'task');
        const dueAt = new Date(dto.dueAt);
        if (dueAt.getTime() <= ctx.now.getTime()) {
          throw new CaseRuleViolation('HANDLING.TASK_DUE_IN_PAST', 'A task’s deadline lies in the future', 422, 'dueAt', 'future');
        }
        const task: BodyTask = {
          id: randomUUID(),
          body: dto.body ?? c.responsibleBody,
          instructions: dto.instructions,
          dueAt,
          status: 'issued',
          issuedAt: ctx.now,
          issuedBy: principal.subject,
          reports: [],
          sentBackReason: null,
          acceptedAt: null,
        };
        return {
          set: { tasks: [...c.tasks, task] },
          events: [
            ctx.envelope(TASK_ISSUED_V1, { ...caseKeys(c), taskId: task.id, body: task.body, issuedAt: ctx.now.toISOString(), dueAt: dueAt.toISOString() }),
          ],
          what: `Task ${task.id} issued to ${task.body}, due ${dueAt.toISOString()}`,
          historyAction: 'issue_task',
        };
      },
    });
  }

  /** The body's liaison reports; only a liaison of the task's own body may. */
  report(id: string, taskId: string, dto: ReportTaskCommand, principal: Principal): Promise<Case> {
    return this.workflow.act({
      id,
      principal,
      permission: 'case.report_task',
      scope: 'body',
      action: null,
      step: (c, ctx) => {
        const task = taskOf(c.tasks, taskId);
        // Another body's task on a case the liaison may read: as unknown as a task that does not exist.
        if (!principal.bodies.includes(task.body)) throw new TaskNotFoundError();
        assertTaskReportable(task);
        const late = ctx.now.getTime() > task.dueAt.getTime();
        const updated: BodyTask = {
          ...task,
          status: 'reported',
          reports: [...task.reports, { findings: dto.findings, actions: dto.actions, reportedAt: ctx.now, reportedBy: principal.subject }],
        };
        return {
          set: { tasks: c.tasks.map((t) => (t.id === taskId ? updated : t)) },
          events: [
            ctx.envelope(TASK_REPORTED_V1, { ...caseKeys(c), taskId, body: task.body, reportedAt: ctx.now.toISOString(), late }),
          ],
          what: `Task ${taskId} reported by ${task.body}${late ? ' (late)' : ''}`,
          historyAction: 'report_task',
        };
      },
    });
  }

  /** The unit accepts the report, or sends it back for more. */
  reviewReport(id: string, taskId: string, dto: ReviewTaskReportCommand, principal: Principal): Promise<Case> {
    return this.workflow.act({
      id,
      principal,
      permission: 'case.work',
      scope: 'unit',
      action: null,
      step: (c, ctx) => {
        const task = taskOf(c.tasks, taskId);
        assertTaskReported(task);
        const accepted = dto.decision === 'accept';
        const updated: BodyTask = accepted
          ? { ...task, status: 'accepted', acceptedAt: ctx.now }
          : { ...task, status: 'sent_back', sentBackReason: dto.reason ?? null };
        return {
          set: { tasks: c.tasks.map((t) => (t.id === taskId ? updated : t)) },
          what: accepted ? `Report on task ${taskId} accepted` : `Report on task ${taskId} sent back: ${dto.reason}`,
          historyAction: accepted ? 'accept_report' : 'send_back_report',
        };
      },
    });
  }
}

