/** Injection tokens of the platform ports (see PlatformModule). */
export const CLOCK = Symbol('CLOCK');
export const PHASE_POLICY = Symbol('PHASE_POLICY');
export const AIRPORT_REGISTRY = Symbol('AIRPORT_REGISTRY');
export const FACE_MODEL = Symbol('FACE_MODEL');
export const POPULATION_REGISTER = Symbol('POPULATION_REGISTER');
export const TEMPLATE_CIPHER = Symbol('TEMPLATE_CIPHER');
export const GALLERY_CIPHER = Symbol('GALLERY_CIPHER');
