import { createGenericSubject } from './generic-subject.js';
import { runPlatformClientContract } from './platform-client-contract.js';

runPlatformClientContract('generic callback', createGenericSubject);
