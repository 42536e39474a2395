import 'swagger-ui-dist/swagger-ui.css';

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
  deepLinking: true,
  tryItOutEnabled: false,
  persistAuthorization: false,
  // The default validator is a public web service: nothing leaves the machine for it.
  validatorUrl: null,
});
