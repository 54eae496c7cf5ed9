import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBody } from '@nestjs/swagger';
import { InputRejectedError, parseEvaluationRequest } from '@biogate/contracts';
import type { PhasePolicy, PolicyDecision } from '@biogate/domain';
import type { AirportRegistry } from '@biogate/reference-data';
import { AIRPORT_REGISTRY, AllowRoles, PHASE_POLICY } from '@biogate/service-runtime';

/** POST /v1/policy/evaluate: the evaluation contract of domain.md, one request, one decision. */
@Controller('v1/policy')
export class PolicyHttpController {
  constructor(
    @Inject(PHASE_POLICY) private readonly policy: PhasePolicy,
    @Inject(AIRPORT_REGISTRY) private readonly airports: AirportRegistry,
  ) {}

  @Post('evaluate')
  @ApiBody({ required: true, schema: { $ref: '#/components/schemas/EvaluationRequestDto' } })
  @HttpCode(200)
  @AllowRoles('AIRLINE', 'OPERATOR', 'QA')
  evaluate(@Body() body: unknown): PolicyDecision {
    // The contract's own parser, so that HTTP and the CLI give the same messages.
    const parsed = parseEvaluationRequest(body, this.airports, 'body');
    if (!parsed.ok) throw new InputRejectedError('invalid evaluation request', parsed.errors);
    return this.policy.evaluate(parsed.value);
  }
}
