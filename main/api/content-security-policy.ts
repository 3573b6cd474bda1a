/**
 * The renderer's Content-Security-Policy: the meta tag of `renderer/index.html` (keep the two alike) plus what only a
 * header can say (`frame-ancestors`). Sent as a header by the browser host and by the desktop app's protocol.
 * Article text reaches the page as text nodes; this is the second wall if that ever changed.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')
