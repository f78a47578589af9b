/** virErrorMsgStrings prefixes, so simulated messages read exactly like libvirt's. */
export const libvirtErrors = {
  // VIR_ERR_OPERATION_INVALID
  operationInvalid: (detail: string) => `Requested operation is not valid: ${detail}`,
  // VIR_ERR_INTERNAL_ERROR
  internal: (detail: string) => `internal error: ${detail}`,
  // VIR_ERR_NO_NETWORK
  noNetwork: (name: string) => `Network not found: no network with matching name '${name}'`,
  // VIR_ERR_OPERATION_FAILED
  operationFailed: (detail: string) => `operation failed: ${detail}`,
} as const;
