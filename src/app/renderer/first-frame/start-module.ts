/**
 * Runs a module script of this page's origin, as a `<script type="module" crossorigin>` of
 * the page would (what Vite writes for its entry): allowed by the CSP's `script-src 'self'`.
 */
export function startModule(src: string, doc: Document = document): void {
  const script = doc.createElement('script');
  script.type = 'module';
  script.crossOrigin = 'anonymous';
  script.src = src;
  doc.head.append(script);
}
