import { runPlatformClientContract } from './platform-client-contract.js';
import { createYouTubeSubject } from './youtube-subject.js';

runPlatformClientContract('YouTube (Data API v3)', createYouTubeSubject);
