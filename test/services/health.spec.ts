import type { Server } from 'node:http';
import type { INestApplication, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { BoardingGateModule } from '../../apps/boarding-gate/src/boarding-gate.module';
import { CheckinModule } from '../../apps/checkin/src/checkin.module';
import { SecurityGateModule } from '../../apps/security-gate/src/security-gate.module';

describe.each<[string, Type]>([
  ['check-in', CheckinModule],
  ['security-gate', SecurityGateModule],
  ['boarding-gate', BoardingGateModule],
])('the %s service', (name, module) => {
  let app: INestApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [module] }).compile();
    app = moduleRef.createNestApplication();
    app.useLogger(false);
    await app.init();
  });

  afterAll(() => app.close());

  it('answers GET /health over HTTP', async () => {
    const response = await request(app.getHttpServer() as Server).get('/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok', service: name });
  });
});
