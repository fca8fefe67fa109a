/** Blanks every secret (tokens, webhook secret, salt) out of a text about to be logged or shown. */
export function redact(text: string, secrets: ReadonlyArray<string | undefined>): string {
  return secrets.reduce<string>((line, secret) => (secret ? line.split(secret).join("<redacted>") : line), text);
}
