import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDateString,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { APPLICATION_KINDS, FUND_IDS, WORK_UNITS, type ApplicationKind, type FundId, type WorkUnit } from '@pdmc/contracts';
import { PageQuery } from '@pdmc/platform';
import { IsChinesePhone, IsResidentId } from '@pdmc/privacy';
import { AmountFen } from '../../ledger/interface/fund-requests.dto';
import { APPLICATION_STATUSES, APPROVAL_DECISIONS, COLLECTIVE_BODIES, type ApplicationStatus, type ApprovalDecision, type CollectiveBody } from '../domain/application';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const DOCUMENT_KINDS = ['agreement', 'decision', 'identity', 'hardship_proof', 'receipt', 'minutes', 'other'] as const;

export class BeneficiaryDto {
  @ApiProperty({ enum: ['person', 'unit'], example: 'person', description: 'A person (personal data, encrypted) or a unit (rewards)' })
  @IsIn(['person', 'unit'])
  kind!: 'person' | 'unit';

  @ApiProperty({ example: '王建国', maxLength: 100, description: 'The person’s or the unit’s name' })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name!: string;

  @ApiPropertyOptional({ example: '11010519491231002X', description: 'Resident ID number (checked digit included)' })
  @IsOptional()
  @IsResidentId()
  idNumber?: string;

  @ApiPropertyOptional({ example: '13904312211' })
  @IsOptional()
  @IsChinesePhone()
  phone?: string;

  @ApiPropertyOptional({ example: '吉林省长春市绿园区合心镇幸福村3组', maxLength: 200 })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  address?: string;

  @ApiPropertyOptional({ example: '6222 0212 3456 7890 123', maxLength: 40, description: 'Bank account the money is paid to' })
  @IsOptional()
  @Matches(/^[0-9 ]{8,40}$/, { message: 'bankAccount must be 8 to 40 digits (blanks allowed)' })
  bankAccount?: string;
}

export class SupportingDocumentDto {
  @ApiProperty({ example: '调解协议书', maxLength: 200 })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title!: string;

  @ApiProperty({ enum: DOCUMENT_KINDS, example: 'agreement' })
  @IsIn(DOCUMENT_KINDS)
  kind!: string;

