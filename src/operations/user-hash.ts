/**
 * Users appear in logs and insights only as a salted hash: stable enough to count one user's
 * votes and floods, useless for finding who they are without the salt.
 */
import { createHash, randomBytes } from "node:crypto";

export type UserHasher = (platform: string, userId: string) => string;

export function userHasher(salt: string = randomBytes(24).toString("base64url")): UserHasher {
  return (platform, userId) => createHash("sha256").update(`${salt}\0${platform}\0${userId}`).digest("base64url").slice(0, 16);
}
