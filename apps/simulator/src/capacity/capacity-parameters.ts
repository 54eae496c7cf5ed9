import { validateInput, type InputError } from '@biogate/contracts';
import type { DistributionSpec } from '@biogate/simulation';
import { YamlInputError, YamlSource } from '../cli/yaml-source';
import { CapacityParametersDto, type DistributionDto } from './capacity-parameters.dto';

export type CapacityParameters = CapacityParametersDto;

/** Reads and checks a capacity parameters YAML file. */
export function loadCapacityParameters(file: string): CapacityParameters {
  return checkedParameters(YamlSource.read(file));
}

export function parseCapacityParameters(text: string, file: string): CapacityParameters {
  return checkedParameters(YamlSource.parse(text, file));
}

function checkedParameters(source: YamlSource): CapacityParameters {
  const validated = validateInput(CapacityParametersDto, source.value(), '');
  const problems = validated.ok ? semanticProblems(validated.value) : [...validated.errors];
  if (!validated.ok || problems.length > 0) throw new YamlInputError(source.describe(problems));
  return validated.value;
}

/** What the DTOs cannot say alone: the numbers each distribution needs, ranges in order. */
function semanticProblems(parameters: CapacityParameters): InputError[] {
  const problems: InputError[] = [];
  for (const [name, spec] of Object.entries(parameters.service) as [string, DistributionDto][]) {
    const path = `service.${name}`;
    const needs: Record<DistributionDto['kind'], readonly (keyof DistributionDto)[]> = {
      fixed: ['value'],
      uniform: ['min', 'max'],
      exponential: ['mean'],
      triangular: ['min', 'mode', 'max'],
      lognormal: ['mean', 'sd'],
    };
    for (const field of needs[spec.kind]) {
      if (spec[field] === undefined)
        problems.push({
          path: `${path}.${field}`,
          message: `missing; a ${spec.kind} distribution needs ${needs[spec.kind].join(', ')}`,
        });
    }
    if (spec.min !== undefined && spec.max !== undefined && spec.min > spec.max) {
      problems.push({
        path: `${path}.max`,
        message: `expected max >= min (${spec.min}), got ${spec.max}`,
      });
    }
    if (
      spec.kind === 'triangular' &&
      spec.mode !== undefined &&
      spec.min !== undefined &&
      spec.max !== undefined &&
      (spec.mode < spec.min || spec.mode > spec.max)
    ) {
      problems.push({
        path: `${path}.mode`,
        message: `expected a mode between min and max, got ${spec.mode}`,
      });
    }
    if (spec.kind === 'exponential' && spec.mean !== undefined && spec.mean <= 0) {
      problems.push({ path: `${path}.mean`, message: `expected a mean > 0, got ${spec.mean}` });
    }
  }
  for (const [name, range] of Object.entries(parameters.showUp) as [
    string,
    { min: number; mode: number; max: number },
  ][]) {
    if (!(range.min <= range.mode && range.mode <= range.max)) {
      problems.push({
        path: `showUp.${name}`,
        message: `expected min <= mode <= max, got ${range.min}, ${range.mode}, ${range.max}`,
      });
    }
  }
  if (parameters.boarding.closesMinutes >= parameters.boarding.opensMinutes) {
    problems.push({
      path: 'boarding.closesMinutes',
      message: 'expected boarding to close after it opens (fewer minutes before departure)',
    });
  }
  return problems;
}

export function distributionOf(dto: DistributionDto): DistributionSpec {
  switch (dto.kind) {
    case 'fixed':
      return { kind: 'fixed', value: dto.value ?? 0 };
    case 'uniform':
      return { kind: 'uniform', min: dto.min ?? 0, max: dto.max ?? 0 };
    case 'exponential':
      return { kind: 'exponential', mean: dto.mean ?? 1 };
    case 'triangular':
      return { kind: 'triangular', min: dto.min ?? 0, mode: dto.mode ?? 0, max: dto.max ?? 0 };
    case 'lognormal':
      return { kind: 'lognormal', mean: dto.mean ?? 1, sd: dto.sd ?? 0 };
  }
}
