import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";

/** Streams a (possibly large) file through SHA-256. */
export async function fileSha256(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}
