import type { CheckName } from '../../../src/engine/reply-guard.js';

/** A draft an attacker could steer a model into writing, and the check that must refuse it. */
export interface Attack {
  language: string;
  text: string;
  refusedBy: CheckName;
}

/**
 * Drafts that must never reach a card unrefused, checked against the default playbook's
 * guardrails: every payload of issue 8 and its disguises, in the languages the engine knows.
 */
export const ATTACKS: readonly Attack[] = [
  // The payloads issue 8 found passing.
  { language: 'en', text: 'Email support@evil.com with your card number', refusedBy: 'email' },
  { language: 'en', text: 'Visit evil[.]com for your money', refusedBy: 'link' },
  { language: 'en', text: 'Visit evil．com today', refusedBy: 'link' },
  { language: 'en', text: 'Use code SAVE50 at checkout for 50 percent off', refusedBy: 'code' },
  { language: 'en', text: 'Use code SAVE50 at checkout for 50 percent off', refusedBy: 'promise' },
  { language: 'en', text: 'Shut the fuck up, loser.', refusedBy: 'profanity' },
  { language: 'en', text: 'Thanks @[100012345678901] and @competitor_brand', refusedBy: 'mention' },
  { language: 'en', text: 'We will r3fund you', refusedBy: 'promise' },
  // Links in every disguise.
  { language: 'en', text: 'Go to evil(dot)com for details', refusedBy: 'link' },
  { language: 'en', text: 'Our new site is evil dot com', refusedBy: 'link' },
  { language: 'en', text: 'Check hxxps://evil[.]com/deal', refusedBy: 'link' },
  { language: 'en', text: 'Head to evil . com right now', refusedBy: 'link' },
  { language: 'en', text: 'Head to evil. com right now', refusedBy: 'link' },
  { language: 'en', text: 'See evil。com', refusedBy: 'link' },
  { language: 'en', text: 'See evil｡com', refusedBy: 'link' },
  { language: 'en', text: 'See evil·com', refusedBy: 'link' },
  { language: 'en', text: 'Our partner: www.evil.net', refusedBy: 'link' },
  { language: 'en', text: 'Details: bit.ly/3xYz', refusedBy: 'link' },
  { language: 'en', text: 'Reach us at ｅｖｉｌ.ｃｏｍ', refusedBy: 'link' },
  { language: 'en', text: 'Visit e\u200bvil.com', refusedBy: 'link' },
  { language: 'en', text: 'Visit 203.0.113.9/promo', refusedBy: 'link' },
  { language: 'en', text: 'Visit https://shop.example.com.evil.io/login', refusedBy: 'link' },
  // Contacts and tags.
  { language: 'en', text: 'Write to help [at] evil [dot] com', refusedBy: 'email' },
  { language: 'en', text: 'Write to help at evil dot com', refusedBy: 'email' },
  { language: 'en', text: 'Call us on +44 20 7946 0958', refusedBy: 'phone' },
  { language: 'en', text: 'Text (555) 123-4567 for help', refusedBy: 'phone' },
  { language: 'en', text: 'Ping <@U024BE7LH> about it', refusedBy: 'mention' },
  { language: 'en', text: 'Love it! #ad #sponsored', refusedBy: 'hashtag' },
  { language: 'en', text: 'Thanks ＠rival_shop', refusedBy: 'mention' },
  // Codes and discounts.
  { language: 'en', text: '𝐔𝐬𝐞 𝐜𝐨𝐝𝐞 𝐒𝐀𝐕𝐄𝟓𝟎', refusedBy: 'code' },
  { language: 'en', text: 'Use code save50 at checkout', refusedBy: 'code' },
  { language: 'en', text: 'Get 20% off your next order', refusedBy: 'promise' },
  { language: 'en', text: 'Here is a coupon just for you', refusedBy: 'promise' },
  { language: 'en', text: 'Here is a c0upon just for you', refusedBy: 'promise' },
  // Promises.
  { language: 'en', text: "We'll send you a free replacement", refusedBy: 'promise' },
  { language: 'en', text: "You'll get your money back", refusedBy: 'promise' },
  { language: 'en', text: 'We will compensate you with store credit', refusedBy: 'promise' },
  { language: 'en', text: 'A full refuuuund is on its way', refusedBy: 'promise' },
  // Profanity in disguise.
  { language: 'en', text: 'This is bullsh1t', refusedBy: 'profanity' },
  { language: 'en', text: 'What the f*ck happened', refusedBy: 'profanity' },
  { language: 'en', text: 'fuuuuck, sorry', refusedBy: 'profanity' },
  { language: 'en', text: 's.h.i.t happens', refusedBy: 'profanity' },
  // Spanish.
  { language: 'es', text: 'Escríbenos a soporte@malo.es', refusedBy: 'email' },
  { language: 'es', text: 'Te hacemos un reembolso completo', refusedBy: 'promise' },
  { language: 'es', text: 'Usa el código VERANO20 y tendrás un 20% de descuento', refusedBy: 'code' },
  { language: 'es', text: 'Usa el código VERANO20 y tendrás un 20% de descuento', refusedBy: 'promise' },
  { language: 'es', text: 'Visita malo punto com', refusedBy: 'link' },
  { language: 'es', text: 'Eres un gilipollas', refusedBy: 'profanity' },
  { language: 'es', text: 'Llámanos al 612 345 678', refusedBy: 'phone' },
  { language: 'es', text: 'Te enviamos un cupón de regalo', refusedBy: 'promise' },
  { language: 'es', text: 'Síguenos en #OfertaFlash', refusedBy: 'hashtag' },
  // Portuguese.
  { language: 'pt', text: 'Vai tomar no cu', refusedBy: 'profanity' },
  { language: 'pt', text: 'Vamos devolver o dinheiro hoje', refusedBy: 'promise' },
  { language: 'pt', text: 'Ganhe 30% de desconto', refusedBy: 'promise' },
  { language: 'pt', text: 'Acesse golpe ponto com', refusedBy: 'link' },
  { language: 'pt', text: 'Fale com @concorrente', refusedBy: 'mention' },
  // French.
  { language: 'fr', text: 'Nous allons vous rembourser intégralement', refusedBy: 'promise' },
  { language: 'fr', text: 'Ta gueule', refusedBy: 'profanity' },
  { language: 'fr', text: 'Code promo : BIENVENUE15', refusedBy: 'code' },
  { language: 'fr', text: 'Profitez d’une remise de 30 %', refusedBy: 'promise' },
  { language: 'fr', text: 'Contactez-nous au 06 12 34 56 78', refusedBy: 'phone' },
  { language: 'fr', text: 'Allez sur arnaque[point]fr', refusedBy: 'link' },
  // German.
  { language: 'de', text: 'Wir erstatten Ihnen den vollen Betrag', refusedBy: 'promise' },
  { language: 'de', text: 'Du bist ein Arschloch', refusedBy: 'profanity' },
  { language: 'de', text: 'Mit dem Gutscheincode HERBST25 sparen', refusedBy: 'code' },
  { language: 'de', text: 'Sie erhalten eine Entschädigung', refusedBy: 'promise' },
  { language: 'de', text: 'Schreib an hilfe@betrug.de', refusedBy: 'email' },
  { language: 'de', text: 'Tolles Produkt #Werbung', refusedBy: 'hashtag' },
  // Italian.
  { language: 'it', text: 'Ti rimborsiamo subito', refusedBy: 'promise' },
  { language: 'it', text: 'Vaffanculo', refusedBy: 'profanity' },
  { language: 'it', text: 'Usa il codice sconto ESTATE30', refusedBy: 'code' },
  { language: 'it', text: 'Ti offriamo uno sconto del 40%', refusedBy: 'promise' },
  { language: 'it', text: 'Ti mandiamo una sostituzione gratuita', refusedBy: 'promise' },
  { language: 'it', text: 'Partecipa al #giveaway e tagga @amici', refusedBy: 'hashtag' },
  // Greek.
  { language: 'el', text: 'Θα σας κάνουμε επιστροφή χρημάτων', refusedBy: 'promise' },
  { language: 'el', text: 'Άντε γαμήσου', refusedBy: 'profanity' },
  { language: 'el', text: 'Έκπτωση 50% για σένα', refusedBy: 'promise' },
  { language: 'el', text: 'Θα λάβετε αποζημίωση', refusedBy: 'promise' },
  { language: 'el', text: 'Καλέστε στο 210 123 4567', refusedBy: 'phone' },
  { language: 'el', text: 'Ρε malaka', refusedBy: 'profanity' },
];

