export { META_ACTION_PLATFORMS, META_CAPABILITIES, supportsMetaAction } from './capabilities.js';
export { GraphClient, type GraphClientOptions, type GraphComment, type SentMessage } from './graph-client.js';
export { GraphObjectGoneError, graphError } from './graph-errors.js';
export { mapMetaBody } from './map.js';
export { createMetaPlatformClient } from './platform-client.js';
export { createWhatsAppPlatformClient } from './whatsapp-platform-client.js';
export { actionIdFromCallbackData, callbackDataFor, describePhoneNumber, type WhatsAppTemplate } from './whatsapp-calls.js';
export { parseMetaBody, type MetaBody, type ParseMetaResult } from './schema.js';
export {
  answerVerificationHandshake,
  verifyMetaSignature,
  type HandshakeAnswer,
  type HandshakeQuery,
} from './verify.js';