  @ApiPropertyOptional({ example: 3, minimum: 1, maximum: 1000 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  pages?: number;

  @ApiPropertyOptional({ example: '绿调〔2026〕41号', maxLength: 100 })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  reference?: string;
}

export class SubmitApplicationDto {
  @ApiProperty({ enum: FUND_IDS, example: 'stability' })
  @IsIn(FUND_IDS)
  fundId!: FundId;

  @ApiPropertyOptional({ example: 2026, minimum: 2000, maximum: 2100, description: 'Defaults to the current year (Beijing time)' })
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  fiscalYear?: number;

  @ApiProperty({ enum: APPLICATION_KINDS, example: 'settlement' })
  @IsIn(APPLICATION_KINDS)
  kind!: ApplicationKind;

  @ApiPropertyOptional({ example: '5b0e0d3a-1c1e-4b8e-9d44-2f1a8f7f0b11', description: 'The case (required for settlement and hardship aid)' })
  @ValidateIf((o: SubmitApplicationDto) => o.kind !== 'reward' || o.caseId !== undefined)
  @IsUUID()
  caseId?: string;

  @ApiPropertyOptional({ enum: WORK_UNITS, example: 'MEDIATION_LEGAL', description: 'The unit asking (rewards only; a case’s unit is the case’s)' })
  @ValidateIf((o: SubmitApplicationDto) => o.kind === 'reward')
  @IsIn(WORK_UNITS)
  workUnit?: WorkUnit;

  @AmountFen(3_860_000, 'The amount asked for, in fen (3,860,000 fen = 38,600 yuan)')
  amountFen!: number;

  @ApiProperty({ example: '补发拖欠工资，达成调解协议后一次性救助', maxLength: 2000, description: 'What the money is for (or, for a reward, why)' })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  purpose!: string;

  @ApiProperty({ type: BeneficiaryDto })
  @ValidateNested()
  @Type(() => BeneficiaryDto)
  beneficiary!: BeneficiaryDto;

  @ApiPropertyOptional({ type: [SupportingDocumentDto], example: [{ title: '调解协议书', kind: 'agreement', pages: 3 }] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => SupportingDocumentDto)
  documents?: SupportingDocumentDto[];
}

export class CollectiveDecisionDto {
  @ApiProperty({ enum: COLLECTIVE_BODIES, example: 'joint_meeting' })
  @IsIn(COLLECTIVE_BODIES)
  body!: CollectiveBody;

  @ApiProperty({ example: '联席会议纪要〔2026〕7号', maxLength: 100 })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  reference!: string;

  @ApiProperty({ example: '2026-11-20', description: 'The day the body decided' })
  @IsDateString({ strict: true })
  decidedOn!: string;
}

export class DecideStepDto {
  @ApiProperty({ enum: APPROVAL_DECISIONS, example: 'approve', description: 'approve, reject (for good) or return for changes' })
  @IsIn(APPROVAL_DECISIONS)
  decision!: ApprovalDecision;

  @ApiProperty({ example: '情况属实，同意救助。', maxLength: 2000 })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  comment!: string;

  @ApiPropertyOptional({ type: CollectiveDecisionDto, description: 'Only at the collective step: the body that decided and its minutes' })
  @IsOptional()
  @ValidateNested()
  @Type(() => CollectiveDecisionDto)
  collective?: CollectiveDecisionDto;
}

export class CommentDto {
  @ApiProperty({ example: '当事人已另行和解，撤回申请。', maxLength: 2000 })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  comment!: string;
}

export class ReviseApplicationDto extends CommentDto {
  @ApiPropertyOptional({ example: 3_500_000, minimum: 1, type: 'integer', description: 'A changed amount, in fen' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000_000_000)
  amountFen?: number;

  @ApiPropertyOptional({ example: '按调解协议补发工资', maxLength: 2000 })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  purpose?: string;

  @ApiPropertyOptional({ type: [SupportingDocumentDto], example: [{ title: '补充证明材料', kind: 'hardship_proof', pages: 2 }] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => SupportingDocumentDto)
  documents?: SupportingDocumentDto[];
}

export class RecordDisbursementDto {
  @AmountFen(2_000_000, 'The tranche paid, in fen')
  amountFen!: number;

  @ApiProperty({ example: '2026-11-25', description: 'The day the money was paid' })
  @IsDateString({ strict: true })
  paidOn!: string;

  @ApiProperty({ example: '付〔2026〕118号', maxLength: 100, description: 'The payment voucher; the same voucher twice is one payment' })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  voucher!: string;

  @ApiProperty({ enum: ['bank_transfer', 'cash', 'other'], example: 'bank_transfer' })
  @IsIn(['bank_transfer', 'cash', 'other'])
  method!: string;
}

export class ReverseDisbursementDto {
  @ApiProperty({ example: '收款账号录入错误，冲销后重新支付。', maxLength: 2000 })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}

export class ListApplicationsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: FUND_IDS, example: 'stability' })
  @IsOptional()
  @IsIn(FUND_IDS)
  fundId?: FundId;

  @ApiPropertyOptional({ example: 2026 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  fiscalYear?: number;

  @ApiPropertyOptional({ enum: APPLICATION_STATUSES, example: 'approved' })
  @IsOptional()
  @IsIn(APPLICATION_STATUSES)
  status?: ApplicationStatus;

  @ApiPropertyOptional({ example: '5b0e0d3a-1c1e-4b8e-9d44-2f1a8f7f0b11' })
  @IsOptional()
  @IsUUID()
  caseId?: string;

  @ApiPropertyOptional({ enum: WORK_UNITS, example: 'LABOUR' })
  @IsOptional()
  @IsIn(WORK_UNITS)
  workUnit?: WorkUnit;
}

export class QueueQuery extends PageQuery {}
