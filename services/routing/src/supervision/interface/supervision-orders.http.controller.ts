import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, RequirePermission, type Principal } from '@pdmc/auth';
import { Audit, UuidParamPipe } from '@pdmc/platform';
import { SupervisionOrdersHandler, type OrderView } from '../application/supervision-orders.handler';
import { EscalateOrderDto, IssueOrderDto, OrdersQuery, ReplyOrderDto } from './supervision.dto';

@ApiTags('supervision')
@ApiBearerAuth()
@Controller('supervision-orders')
export class SupervisionOrdersHttpController {
  constructor(private readonly orders: SupervisionOrdersHandler) {}

  @Get()
  @RequirePermission('supervision.read')
  @ApiOkResponse({ description: 'Supervision orders, newest first; a unit sees the orders it received.' })
  list(@Query() query: OrdersQuery, @CurrentPrincipal() principal: Principal): ReturnType<SupervisionOrdersHandler['list']> {
    return this.orders.list(query, principal);
  }

  @Post()
  @RequirePermission('supervision_order.issue')
  @Audit({ action: 'supervision_order.issue', objectType: 'supervision-order' })
  @ApiCreatedResponse({ description: 'Issued to the unit holding the case, with a reply deadline; routing.supervision-order.issued.v1 announces it.' })
  @ApiBadRequestResponse({ description: 'No petition id or reason.' })
  @ApiNotFoundResponse({ description: 'Routing knows no accepted petition with this id.' })
  @ApiConflictResponse({ description: 'The case is closed, ceased or terminated, or not routed to a unit yet.' })
  issue(@Body() dto: IssueOrderDto, @CurrentPrincipal() principal: Principal): Promise<OrderView> {
    return this.orders.issue(dto, principal.subject);
  }

  @Get(':orderId')
  @RequirePermission('supervision.read')
  @ApiOkResponse({ description: 'The order, its reply and escalation, and what may be done next.' })
  @ApiNotFoundResponse({ description: 'No such order, or one sent to another unit.' })
  get(@Param('orderId', UuidParamPipe) orderId: string, @CurrentPrincipal() principal: Principal): Promise<OrderView> {
    return this.orders.get(orderId, principal);
  }

  @Post(':orderId/reply')
  @HttpCode(200)
  @RequirePermission('supervision_order.reply')
  @Audit({ action: 'supervision_order.reply', objectType: 'supervision-order', objectId: 'param:orderId' })
  @ApiOkResponse({ description: 'The unit’s reply (late when after the deadline); routing.supervision-order.replied.v1 announces it.' })
  @ApiNotFoundResponse({ description: 'No such order, or one sent to another unit.' })
  @ApiConflictResponse({ description: 'Replied already.' })
  reply(@Param('orderId', UuidParamPipe) orderId: string, @Body() dto: ReplyOrderDto, @CurrentPrincipal() principal: Principal): Promise<OrderView> {
    return this.orders.reply(orderId, dto.reply, principal);
  }

  @Post(':orderId/escalation')
  @HttpCode(200)
  @RequirePermission('supervision_order.issue')
  @Audit({ action: 'supervision_order.escalate', objectType: 'supervision-order', objectId: 'param:orderId' })
  @ApiOkResponse({ description: 'Listed supervision (挂牌督办) naming the leader who owns the case; routing.supervision-order.escalated.v1 announces it.' })
  @ApiBadRequestResponse({ description: 'leaderId is not the leader who owns the case.' })
  @ApiNotFoundResponse({ description: 'No such order.' })
  @ApiConflictResponse({ description: 'Replied or escalated already, or no leader owns the case yet.' })
  escalate(@Param('orderId', UuidParamPipe) orderId: string, @Body() dto: EscalateOrderDto, @CurrentPrincipal() principal: Principal): Promise<OrderView> {
    return this.orders.escalate(orderId, dto, principal);
  }

  @Get(':orderId/print')
  @RequirePermission('supervision.read')
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'The order (信访事项督办单) as HTML, ready to print.' })
  @ApiNotFoundResponse({ description: 'No such order, or one sent to another unit.' })
  async print(@Param('orderId', UuidParamPipe) orderId: string, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const html = await this.orders.print(orderId, principal);
    reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store');
    return html;
  }
}