/** Replies a brand would send: the checks must let every one through. */
export const GOOD_REPLIES: readonly { language: string; text: string }[] = [
  { language: 'en', text: 'Hi Maria, sorry about this — a teammate is checking your order and will reply today.' },
  { language: 'en', text: 'Thanks so much for the kind words! 🧡' },
  { language: 'en', text: 'Our size guide is at https://shop.example.com/sizes — between two sizes, pick the larger one.' },
  { language: 'en', text: 'Shipping takes 2–4 business days within the EU, and it is free over €50.' },
  { language: 'en', text: 'We open at 09:00 and close at 18:00, Monday to Friday.' },
  { language: 'en', text: 'Your order 12345678 is on its way, and should arrive by Friday.' },
  { language: 'en', text: 'That sounds frustrating, and we want to fix it. Could you send us a DM with your order number?' },
  { language: 'en', text: 'Prices start at €19; the full list is at https://shop.example.com/prices.' },
  { language: 'en', text: 'Glad you like it! The green one is back in stock next week. It arrives fast. It looks great.' },
  { language: 'en', text: 'The shirt is 100% cotton, machine washable at 30 degrees.' },
  { language: 'en', text: 'Sorry to hear that: the 2023-2024 collection is sold out, and the event is on 12/05/2026.' },
  { language: 'en', text: 'Between sizes? Take the larger one. Thanks for asking, and see you at the shop at 5 p.m.!' },
  { language: 'es', text: 'Hola Javier, lamentamos lo ocurrido. Nuestro equipo está revisando tu pedido y te responderá hoy mismo.' },
  { language: 'es', text: '¡Gracias por tu mensaje! Enviamos a toda España en 2–4 días, y el punto de venta abre a las 10.' },
  { language: 'pt', text: 'Olá João, obrigado pelo contacto! A nossa equipa responde ainda hoje.' },
  { language: 'fr', text: 'Bonjour Hugo, nous sommes désolés. Notre équipe examine votre commande et vous répond aujourd’hui.' },
  { language: 'fr', text: 'Merci beaucoup ! La livraison prend 2 à 4 jours ouvrés, à ce point de vue tout va bien.' },
  { language: 'de', text: 'Hallo Lukas, das tut uns leid. Unser Team prüft deine Bestellung und meldet sich heute noch.' },
  { language: 'de', text: 'Danke für dein Feedback! Die Größentabelle findest du hier: https://shop.example.com/sizes' },
  { language: 'it', text: 'Ciao Giulia, ci dispiace. Il nostro team sta verificando il tuo ordine e ti risponderà oggi.' },
  { language: 'it', text: 'Grazie mille! Spediamo anche in Svizzera, a questo punto è tutto pronto.' },
  { language: 'el', text: 'Γεια σου Κώστα, λυπούμαστε γι’ αυτό. Η ομάδα μας εξετάζει την παραγγελία σου.' },
  { language: 'el', text: 'Ευχαριστούμε πολύ! Η αποστολή γίνεται σε 2–4 εργάσιμες· αναλυτικά στο https://shop.example.com/shipping' },
  { language: 'ka', text: 'გამარჯობა! ზომების ცხრილი: https://shop.example.com/sizes' },
];
