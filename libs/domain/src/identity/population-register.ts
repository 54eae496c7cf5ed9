/** What the national population database says about a personal identification number. */
export interface RegisteredIdentity {
  readonly personalIdNumber: string;
  /** Seed of the face on the chip photo: the person's face, unless a scenario says otherwise. */
  readonly chipPhotoSeed: string;
  /** VNeID account level: 0 none, 1 basic, 2 (needed for biometric use in the app). */
  readonly vneidLevel: 0 | 1 | 2;
  /**
   * The name and birth date on record, as on a ticket (capitals, no diacritics). The simulated
   * register knows them only where a scenario or QA sets them, and otherwise confirms the claim.
   */
  readonly surname?: string;
  readonly givenName?: string;
  readonly birthDate?: string;
}

/** The port to the population register (VNeID, C06); simulated here, real behind the same port. */
export interface PopulationRegister {
  lookup(personalIdNumber: string): RegisteredIdentity | undefined;
}

export type IdentityOverride = Partial<Omit<RegisteredIdentity, 'personalIdNumber'>> & {
  readonly registered?: boolean;
};

/**
 * Everyone with a well-formed number is registered, with a level-2 account, and the chip photo is
 * their own face (seed: the number). Scenarios override single identities: not registered, a
 * lower account level, or a chip photo of someone else.
 */
export class SimulatedPopulationRegister implements PopulationRegister {
  private readonly overrides: Map<string, IdentityOverride>;

  constructor(overrides: Readonly<Record<string, IdentityOverride>> = {}) {
    this.overrides = new Map(Object.entries(overrides));
  }

  lookup(personalIdNumber: string): RegisteredIdentity | undefined {
    if (!/^\d{12}$/.test(personalIdNumber)) return undefined;
    const override = this.overrides.get(personalIdNumber);
    if (override?.registered === false) return undefined;
    return {
      personalIdNumber,
      chipPhotoSeed: override?.chipPhotoSeed ?? personalIdNumber,
      vneidLevel: override?.vneidLevel ?? 2,
      ...(override?.surname === undefined ? {} : { surname: override.surname }),
      ...(override?.givenName === undefined ? {} : { givenName: override.givenName }),
      ...(override?.birthDate === undefined ? {} : { birthDate: override.birthDate }),
    };
  }

  override(personalIdNumber: string, identity: IdentityOverride): void {
    this.overrides.set(personalIdNumber, { ...this.overrides.get(personalIdNumber), ...identity });
  }
}
