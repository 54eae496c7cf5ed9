import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { alertAnswer, GatePresentation } from '@biogate/lane-gate';
import type { BoardingPresentationView } from '../boarding-presentation.view';
import { BoardingLanes } from '../boarding-lanes';
import { PresentAtBoardingCommand } from './present-at-boarding.command';

/**
 * A presentation at a boarding gate (the use case both gates run, `GatePresentation`): a pass
 * this system issued for a flight from this airport; not boarded already (a pass shown again, at
 * any gate and any time, is rejected and alerted); boarding open; the flight's gate; security
 * cleared for this flight; then the policy for the lane, and at an e-gate the 1:1 face match.
 */
@CommandHandler(PresentAtBoardingCommand)
export class PresentAtBoardingHandler implements ICommandHandler<
  PresentAtBoardingCommand,
  BoardingPresentationView
> {
  constructor(
    private readonly presentation: GatePresentation,
    private readonly lanes: BoardingLanes,
  ) {}

  async execute(command: PresentAtBoardingCommand): Promise<BoardingPresentationView> {
    const { decision, pass, allowed, alert } = await this.presentation.present(this.lanes, command);
    const raised = alertAnswer(alert);
    if (pass === undefined) return { decision, boarded: allowed, ...raised };
    return {
      decision,
      passengerId: pass.passengerId,
      seat: pass.seat,
      boarded: allowed,
      ...raised,
    };
  }
}
