import { App } from 'aws-cdk-lib';
import { MaterialAlertsStack } from './stack.js';

const app = new App();
new MaterialAlertsStack(app, 'MaterialAlerts');
