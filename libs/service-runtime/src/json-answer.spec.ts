import express, { type Response } from 'express';
import request from 'supertest';
import { answerJsonInOneWrite } from './json-answer';

/** An Express app answering through `res.json` as Nest and the middleware do. */
function appAnswering(answer: (response: Response) => void) {
  const app = express();
  answerJsonInOneWrite(app);
  app.all('/answer', (_request, response) => {
    answer(response);
  });
  return app;
}

describe('answerJsonInOneWrite', () => {
  it.each([
    ['an object', { passengerId: 'p-1', lane: 'AUTOMATED', gates: [1, 2] }],
    ['an array', [{ seat: '12A' }, { seat: '12B' }]],
    ['text outside ASCII', { name: 'Nguyễn Thị Ánh' }],
    ['null', null],
  ])('answers %s as JSON text, typed and measured in bytes', async (_case, answer) => {
    const response = await request(appAnswering((r) => r.status(201).json(answer))).get('/answer');

    expect(response.status).toBe(201);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['content-length']).toBe(
      String(Buffer.byteLength(JSON.stringify(answer))),
    );
    expect(response.body).toEqual(answer);
  });

  it("does not go through Express's send, whose work it spares", async () => {
    const app = appAnswering((r) => r.json({ seat: '12A' }));
    const send = jest.spyOn(app.response, 'send');

    await request(app).get('/answer').expect(200, { seat: '12A' });

    expect(send).not.toHaveBeenCalled();
  });

  it('keeps a content type the handler chose', async () => {
    const response = await request(
      appAnswering((r) => r.type('application/problem+json').status(400).json({ title: 'bad' })),
    ).get('/answer');

    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(response.text)).toEqual({ title: 'bad' });
  });

  it.each([204, 304])('answers %i without a body or a content type', async (status) => {
    const response = await request(appAnswering((r) => r.status(status).json({ ignored: true })))
      .get('/answer')
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => {
          done(null, text);
        });
      });

    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toBeUndefined();
    expect(response.body).toBe('');
  });

  it('answers a HEAD request with the header alone', async () => {
    const response = await request(appAnswering((r) => r.json({ seat: '12A' }))).head('/answer');

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.text).toBeUndefined();
  });

  it('answers undefined with an empty JSON answer, as Express does', async () => {
    const response = await request(appAnswering((r) => r.json(undefined))).get('/answer');

    expect(response.status).toBe(200);
    expect(response.headers['content-length']).toBe('0');
  });
});
