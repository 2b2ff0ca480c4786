import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDateString,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { REQUEST_CHANNELS, RESOLUTION_KINDS, type RequestChannel, type ResolutionKind } from '../domain/case';
import { MAX_EXTENSION_DAYS } from '../domain/case-deadlines';
import { DecideCaseDto } from './decide-case.dto';

/** Trims text, so that a text of blanks counts as empty. */
const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** Why a step was taken, for the history (optional). */
export class StepNoteDto {
  @ApiPropertyOptional({ example: '已电话联系信访人，约定下周二现场核查。', maxLength: 1000, description: 'A note for the history' })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MaxLength(1000)
  note?: string;
}

/** An objection: the case is outside the unit's competence (art. 23). */
export class ReturnCaseDto {
  @ApiProperty({ example: '反映事项属社会保险待遇核定，应由劳动保障工作单元办理。', minLength: 1, maxLength: 2000, description: 'Why the case is outside the unit’s competence' })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}

export class AssignHandlerDto {
  @ApiProperty({ example: 'handler-07', minLength: 1, maxLength: 128, description: 'The handler’s user id (token subject)' })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  handler!: string;
}

/** A record of a means of resolution; which fields are required depends on the kind. */
export class RecordResolutionDto {
  @ApiProperty({ enum: RESOLUTION_KINDS, example: 'mediation', description: 'investigation, mediation (调解), administrative_ruling, legal_aid_referral, labour_arbitration_referral or hearing (听证)' })
  @IsIn(RESOLUTION_KINDS)
  kind!: ResolutionKind;

  @ApiProperty({ example: '经调解，双方就拖欠工资的数额和支付期限达成一致。', minLength: 1, maxLength: 10000, description: 'Findings, the ruling, the referral’s reasons, or a hearing’s minutes' })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(10000)
  summary!: string;

  @ApiPropertyOptional({ example: ['信访人', '某建筑公司'], type: [String], description: 'Mediation: the parties (at least two). Hearing: the participants (at least one).' })
  @ValidateIf((o: RecordResolutionDto) => o.kind === 'mediation' || o.kind === 'hearing' || o.parties !== undefined)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(200, { each: true })
  parties?: string[];

  @ApiPropertyOptional({ example: '公司于2026年12月31日前一次性支付拖欠工资18600元。', maxLength: 10000, description: 'Mediation: the agreement’s terms (required)' })
  @ValidateIf((o: RecordResolutionDto) => o.kind === 'mediation' || o.terms !== undefined)
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(10000)
  terms?: string;

  @ApiPropertyOptional({ example: '2026-12-01', description: 'Mediation: the day the agreement was signed. Hearing: the day it was held. YYYY-MM-DD (required for both).' })
  @ValidateIf((o: RecordResolutionDto) => o.kind === 'mediation' || o.kind === 'hearing' || o.heldOn !== undefined)
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'heldOn must be a date YYYY-MM-DD' })
  heldOn?: string;

  @ApiPropertyOptional({ example: '区法律援助中心', maxLength: 200, description: 'Referral: the body it goes to (required for referrals)' })
  @ValidateIf((o: RecordResolutionDto) => o.kind === 'legal_aid_referral' || o.kind === 'labour_arbitration_referral' || o.referredTo !== undefined)
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  referredTo?: string;
}

/** A correction of the written decision: a new decision that supersedes the current one, with why. */
export class CorrectDecisionDto extends DecideCaseDto {
  @ApiProperty({ example: '原意见书所引法条有误，予以更正。', minLength: 1, maxLength: 2000, description: 'Why the decision is corrected' })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  correctionReason!: string;
}

/** The service of a decision on the petitioner (送达); the review window runs from it. */
export class ServeDto {
  @ApiPropertyOptional({ example: '2026-12-02T10:00:00+08:00', description: 'When it was served; now when left out. Not in the future, not before the decision.' })
  @IsOptional()
  @IsDateString({ strict: true })
  servedAt?: string;

  @ApiPropertyOptional({ example: '直接送达，信访人签收', maxLength: 500, description: 'How it was served' })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MaxLength(500)
  method?: string;
}

