import { AccessDeniedError } from '@biogate/contracts';
import {
  ForbiddenException,
  Inject,
  Injectable,
  SetMetadata,
  UnauthorizedException,
  createParamDecorator,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { ApiKeyRing, Principal, Role } from './api-keys';

export const API_KEY_RING = Symbol('API_KEY_RING');
const ROLES_KEY = 'biogate:roles';
const PUBLIC_KEY = 'biogate:public';

/** The roles that may call a route; scope (own airline, own airport) is checked by the handler. */
export const AllowRoles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
/** A route anyone may call (health, API docs). */
export const PublicRoute = () => SetMetadata(PUBLIC_KEY, true);

type AuthenticatedRequest = Request & { principal?: Principal };

/** 401 without a known key (header `x-api-key`), 403 for a role the route does not allow. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(API_KEY_RING) private readonly keys: ApiKeyRing,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const presented = request.header('x-api-key');
    if (presented === undefined || presented === '') {
      throw new UnauthorizedException('an API key is required in the x-api-key header');
    }
    const principal = this.keys.authenticate(presented);
    if (principal === undefined) throw new UnauthorizedException('unknown API key');
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets) ?? [];
    if (!roles.includes(principal.role)) {
      throw new ForbiddenException(`the ${principal.role} role may not call this endpoint`);
    }
    request.principal = principal;
    return true;
  }
}

/** The authenticated caller of the request. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext) => {
    const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
    if (principal === undefined) throw new UnauthorizedException('an API key is required');
    return principal;
  },
);

/** 403 unless the caller may act for this airline (its own bookings) or is QA. */
export function assertAirlineScope(principal: Principal, airline: string): void {
  if (principal.role === 'QA') return;
  if (principal.role === 'AIRLINE' && principal.airline === airline) return;
  throw new AccessDeniedError(`${principal.name} may not act for airline ${airline}`);
}

/** 403 unless the caller operates this airport or is QA. */
export function assertAirportScope(principal: Principal, airport: string): void {
  if (principal.role === 'QA') return;
  if (principal.role === 'OPERATOR' && principal.airport === airport) return;
  throw new AccessDeniedError(`${principal.name} may not act at airport ${airport}`);
}
