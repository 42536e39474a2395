import 'swagger-ui-dist/swagger-ui.css';
import './docs.css';

// Swagger UI on the service's own description. The bundle is a classic script from swagger-ui-dist
// (copied into the build by vite.config.ts) that defines SwaggerUIBundle on window.
declare global {
  interface Window {
    SwaggerUIBundle: (options: Record<string, unknown>) => unknown;
  }
}

window.SwaggerUIBundle({
  url: '/openapi.json',
  dom_id: '#swagger-ui',
  // Deep links put a link inside each operation's toggle button, which assistive technology
  // cannot reach (nested interactive controls): off.
  deepLinking: false,
  tryItOutEnabled: false,
  persistAuthorization: false,
  // The default validator is a public web service: nothing leaves the machine for it.
  validatorUrl: null,
});

/**
 * Swagger UI leaves out a few things screen readers and keyboards need: a name for the server
 * picker, and keyboard access to scrollable response bodies. Added as it renders.
 */
new MutationObserver(() => {
  for (const select of document.querySelectorAll('select:not([aria-label])')) {
    select.setAttribute('aria-label', select.id === 'servers' ? 'Server' : 'Choose a value');
  }
  for (const code of document.querySelectorAll('.microlight:not([tabindex])'))
    code.setAttribute('tabindex', '0');
}).observe(document.body, { childList: true, subtree: true });
