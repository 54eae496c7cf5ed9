import { Controller, Get, Inject } from '@nestjs/common';
import { PublicRoute } from './access-control';

export const SERVICE_NAME = Symbol('SERVICE_NAME');

export interface HealthReport {
  readonly status: 'ok';
  readonly service: string;
}

/** `GET /health`: the process is up and serving HTTP. */
@Controller('health')
@PublicRoute()
export class HealthController {
  constructor(@Inject(SERVICE_NAME) private readonly service: string) {}

  @Get()
  health(): HealthReport {
    return { status: 'ok', service: this.service };
  }
}
