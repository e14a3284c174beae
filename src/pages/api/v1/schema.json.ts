import { paths, site } from '../../../data/site.ts';
import { apiJsonSchema } from '../../../lib/api.ts';

// The JSON Schema of every /api/v1/ file, generated from the zod schema.
export function GET() {
  return new Response(JSON.stringify(apiJsonSchema({ paths, site }), null, 2) + '\n', {
    headers: { 'Content-Type': 'application/schema+json' },
  });
}
