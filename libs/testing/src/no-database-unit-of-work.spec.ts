import { NoDatabaseUnitOfWork } from './no-database-unit-of-work';

describe('NoDatabaseUnitOfWork', () => {
  it('runs after-commit effects once the work has returned, in order', async () => {
    const unitOfWork = new NoDatabaseUnitOfWork();
    const seen: string[] = [];
    const result = await unitOfWork.transaction((em) => {
      unitOfWork.afterCommit(em, () => seen.push('first'));
      unitOfWork.afterCommit(em, () => seen.push('second'));
      seen.push('work');
      return Promise.resolve(42);
    });
    expect(result).toBe(42);
    expect(seen).toEqual(['work', 'first', 'second']);
  });

  it('runs no effect of a unit that failed', async () => {
    const unitOfWork = new NoDatabaseUnitOfWork();
    const seen: string[] = [];
    await expect(
      unitOfWork.transaction((em) => {
        unitOfWork.afterCommit(em, () => seen.push('effect'));
        return Promise.reject(new Error('refused'));
      }),
    ).rejects.toThrow('refused');
    expect(seen).toEqual([]);
  });

  it('fails a handler that goes around its store to the EntityManager', async () => {
    const unitOfWork = new NoDatabaseUnitOfWork();
    await expect(unitOfWork.transaction((em) => em.query('SELECT 1'))).rejects.toThrow(
      'the handler used the EntityManager (query) instead of its store',
    );
    await expect(unitOfWork.read((em) => em.find(Object))).rejects.toThrow('(find)');
  });
});
