import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal, RequirePermission, type Principal } from '@pdmc/auth';
import { Audit } from '@pdmc/platform';
import type { CoverageReport } from '../domain/coverage';
import type { RoutingRule, RuleSet } from '../domain/routing-rule';
import { RuleQueriesHandler, type DryRunAnswer } from '../application/rule-queries.handler';
import { SaveRuleSetHandler } from '../application/save-rule-set.handler';
import { RuleIdParamPipe, VersionParamPipe } from '../../shared/int-param.pipe';
import { CoverageQuery, DryRunDto, SaveRuleSetDto } from './rule-set.dto';

/** Plain data for storage: no class instances, no keys left undefined. */
const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

@ApiTags('routing rules')
@ApiBearerAuth()
@Controller()
export class RuleSetsHttpController {
  constructor(
    private readonly queries: RuleQueriesHandler,
    private readonly save: SaveRuleSetHandler,
  ) {}

  @Get('routing-rules')
  @RequirePermission('routing.rules.read')
  @ApiOkResponse({ description: 'The rules routing applies now (the newest rule set), highest priority first.' })
  async rules(): Promise<readonly RoutingRule[]> {
    const set = await this.queries.version();
    return [...set.rules].sort((a, b) => b.priority - a.priority);
  }

  @Get('rule-sets')
  @RequirePermission('routing.rules.read')
  @ApiOkResponse({ description: 'Every version of the rule set, newest first, with its note and author (rules counted, not listed).' })
  list(): ReturnType<RuleQueriesHandler['list']> {
    return this.queries.list();
  }

  @Get('rule-sets/:version')
  @RequirePermission('routing.rules.read')
  @ApiOkResponse({ description: 'One version of the rule set with its rules.' })
  @ApiNotFoundResponse({ description: 'No such version.' })
  version(@Param('version', VersionParamPipe) version: string): Promise<RuleSet> {
    return this.queries.version(Number(version));
  }

  @Get('rule-sets/:version/rules/:ruleId')
  @RequirePermission('routing.rules.read')
  @ApiOkResponse({ description: 'One rule of a version.' })
  @ApiNotFoundResponse({ description: 'No such version, or no such rule in it (ROUTING.RULE_NOT_FOUND).' })
  rule(@Param('version', VersionParamPipe) version: string, @Param('ruleId', RuleIdParamPipe) ruleId: string): Promise<RoutingRule> {
    return this.queries.rule(Number(version), ruleId);
  }

  @Post('rule-sets')
  @RequirePermission('routing.rules.write')
  @Audit({ action: 'routing.rules.save', objectType: 'rule-set' })
  @ApiCreatedResponse({ description: 'Saved as the next version; the next accepted petition is routed by it.' })
  @ApiUnprocessableEntityResponse({ description: 'ROUTING.RULE_SET_INVALID: each problem names the rule, the field and the rule broken (unknown unit, body, category or town; duplicate id or priority; shadowed).' })
  @ApiConflictResponse({ description: 'ROUTING.RULE_SET_CHANGED: a newer version exists than basedOnVersion.' })
  create(@Body() dto: SaveRuleSetDto, @CurrentPrincipal() principal: Principal): Promise<RuleSet> {
    return this.save.execute(plain(dto), principal.subject);
  }

  @Post('routing/dry-run')
  @HttpCode(200)
  @RequirePermission('routing.rules.read')
  @ApiOkResponse({ description: 'Where a petition with these facts would go under a version, and why; nothing is stored.' })
  @ApiNotFoundResponse({ description: 'No such version.' })
  dryRun(@Body() dto: DryRunDto): Promise<DryRunAnswer> {
    const { version, ...facts } = dto;
    return this.queries.dryRun(facts, version);
  }

  @Get('routing/coverage')
  @RequirePermission('routing.rules.read')
  @ApiOkResponse({ description: 'For every taxonomy leaf, where it goes under a version, and the share of cases left to the dispatcher.' })
  @ApiNotFoundResponse({ description: 'No such version.' })
  coverage(@Query() query: CoverageQuery): Promise<CoverageReport> {
    return this.queries.coverage(query.version);
  }
}
