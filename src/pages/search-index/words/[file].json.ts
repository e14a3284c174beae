import { wordIndex } from '../../../data/site.ts';
import { wordIndexFiles } from '../../../lib/search/word-files.ts';

// The word index (src/lib/search/word-index.ts): word shards, document chunks and filter lists.
export async function getStaticPaths() {
  return wordIndexFiles(await wordIndex()).map(({ file, body }) => ({ params: { file }, props: { body } }));
}

export function GET({ props }: { props: { body: unknown } }) {
  return new Response(JSON.stringify(props.body));
}
