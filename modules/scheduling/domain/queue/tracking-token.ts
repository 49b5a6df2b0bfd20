import { randomBytes } from 'node:crypto';

/** 32 unguessable base64url characters (192 random bits) for the citizen's "where am I" link. */
export function newTrackingToken(): string {
  return randomBytes(24).toString('base64url');
}
