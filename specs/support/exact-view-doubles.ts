import { availableMechanisms } from '../runner/sandbox-runner.js';

/**
 * createSession's `doubles` for specs that compare what hooks see with libvirt's recordings: the
 * default (callback detection) where a private mount namespace keeps PATH and $0 exactly libvirt's,
 * none where doubles would fall back to PATH, which changes both (as the README says).
 */
export const EXACT_VIEW_DOUBLES: { readonly doubles?: false } = (await availableMechanisms()).includes('pid-namespace') ? {} : { doubles: false };
