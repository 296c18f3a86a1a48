import { createMetaSubject } from './meta-subject.js';
import { runPlatformClientContract } from './platform-client-contract.js';

runPlatformClientContract('Meta (Graph API): Instagram', () => createMetaSubject(['instagram']));
