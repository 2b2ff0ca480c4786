import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '@pdmc/auth';
import { UuidParamPipe } from '@pdmc/platform';
import type { PetitionTimeline } from '../petitions/domain/petition';
import { TimelineHandler } from './timeline.handler';

@ApiTags('petitions')
@ApiBearerAuth()
@Controller('petitions')
export class TimelineHttpController {
  constructor(private readonly timeline: TimelineHandler) {}

  @Get(':id/timeline')
  @RequirePermission('petition.read')
  @ApiOperation({
    summary: 'Every change of the petition with who and when, oldest first',
    description:
      'Registration, classification, flags, acceptance, merges (including petitions merged into this one), then routing, the case, handling decisions and the petitioner’s evaluations. `by` is the staff member, `petitioner`, `system`, or the service that reported it.',
  })
  @ApiOkResponse({
    description: 'The timeline.',
    schema: {
      example: {
        petitionId: '23a21b05-a641-4634-b964-fbb75eb24477',
        caseNumber: '220106-2026-000002',
        entries: [
          { at: '2026-11-28T01:12:00.000Z', by: 'clerk-01', action: 'registered', details: { channel: 'visit' } },
          { at: '2026-11-28T01:20:00.000Z', by: 'clerk-01', action: 'accepted' },
          { at: '2026-11-28T01:20:01.000Z', by: 'routing', action: 'routed', details: { workUnit: 'LABOUR', responsibleBody: 'area:HX' } },
        ],
      },
    },
  })
  @ApiNotFoundResponse({ description: 'No such petition.' })
  get(@Param('id', UuidParamPipe) id: string): Promise<PetitionTimeline> {
    return this.timeline.of(id);
  }
}
