/**
 * Built-in profanity per language. A trailing `*` matches any ending. Words that are also
 * innocent (Greek γάμος "wedding", μαλακό "soft", English "dick" the name) are listed only in
 * their offensive forms. Playbooks add and allow words on top of these.
 */
export const PROFANITY: Record<string, readonly string[]> = {
  en: [
    'fuck*', 'motherfuck*', 'fck', 'fuk', 'fuq', 'wtf', 'stfu', 'shit', 'shits', 'shitty', 'shithead*',
    'bullshit', 'horseshit', 'asshole*', 'arsehole*', 'ass', 'dumbass', 'jackass', 'bitch*', 'bastard*',
    'dickhead*', 'cunt*', 'twat*', 'wanker*', 'slut*', 'whore*', 'piss off', 'pissed off', 'retard',
    'retarded', 'faggot*', 'douchebag*', 'scumbag*',
  ],
  el: [
    'γαμω*', 'γαμησου', 'γαμησε', 'γαμιεσαι', 'γαμιεστε', 'γαμημεν*', 'γαμιολ*', 'μαλακα', 'μαλακας',
    'μαλακες', 'μαλακια', 'μαλακιες', 'μαλακισμεν*', 'πουτανα*', 'πουτανας', 'πουστη*', 'σκατα',
    'σκατο', 'αρχιδι*', 'καριολη*', 'κωλοπαιδ*', 'βλακα', 'βλακας', 'ηλιθιε', 'στο διαολο', 'αντε γαμησου',
    'malaka', 'malakas', 'gamw', 'gamo to', 'skata',
  ],
  es: [
    'mierda', 'puta', 'putas', 'puto', 'putos', 'hijo de puta', 'hdp', 'joder', 'jodido*', 'coño',
    'cabron', 'cabrones', 'cabrona', 'gilipollas', 'pendejo*', 'chinga*', 'culero*', 'verga',
    'maricon*', 'malparido*', 'me cago en',
  ],
  de: [
    'scheisse', 'scheiss', 'scheissdreck', 'arschloch*', 'arsch', 'fick*', 'verfickt*', 'hurensohn*',
    'hure', 'wichser*', 'fotze*', 'verpiss dich', 'miststuck', 'drecksau', 'spast*', 'vollidiot*',
    'leck mich',
  ],
  fr: [
    'merde', 'putain', 'pute', 'connard*', 'connasse*', 'salope*', 'salaud*', 'encule*', 'enculer',
    'nique ta mere', 'ntm', 'ta gueule', 'fdp', 'fils de pute', 'batard*', 'bordel de merde', 'cretin*',
  ],
  pt: [
    'merda', 'porra', 'caralho', 'foda-se', 'fodase', 'foder', 'fodido*', 'puta', 'puto', 'filho da puta',
    'fdp', 'vai tomar no cu', 'vtnc', 'desgracado*', 'babaca*', 'otario*', 'viado*', 'buceta', 'cacete',
    'arrombado*',
  ],
  it: [
    'cazzo', 'cazzi', 'cazzata*', 'vaffanculo', 'fanculo', 'stronzo*', 'stronza*', 'merda', 'minchia',
    'coglione*', 'cogliona', 'puttana*', 'troia', 'bastardo*', 'figlio di puttana', 'porca puttana',
    'porco dio', 'testa di cazzo', 'culo',
  ],
};

export const PROFANITY_LANGUAGES = Object.keys(PROFANITY);
