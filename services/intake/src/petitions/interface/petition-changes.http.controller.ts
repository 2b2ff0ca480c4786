import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, RequirePermission, type Principal } from '@pdmc/auth';
import { Audit, UuidParamPipe } from '@pdmc/platform';
import { ClassifyPetitionHandler } from '../application/classify-petition.handler';
import { MergePetitionHandler } from '../application/merge-petition.handler';
import { UpdateFlagsHandler } from '../application/update-flags.handler';
import type { Petition } from '../domain/petition';
import { ClassifyPetitionDto, MergePetitionDto, UpdateFlagsDto } from './petition-changes.dto';

@ApiTags('petitions')
@ApiBearerAuth()
@Controller('petitions')
export class PetitionChangesHttpController {
  constructor(
    private readonly classify: ClassifyPetitionHandler,
    private readonly flags: UpdateFlagsHandler,
    private readonly merge: MergePetitionHandler,
  ) {}

  @Post(':id/classification')
  @HttpCode(200)
  @RequirePermission('petition.classify')
  @Audit({ action: 'petition.classify', objectType: 'petition', objectId: 'param:id' })
  @ApiOperation({
    summary: 'Confirm or correct the category',
    description:
      'For an undecided petition. Confirming an online submission makes it known downstream and may reveal that it repeats an earlier petition of the same person.',
  })
  @ApiOkResponse({ description: 'The petition, classified.' })
  @ApiBadRequestResponse({ description: 'Unknown category or town.' })
  @ApiConflictResponse({ description: 'Already decided, or changed meanwhile.' })
  @ApiNotFoundResponse({ description: 'No such petition.' })
  classification(
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: ClassifyPetitionDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Petition> {
    return this.classify.execute(id, dto, principal.subject);
  }

  @Post(':id/flags')
  @HttpCode(200)
  @RequirePermission('petition.update_flags')
  @Audit({ action: 'petition.update_flags', objectType: 'petition', objectId: 'param:id' })
  @ApiOperation({
    summary: 'Raise or clear flags',
    description:
      'escalated, abnormal, threatOfExtremeAction, backlog; repeat can only be cleared. Emits intake.petition.flags-changed.v1 so emergency sees a threat at once.',
  })
  @ApiOkResponse({ description: 'The petition with its flags.' })
  @ApiBadRequestResponse({ description: 'No flag given, a reason missing, or repeat set to true.' })
  @ApiConflictResponse({ description: 'The petition was merged, or changed meanwhile.' })
  @ApiNotFoundResponse({ description: 'No such petition.' })
  updateFlags(
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: UpdateFlagsDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Petition> {
    return this.flags.execute(id, dto, principal.subject);
  }

  @Post(':id/merge')
  @HttpCode(200)
  @RequirePermission('petition.merge')
  @Audit({ action: 'petition.merge', objectType: 'petition', objectId: 'param:id' })
  @ApiOperation({
    summary: 'Merge a duplicate into the petition that carries the matter (合并件)',
    description:
      'The duplicate must be undecided; it becomes `merged` and is never decided or handled on its own. Both share a merged-case number. Repeating a completed merge answers with the result.',
  })
  @ApiOkResponse({ description: 'The merged petition, pointing at its target.' })
  @ApiConflictResponse({ description: 'Decided source, merged target, unknown target, or a source others were merged into.' })
  @ApiNotFoundResponse({ description: 'No such petition.' })
  mergeInto(
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: MergePetitionDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Petition> {
    return this.merge.execute(id, dto.intoPetitionId, principal.subject);
  }
}
