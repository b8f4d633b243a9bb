// Decodes every example with typescript-fetch's models (`XFromJSON`) and re-encodes it
// (`XToJSON`), which is how the generated client reads and writes bodies.
// Usage: node decode.js EXAMPLES_JSON RESULTS_JSON (compiled by tsc --strict with the client).
import * as fs from "fs";
import * as models from "./client/models/index";

interface Example {
  id: string;
  component: string;
  json: string;
}

interface Result {
  id: string;
  decoded: boolean;
  error: string | null;
  reencoded: string | null;
}

type Codec = (value: unknown) => unknown;

function codec(name: string): Codec {
  const found: unknown = (models as Record<string, unknown>)[name];
  if (typeof found !== "function") {
    throw new Error(`the client has no ${name}`);
  }
  return found as Codec;
}

const examples: Example[] = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const results: Result[] = examples.map((example) => {
  try {
    const decoded = codec(`${example.component}FromJSON`)(JSON.parse(example.json));
    const reencoded = JSON.stringify(codec(`${example.component}ToJSON`)(decoded));
    return { id: example.id, decoded: true, error: null, reencoded };
  } catch (error) {
    return { id: example.id, decoded: false, error: String(error).slice(0, 500), reencoded: null };
  }
});
fs.writeFileSync(process.argv[3], JSON.stringify(results, null, 1));
