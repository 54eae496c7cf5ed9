import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { alertAnswer, GatePresentation } from '@biogate/lane-gate';
import type { SecurityPresentationView } from '../security-presentation.view';
import { SecurityLanes } from '../security-lanes';
import { PresentAtSecurityCommand } from './present-at-security.command';

/**
 * A presentation at a security lane (the use case both gates run, `GatePresentation`): a pass
 * this system issued for a flight from this airport, the policy at its instant, and at an
 * AUTOMATED lane the 1:1 match against the flight's gallery. An allowed presentation clears the
 * passenger for boarding; a face that fails sends them to the manual lane with an alert.
 */
@CommandHandler(PresentAtSecurityCommand)
export class PresentAtSecurityHandler implements ICommandHandler<
  PresentAtSecurityCommand,
  SecurityPresentationView
> {
  constructor(
    private readonly presentation: GatePresentation,
    private readonly lanes: SecurityLanes,
  ) {}

  async execute(command: PresentAtSecurityCommand): Promise<SecurityPresentationView> {
    const { decision, pass, allowed, alert } = await this.presentation.present(this.lanes, command);
    const raised = alertAnswer(alert);
    if (pass === undefined) return { decision, cleared: allowed, ...raised };
    return {
      decision,
      passengerId: pass.passengerId,
      flight: {
        carrier: pass.carrier,
        number: pass.flightNumber,
        date: pass.departureDate,
        destination: pass.destination,
      },
      cleared: allowed,
      ...raised,
    };
  }
}
