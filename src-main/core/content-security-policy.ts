/**
 * The renderer's Content-Security-Policy, served as a response header by both hosts (the
 * Electron app:// protocol and the browser host). Scripts only from our own origin: no inline
 * script, no eval. Styles allow inline because Ant Design injects its CSS-in-JS at run time;
 * that is a style-only allowance and cannot run code.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  // 'self' covers the browser host's same-origin WebSocket (CSP Level 3).
  "connect-src 'self'",
  "manifest-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Security headers sent with every renderer resource. */
export const RENDERER_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), usb=(), hid=(), serial=()',
};
