/**
 * virErrorMsgStrings prefixes (src/util/virerror.c): libvirt's messages as virsh prints them
 * after `error: `. VIR_ERR_XML_DETAIL and VIR_ERR_SYSTEM_ERROR add no prefix.
 */
export const libvirtMessage = {
  xmlError: (detail: string) => `XML error: ${detail}`,
  configUnsupported: (detail: string) => `unsupported configuration: ${detail}`,
  internal: (detail: string) => `internal error: ${detail}`,
  invalidArg: (detail: string) => `invalid argument: ${detail}`,
  operationFailed: (detail: string) => `operation failed: ${detail}`,
  operationInvalid: (detail: string) => `Requested operation is not valid: ${detail}`,
  operationUnsupported: (detail: string) => `Operation not supported: ${detail}`,
} as const;
