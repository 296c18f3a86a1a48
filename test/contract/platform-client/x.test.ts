import { runPlatformClientContract } from './platform-client-contract.js';
import { createXSubject } from './x-subject.js';

runPlatformClientContract('X API v2, pay-per-use access', createXSubject('pay-per-use'));
runPlatformClientContract('X API v2, Enterprise access', createXSubject('enterprise'));
