/** What main knows about the frame that sent an IPC message. */
export type SenderFrame = {
  url: string;
  isTopFrame: boolean;
};

/**
 * An IPC message is trusted only from the top frame of our own page: a subframe, a page that
 * navigated elsewhere or a foreign origin gets nothing from the core.
 */
export function isTrustedSender(
  frame: SenderFrame | null | undefined,
  trustedOrigins: readonly string[],
): boolean {
  if (!frame?.isTopFrame) return false;
  let origin: string;
  try {
    const url = new URL(frame.url);
    // Custom schemes (app://switchboard) have an opaque `origin` in WHATWG URL; compare
    // scheme and host instead.
    origin = `${url.protocol}//${url.host}`;
  } catch {
    return false;
  }
  return trustedOrigins.includes(origin);
}
