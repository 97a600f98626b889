/**
 * Win32 codes the simulation raises that port.ts's `Win32` table does not (yet) name. Kept here rather than in
 * port.ts so the shared contract stays untouched; the values are winerror.h's.
 */
export const SimWin32 = {
  /** OpenProcess on a pid that does not exist; also used for an unknown application pool. */
  INVALID_PARAMETER: 87,
} as const;
