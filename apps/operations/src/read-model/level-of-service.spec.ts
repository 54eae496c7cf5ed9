import { levelOfService } from './level-of-service';

describe('level of service by waiting time', () => {
  it.each([
    [0, 'OPTIMUM'],
    [600, 'OPTIMUM'],
    [601, 'SUB_OPTIMAL'],
    [1200, 'SUB_OPTIMAL'],
    [1201, 'UNDER_PROVIDED'],
  ])('%i s is %s', (seconds, band) => {
    expect(levelOfService(seconds)).toBe(band);
  });
});
