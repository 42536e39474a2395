import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { repoRoot } from './function.js';
import { MaterialAlertsStack } from './stack.js';

const app = new App();
// The console is built by `npm run build:console` (npm test and npm start build it too).
new MaterialAlertsStack(app, 'MaterialAlerts', { consoleAssets: join(repoRoot, 'console', 'dist') });
// cdk-nag's AwsSolutions pack runs on every synth: an unexplained finding stops it.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
