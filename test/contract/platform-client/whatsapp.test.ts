import { runPlatformClientContract } from './platform-client-contract.js';
import { createWhatsAppSubject } from './whatsapp-subject.js';

runPlatformClientContract('WhatsApp Cloud API', createWhatsAppSubject);
