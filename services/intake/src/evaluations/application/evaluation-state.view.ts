import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SATISFACTION_RATINGS, type SatisfactionRating } from '@pdmc/contracts';

export class EvaluationStateView {
  @ApiProperty({
    enum: ['open', 'evaluated', 'closed'],
    example: 'open',
    description: '`open`: can be evaluated until `openUntil`; `evaluated`: the petitioner did; `closed`: the window passed',
  })
  state!: 'open' | 'evaluated' | 'closed';

  @ApiProperty({ example: '2026-04-19T02:00:00.000Z' })
  openUntil!: Date;

  @ApiPropertyOptional({ enum: SATISFACTION_RATINGS, example: 'basically_satisfied', description: 'When evaluated' })
  bureau?: SatisfactionRating;

  @ApiPropertyOptional({ enum: SATISFACTION_RATINGS, example: 'satisfied', description: 'When evaluated, for a handling decision' })
  unit?: SatisfactionRating;

  @ApiPropertyOptional({ example: '2026-03-25T06:00:00.000Z', description: 'When evaluated' })
  submittedAt?: Date;
}
