// The part of sax's API tests/helpers/xml.ts uses (sax ships no types; @types/sax is not installed).
declare module 'sax' {
  interface QualifiedAttribute {
    name: string;
    value: string;
    prefix: string;
    local: string;
    uri: string;
  }
  interface QualifiedTag {
    name: string;
    prefix: string;
    local: string;
    uri: string;
    attributes: Record<string, QualifiedAttribute>;
    isSelfClosing: boolean;
  }
  interface SAXParser {
    error: Error | null;
    onerror: (e: Error) => void;
    onprocessinginstruction: (pi: { name: string; body: string }) => void;
    onopentag: (tag: QualifiedTag) => void;
    onclosetag: (name: string) => void;
    ontext: (text: string) => void;
    oncdata: (text: string) => void;
    write(chunk: string): SAXParser;
    close(): SAXParser;
  }
  function parser(
    strict: boolean,
    options?: { xmlns?: boolean; strictEntities?: boolean; trim?: boolean; normalize?: boolean; lowercase?: boolean; position?: boolean },
  ): SAXParser;
  const sax: { parser: typeof parser };
  export default sax;
}
