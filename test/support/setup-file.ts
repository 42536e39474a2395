import { checkSuiteLogAfterAll } from './suite-log.js';

// Whatever a test file logged through the harnesses must hold no secret, key, number or address.
checkSuiteLogAfterAll();
