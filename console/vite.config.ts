import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const require = createRequire(import.meta.url);
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The API docs page uses Swagger UI's prebuilt files from the swagger-ui-dist package: copied
 * into the build as they are, so the page loads nothing from anywhere but this service.
 */
function swaggerUiFiles(): Plugin {
  const files = ['swagger-ui-bundle.js'];
  return {
    name: 'swagger-ui-files',
    generateBundle() {
      for (const file of files) {
        this.emitFile({
          type: 'asset',
          fileName: `docs/${file}`,
          source: readFileSync(require.resolve(`swagger-ui-dist/${file}`)),
        });
      }
    },
  };
}

/** The console and the API docs page: static files served under /console/ (locally and by CloudFront). */
export default defineConfig({
  root: here('.'),
  base: '/console/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  resolve: { alias: { react: 'preact/compat', 'react-dom': 'preact/compat' } },
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    // Swagger UI is copied, not bundled; the console itself stays small.
    chunkSizeWarningLimit: 300,
    rollupOptions: { input: { console: here('index.html'), docs: here('docs/index.html') } },
  },
  plugins: [swaggerUiFiles()],
  logLevel: 'warn',
});
