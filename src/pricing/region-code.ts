/** @module region-code: the shape of an AWS region code, checked before it becomes part of a file name. */

/**
 * Commercial and GovCloud region codes (`us-east-1`, `ap-southeast-5`, `us-gov-west-1`). Local and
 * Wavelength Zones (`us-west-2-lax-1`) are not regions and are left out of the snapshot on purpose.
 */
export const REGION_CODE_PATTERN = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;

export function isRegionCode(value: string): boolean {
  return REGION_CODE_PATTERN.test(value);
}