export class IssueTaskDto {
  @ApiPropertyOptional({ example: 'dept:labour-inspection', maxLength: 64, description: 'The responsible body (gazetteer code); the case’s own when left out' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z]+:[A-Za-z0-9-]{1,60}$/, { message: 'body must be a body code such as dept:labour-inspection or area:HX' })
  body?: string;

  @ApiProperty({ example: '请于期限内核实该公司欠薪情况并督促支付，书面报告核查结果和处理措施。', minLength: 1, maxLength: 4000, description: 'What the body is to do' })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  instructions!: string;

  @ApiProperty({ example: '2026-12-15T17:00:00+08:00', description: 'When the report is due; in the future' })
  @IsDateString({ strict: true })
  dueAt!: string;
}

export class ReportTaskDto {
  @ApiProperty({ example: '经核查，该公司拖欠2名职工工资共计18600元，情况属实。', minLength: 1, maxLength: 10000, description: 'What the body found' })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(10000)
  findings!: string;

  @ApiProperty({ example: '已下达劳动保障监察责令改正决定书，公司承诺月底前支付。', minLength: 1, maxLength: 10000, description: 'What the body did' })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(10000)
  actions!: string;
}

export class ReviewTaskReportDto {
  @ApiProperty({ enum: ['accept', 'send_back'], example: 'send_back', description: 'Accept the report, or send it back' })
  @IsIn(['accept', 'send_back'])
  decision!: 'accept' | 'send_back';

  @ApiPropertyOptional({ example: '未附支付凭证，请补充。', maxLength: 2000, description: 'Why it is sent back (required then)' })
  @ValidateIf((o: ReviewTaskReportDto) => o.decision === 'send_back' || o.reason !== undefined)
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason?: string;
}

export class RequestExtensionDto {
  @ApiProperty({ example: 30, minimum: 1, maximum: MAX_EXTENSION_DAYS, description: 'Days to add (art. 34: at most 30)' })
  @IsInt()
  @Min(1)
  @Max(MAX_EXTENSION_DAYS)
  days!: number;

  @ApiProperty({ example: '需等待劳动仲裁委员会裁决结果。', minLength: 1, maxLength: 500, description: 'Why; the petitioner is told it, so write it for them and leave personal data out' })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}

export class DecideExtensionDto {
  @ApiProperty({ enum: ['approve', 'refuse'], example: 'approve', description: 'Approve or refuse the pending request' })
  @IsIn(['approve', 'refuse'])
  decision!: 'approve' | 'refuse';

  @ApiPropertyOptional({ example: '现有材料足以作出处理意见。', maxLength: 2000, description: 'Why it is refused (required then)' })
  @ValidateIf((o: DecideExtensionDto) => o.decision === 'refuse' || o.reason !== undefined)
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason?: string;
}

/** A request for review (复查) or re-examination (复核), registered by a clerk or the REVIEW unit. */
export class RequestReviewDto {
  @ApiProperty({ enum: REQUEST_CHANNELS, example: 'clerk', description: 'How the request came in' })
  @IsIn(REQUEST_CHANNELS)
  channel!: RequestChannel;

  @ApiProperty({ example: '对处理意见认定的欠薪数额有异议。', minLength: 1, maxLength: 4000, description: 'The petitioner’s grounds' })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  grounds!: string;

  @ApiPropertyOptional({ example: '2026-12-20T09:30:00+08:00', description: 'When it was received (a letter’s postmark); now when left out; not in the future' })
  @IsOptional()
  @IsDateString({ strict: true })
  requestedAt?: string;
}

export class DecideReviewDto {
  @ApiProperty({ enum: ['uphold', 'change', 'rehandle'], example: 'uphold', description: 'Uphold, change, or order re-handling by the original unit (review only)' })
  @IsIn(['uphold', 'change', 'rehandle'])
  outcome!: 'uphold' | 'change' | 'rehandle';

  @ApiProperty({ example: '原处理意见认定事实清楚，适用依据正确，予以维持。', minLength: 1, maxLength: 10000, description: 'The reasoning' })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(10000)
  reasoning!: string;
}

export class WithdrawDto {
  @ApiProperty({ example: '信访人书面申请撤回信访事项。', minLength: 1, maxLength: 2000, description: 'How and why the petitioner withdrew' })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}
