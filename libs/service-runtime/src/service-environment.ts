import { IsInt, IsIP, IsOptional, Max, Min } from 'class-validator';
import { expected, formatInputError, validateInput } from '@biogate/contracts';

/** The environment a service reads at start-up, validated before anything listens. */
export class ServiceEnvironment {
  @IsOptional()
  @Max(65_535, expected('a TCP port from 1 to 65535'))
  @Min(1, expected('a TCP port from 1 to 65535'))
  @IsInt(expected('a TCP port from 1 to 65535'))
  PORT?: number;

  /** Loopback by default; 0.0.0.0 inside a container. */
  @IsOptional()
  @IsIP(undefined, expected('an IP address to listen on, e.g. 127.0.0.1 or 0.0.0.0'))
  HOST?: string;
}

export class ServiceEnvironmentError extends Error {
  constructor(problems: readonly string[]) {
    super(`invalid environment:\n  ${problems.join('\n  ')}`);
    this.name = 'ServiceEnvironmentError';
  }
}

/** Reads the service's variables from the environment; numbers must be written as numbers. */
export function readServiceEnvironment(env: NodeJS.ProcessEnv): ServiceEnvironment {
  const raw: Record<string, unknown> = {};
  if (env.PORT !== undefined) raw.PORT = /^\d+$/.test(env.PORT) ? Number(env.PORT) : env.PORT;
  if (env.HOST !== undefined) raw.HOST = env.HOST;
  const parsed = validateInput(ServiceEnvironment, raw, '');
  if (!parsed.ok) throw new ServiceEnvironmentError(parsed.errors.map(formatInputError));
  return parsed.value;
}
