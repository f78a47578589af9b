import { DOMParser, type Document } from '@xmldom/xmldom';

/** The one home of @xmldom/xmldom in the assertions: parses a document strictly (warnings pass). */
export function parseXml(text: string): { readonly document: Document } | { readonly error: string } {
  try {
    const document = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') throw new Error(message);
      },
    }).parseFromString(text, 'text/xml');
    return { document };
  } catch (error) {
    return { error: firstLine((error as Error).message) };
  }
}

const firstLine = (text: string) => text.split('\n')[0]!.replace(/\[xmldom [^\]]*\]\s*/u, '').trim();
