import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { MaterialAlertsStack } from './stack.js';

const app = new App();
new MaterialAlertsStack(app, 'MaterialAlerts');
// cdk-nag's AwsSolutions pack runs on every synth: an unexplained finding stops it.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
