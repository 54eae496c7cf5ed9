import { IsInt, IsString, MetadataStorage, ValidateNested, validateSync } from 'class-validator';
import { Type } from 'class-transformer';
import { plainToInstance } from 'class-transformer';
import { cacheValidationMetadata } from './validation-metadata-cache';

class LegDto {
  @IsString()
  gate!: string;
}

class FlightDto {
  @IsString()
  carrier!: string;

  @ValidateNested()
  @Type(() => LegDto)
  leg!: LegDto;
}

const problems = (plain: object) =>
  validateSync(plainToInstance(FlightDto, plain), { whitelist: true, forbidNonWhitelisted: true })
    .flatMap((e) => [e, ...(e.children ?? [])])
    .filter((e) => e.constraints !== undefined)
    .map((e) => `${e.property}: ${Object.keys(e.constraints ?? {}).join(',')}`);

describe('cacheValidationMetadata', () => {
  beforeAll(() => {
    cacheValidationMetadata();
  });

  it.each([
    [{ carrier: 'VN', leg: { gate: '12' } }, []],
    [{ carrier: 7, leg: { gate: '12' } }, ['carrier: isString']],
    [{ carrier: 'VN', leg: { gate: 12 } }, ['gate: isString']],
    [{ carrier: 'VN', leg: { gate: '12' }, extra: 1 }, ['extra: whitelistValidation']],
  ])('gives the same answers as class-validator alone: %j', (plain, expected) => {
    // Twice: the second answer comes from what the first remembered.
    expect(problems(plain)).toEqual(expected);
    expect(problems(plain)).toEqual(expected);
  });

  it('sees a rule declared after a class was validated', () => {
    expect(problems({ carrier: 'VN', leg: { gate: '12' }, seats: 'many' })).toEqual([
      'seats: whitelistValidation',
    ]);
    IsInt()(FlightDto.prototype, 'seats');
    expect(problems({ carrier: 'VN', leg: { gate: '12' }, seats: 'many' })).toEqual([
      'seats: isInt',
    ]);
  });

  it('asks the storage once per class and options, however many objects it validates', () => {
    const storage = new MetadataStorage();
    const lookUp = jest.spyOn(storage, 'getTargetValidationMetadatas');
    cacheValidationMetadata(storage);
    for (let i = 0; i < 5; i++) storage.getTargetValidationMetadatas(LegDto, '', false, false);
    storage.getTargetValidationMetadatas(LegDto, '', true, false);
    expect(lookUp).toHaveBeenCalledTimes(2);
  });
});
