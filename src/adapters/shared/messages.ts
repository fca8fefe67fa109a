/**
 * Words the adapters say themselves (not answers from the knowledge), in both languages, so
 * Discord and Telegram apologise and refuse in the same voice.
 */
import type { Language } from "../../core/index.js";

export const ADAPTER_MESSAGES = {
  it: {
    apology: "Scusa, qualcosa è andato storto nel rispondere. Riprova tra poco.",
    slowDown: "Stai scrivendo molto velocemente: rispondo di nuovo tra qualche secondo.",
    textOnly: "Leggo solo messaggi di testo: scrivimi la tua domanda.",
    suggestions: "Forse intendevi:",
    servicesTitle: "Servizi Xiaomi che conosco",
    voteThanks: "Grazie del parere!",
    voteNotRecorded: "Non riesco a registrare il voto adesso, grazie comunque.",
    helpful: "Utile",
    notHelpful: "Non utile",
    expiredButton: "Questo pulsante è scaduto: scrivimi di nuovo la domanda.",
  },
  en: {
    apology: "Sorry, something went wrong while answering. Please try again shortly.",
    slowDown: "You're writing very fast: I'll answer again in a few seconds.",
    textOnly: "I only read text messages: please type your question.",
    suggestions: "Did you mean:",
    servicesTitle: "Xiaomi services I know about",
    voteThanks: "Thanks for the feedback!",
    voteNotRecorded: "I can't record votes right now, thanks anyway.",
    helpful: "Helpful",
    notHelpful: "Not helpful",
    expiredButton: "This button has expired: please ask the question again.",
  },
} as const satisfies Record<Language, Record<string, string>>;
