/** A gate's stored copy of a flight gallery entry, still sealed. */
export interface StoredGalleryEntry {
  readonly templateId: string;
  readonly flightId: string;
  readonly sealed: object;
}

/**
 * A template read in clear at a gate, for its audit trail (`<schema>.template_access`: who, when,
 * which touchpoint, why). The gate's store writes it in the statement that records the decision
 * that needed the read, so a decision is never recorded without its read, nor a read without it.
 */
export interface TemplateAccess {
  readonly templateId: string;
  /** Who reads: the API key holder's name. */
  readonly accessor: string;
  readonly touchpoint: 'SECURITY' | 'BOARDING';
  readonly purpose: string;
  readonly at: Date;
}
